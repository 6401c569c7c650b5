"""Accounts in the Django admin. Every save and delete is audited in the same transaction, and nobody changes their own
platform powers (staff, superuser, active): another platform administrator must (four eyes)."""

from django import forms
from django.contrib import admin
from django.db import transaction

from communities.audit.services import Action, record, record_saved, stored_snapshot

from .models import User

POWERS = ("is_staff", "is_superuser", "is_active")


class UserAdminForm(forms.ModelForm):
    actor = None  # the signed-in platform administrator, set by UserAdmin.get_form

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None and self.actor is not None and self.instance.pk == self.actor.pk:
            for field in POWERS:
                if field in self.changed_data:
                    self.add_error(field, "You cannot change this for your own account. Ask another platform "
                                          "administrator.")
        return data


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    form = UserAdminForm
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "user_permissions", "groups"]
    readonly_fields = ["last_login", "date_joined"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = stored_snapshot(obj)
            obj.save()  # the form has no password field; a changed hash would be audited as "(hidden)"
            record_saved(actor=request.user, obj=obj, before=before, new_fields={f: getattr(obj, f) for f in POWERS},
                         reason="Changed in the admin site", request=request)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record(actor=request.user, action=Action.DELETE, obj=obj, fields={"email": obj.email}, request=request,
                   reason="Deleted in the admin site")
            obj.delete()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
