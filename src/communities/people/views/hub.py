"""The person page's hub: household, contact preferences, communication needs and consent records.

Views stay thin: ``@requires``, a scoped lookup (audited), a form, an action function from ``people.hub`` or
``people.services``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible

from .. import hub as hub_actions
from .. import services
from ..forms import (
    CommunicationNeedForm,
    ConsentForm,
    ContactPreferencesForm,
    HouseholdForm,
    HouseholdMemberForm,
    WithdrawConsentForm,
)
from ..models import Consent, Person


def hub_context(request, person: Person) -> dict:
    """What the full person page shows beyond the record: household, contact, needs, consents."""
    members, others = [], 0
    if person.household_id:
        household_members = person.household.members.exclude(pk=person.pk)
        members = list(visible(Person, request.user).filter(pk__in=household_members.values("pk")))
        others = household_members.count() - len(members)
    return {
        "household": person.household,
        "household_members": members,
        "household_others": others,
        "contact": hub_actions.contact_preferences_of(person),
        "needs": list(person.communication_needs.current()),
        "consents": list(visible(Consent, request.user).filter(person=person).select_related(
            "organisation", "recorded_by", "withdrawn_by")),
    }


def _person(request, person_id, *, audit=True) -> Person:
    return get_visible_or_404(Person, request.user, request=request, audit=audit, pk=person_id)


def _back(person):
    return redirect("people:detail", person_id=person.pk)


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def household_edit(request, person_id):
    person = _person(request, person_id)
    form = HouseholdForm(request.POST or None, instance=person.household)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in HouseholdForm.Meta.fields}
        hub_actions.update_household(actor=request.user, person=person, data=data, request=request)
        messages.success(request, "The household has been updated.")
        return _back(person)
    return render(request, "people/hub_form.html", {
        "form": form, "person": person, "title": f"Household of {person}", "button": "Save household"})


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def household_member_add(request, person_id):
    person = _person(request, person_id)
    candidates = visible(Person, request.user).exclude(pk=person.pk)
    if person.household_id:
        candidates = candidates.exclude(household=person.household_id)
    if person.postcode_normalised:
        candidates = candidates.filter(postcode_normalised=person.postcode_normalised)
    candidates = list(candidates[:50])
    form = HouseholdMemberForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        member = next(p for p in candidates if str(p.pk) == form.cleaned_data["member"])
        hub_actions.add_household_member(actor=request.user, person=person, member=member, request=request)
        messages.success(request, f"{member} has been added to the household.")
        return _back(person)
    intro = ("People your organisation supports at the same postcode." if candidates else
             "Nobody else your organisation supports lives at this postcode.")
    return render(request, "people/hub_form.html", {
        "form": form if candidates else None, "person": person, "title": f"Add someone to {person}'s household",
        "intro": intro, "button": "Add to household"})


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def contact_preferences_edit(request, person_id):
    person = _person(request, person_id)
    current = hub_actions.contact_preferences_of(person)
    initial = {}
    if current is not None:
        initial = {"preferred_channels": current.preferred_channels, "best_times": current.best_times,
                   "do_not_contact_by": current.do_not_contact_by,
                   "ok_to_leave_message": {True: "yes", False: "no"}.get(current.ok_to_leave_message, "")}
    form = ContactPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hub_actions.save_contact_preferences(actor=request.user, person=person, request=request,
                                                 **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Contact preferences have been saved.")
            return _back(person)
    return render(request, "people/hub_form.html", {
        "form": form, "person": person, "title": f"How to contact {person}", "button": "Save preferences"})


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def need_add(request, person_id):
    person = _person(request, person_id)
    form = CommunicationNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hub_actions.add_communication_need(actor=request.user, person=person, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The communication need has been recorded.")
            return _back(person)
    return render(request, "people/hub_form.html", {
        "form": form, "person": person, "title": f"Add a communication need for {person}", "button": "Add need",
        "intro": "Needs for information or communication support, by the NHS Accessible Information Standard's "
                 "categories."})


@requires("people.change_person")
@require_http_methods(["POST"])
def need_end(request, person_id):
    person = _person(request, person_id, audit=False)
    try:
        need_id = int(request.POST.get("need", ""))
    except ValueError as exc:
        raise Http404 from exc
    need = hub_actions.current_need(person, need_id)
    if need is None:
        raise Http404
    hub_actions.end_communication_need(actor=request.user, need=need, request=request)
    messages.success(request, f"{need.label} is no longer recorded as a need.")
    return _back(person)


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def consent_add(request, person_id):
    person = _person(request, person_id)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        given_on = data.pop("given_on")
        given_at = timezone.now() if given_on == timezone.localdate() else timezone.make_aware(
            datetime.combine(given_on, time(12)))
        try:
            services.record_consent(person=person, given_at=given_at, organisation=request.organisation,
                                    by=request.user, request=request, **data)
        except ValidationError as exc:
            if "given_at" in getattr(exc, "error_dict", {}):
                exc.error_dict["given_on"] = exc.error_dict.pop("given_at")
            add_service_errors(form, exc)
        else:
            messages.success(request, "The consent has been recorded.")
            return _back(person)
    return render(request, "people/hub_form.html", {
        "form": form, "person": person, "title": f"Record consent for {person}", "button": "Record consent",
        "intro": "Record what they agreed to, or the other lawful basis for using their information, for one "
                 "purpose."})


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, person_id, consent_id: uuid.UUID):
    person = _person(request, person_id, audit=False)
    consent = get_visible_or_404(Consent, request.user, request=request, person=person, pk=consent_id)
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_consent(consent, by=request.user, note=form.cleaned_data["note"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The consent has been recorded as withdrawn.")
            return _back(person)
    return render(request, "people/hub_form.html", {
        "form": form, "person": person, "title": f"Withdraw consent: {consent.get_purpose_display()}",
        "button": "Record withdrawal", "intro": f"Given {consent.given_at:%-d %B %Y} to {consent.organisation}."})
