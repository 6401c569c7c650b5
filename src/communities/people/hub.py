"""Action functions for the person page's hub: household, contact preferences and communication needs.

Each writes the change and its audit row in one transaction (the shape of ``people.services``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, changed_fields, record, snapshot, stored_snapshot

from .models import Channel, CommunicationNeed, ContactPreferences, Household, Person
from .models.hub import need_choices, need_label, needs_language


def contact_preferences_of(person: Person) -> ContactPreferences | None:
    return ContactPreferences.objects.filter(person=person).first()


def current_need(person: Person, need_id: int) -> CommunicationNeed | None:
    return person.communication_needs.current().filter(pk=need_id).first()


def update_household(*, actor, person: Person, data: dict, request=None) -> Household:
    """Change the address and tenure of the person's household, making one if they have none yet."""
    with transaction.atomic():
        household = person.household
        if household is None:
            household = Household.objects.create(**data)
            person.household = household
            person.save(update_fields=["household"])
            record(actor=actor, action=Action.CREATE, obj=household, request=request,
                   fields={**snapshot(household), "person": str(person.pk)})
            return household
        before = stored_snapshot(household)
        for name, value in data.items():
            setattr(household, name, value)
        household.save()
        changes = changed_fields(household, before)
        if changes:
            record(actor=actor, action=Action.UPDATE, obj=household, request=request,
                   fields={**changes, "person": str(person.pk)})
    return household


def add_household_member(*, actor, person: Person, member: Person, request=None) -> Household:
    """Put ``member`` in ``person``'s household (making one at the person's postcode if there is none)."""
    if member.pk == person.pk:
        raise ValidationError("Choose someone else to add to the household")
    with transaction.atomic():
        household = person.household or update_household(
            actor=actor, person=person, data={"postcode": person.postcode}, request=request
        )
        previous = member.household_id
        member.household = household
        member.save(update_fields=["household"])
        record(actor=actor, action=Action.UPDATE, obj=member, request=request,
               fields={"household": [str(previous) if previous else None, str(household.pk)]})
    return household


def _channels(values) -> list[str]:
    unknown = [v for v in values if v not in Channel.values]
    if unknown:
        raise ValidationError(f"Unknown way to contact: {', '.join(unknown)}")
    return list(dict.fromkeys(values))


def save_contact_preferences(
    *, actor, person: Person, preferred_channels, best_times: str, ok_to_leave_message: bool | None,
    do_not_contact_by, request=None,
) -> ContactPreferences:
    preferred, never = _channels(preferred_channels), _channels(do_not_contact_by)
    clash = [label for code, label in Channel.choices if code in preferred and code in never]
    if clash:
        raise ValidationError({"do_not_contact_by": f"{', '.join(clash)} cannot be both preferred and ruled out"})
    with transaction.atomic():
        preferences = ContactPreferences.objects.select_for_update().filter(person=person).first()
        before = stored_snapshot(preferences) if preferences else None
        preferences = preferences or ContactPreferences(person=person)
        preferences.preferred_channels, preferences.do_not_contact_by = preferred, never
        preferences.best_times, preferences.ok_to_leave_message = best_times.strip(), ok_to_leave_message
        preferences.updated_by = actor
        preferences.save()
        fields = snapshot(preferences) if before is None else changed_fields(preferences, before)
        fields.pop("updated_at", None)
        record(actor=actor, action=Action.CREATE if before is None else Action.UPDATE, obj=preferences,
               request=request, fields={**fields, "person": str(person.pk)})
    return preferences


def add_communication_need(*, actor, person: Person, need: str, language: str = "", detail: str = "",
                           request=None) -> CommunicationNeed:
    language, detail = language.strip(), detail.strip()
    if need not in dict(need_choices()):
        raise ValidationError({"need": "Select a communication need from the list"})
    if needs_language(need) and not language:
        raise ValidationError({"language": "Enter the language the interpreter needs to speak"})
    if need == "other" and not detail:
        raise ValidationError({"detail": "Describe the need"})
    if person.communication_needs.current().filter(need=need, language__iexact=language).exists():
        raise ValidationError({"need": f"{need_label(need)} is already recorded"})
    with transaction.atomic():
        item = CommunicationNeed.objects.create(person=person, need=need, language=language, detail=detail,
                                                recorded_by=actor)
        record(actor=actor, action=Action.CREATE, obj=item, request=request,
               fields={"person": str(person.pk), "need": need, "language": language, "detail": detail})
    return item


def end_communication_need(*, actor, need: CommunicationNeed, request=None) -> CommunicationNeed:
    with transaction.atomic():
        need = CommunicationNeed.objects.select_for_update().get(pk=need.pk)
        if need.ended_at is not None:
            raise ValidationError("This need has already been removed")
        need.ended_at, need.ended_by = timezone.now(), actor
        need.save(update_fields=["ended_at", "ended_by"])
        record(actor=actor, action=Action.UPDATE, obj=need, request=request,
               fields={"person": str(need.person_id), "ended_at": [None, need.ended_at.isoformat()]})
    return need
