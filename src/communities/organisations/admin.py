"""The Django admin for platform administrators. Every save and delete goes through ``services`` (the change and its
audit row in one transaction), and memberships follow the same grant rules as invitations (roles.py): no role an
organisation's kind cannot hold, and nobody gives themselves a membership (another administrator must invite them)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.forms.models import BaseInlineFormSet

from . import services
from .models import Invitation, Membership, Organisation
from .roles import RoleNotAllowed, check_grant


class MembershipFormSet(BaseInlineFormSet):
    actor = None  # the signed-in platform administrator, set by MembershipInline.get_formset

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            try:
                services.check_membership_change(form.instance, organisation=self.instance, actor=self.actor)
            except RoleNotAllowed as exc:
                form.add_error(None, str(exc))


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "is_active", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.actor = request.user
        return formset


def _delete_each(request, queryset, delete) -> None:
    for obj in queryset:
        delete(obj)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        services.save_organisation(organisation=obj, actor=request.user, request=request)

    def delete_model(self, request, obj):
        services.delete_organisation(organisation=obj, actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        _delete_each(request, queryset, lambda obj: self.delete_model(request, obj))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.delete_membership(membership=membership, actor=request.user, request=request)
        for membership in instances:
            services.save_membership(membership=membership, actor=request.user, request=request)
        return None


class InvitationAddForm(forms.ModelForm):
    actor = None  # the signed-in platform administrator, set by InvitationAdmin.get_form

    class Meta:
        model = Invitation
        fields = ["organisation", "email", "role"]

    def clean(self):
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if organisation is not None and role:
            try:
                check_grant(organisation=organisation, role=role, granted_by=self.actor)
            except RoleNotAllowed as exc:
                self.add_error("role", str(exc))
        return data


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Platform administrators invite people here (for example to the platform-wide roles) through
    ``services.invite_member``, which checks the role, audits and emails the link. An invitation is never edited or
    deleted, only withdrawn (an audited action)."""

    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["email", "organisation__name"]
    actions = ["withdraw"]
    shown = ["organisation", "email", "role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]

    def get_fields(self, request, obj=None):
        return InvitationAddForm.Meta.fields if obj is None else self.shown

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = InvitationAddForm
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        invitation = services.invite_member(organisation=obj.organisation, email=obj.email, role=obj.role,
                                            invited_by=request.user, request=request)
        obj.pk, obj.email, obj.invited_by = invitation.pk, invitation.email, invitation.invited_by

    @admin.action(description="Withdraw the selected invitations")
    def withdraw(self, request, queryset):
        for invitation in queryset:
            services.withdraw_invitation(invitation=invitation, actor=request.user, request=request)
        messages.success(request, "The selected invitations can no longer be used.")
