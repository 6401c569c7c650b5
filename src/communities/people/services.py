"""Action functions for people: each writes the change and its audit row in one transaction."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, changed_fields, record, snapshot

from .models import BreakGlassGrant, Involvement, Person

BREAK_GLASS_HOURS = 24


class BreakGlassError(Exception):
    """No single record matches; the message is safe to show (it never reveals who exists)."""


def create_person(*, actor, organisation, data: dict, involvement_reason: str, request=None) -> Person:
    with transaction.atomic():
        person = Person.objects.create(**data)
        Involvement.objects.create(person=person, organisation=organisation, reason=involvement_reason)
        record(
            actor=actor, organisation=organisation, action=Action.CREATE, obj=person,
            fields={**snapshot(person), "involvement": involvement_reason}, request=request,
        )
    return person


def update_person(*, actor, person: Person, data: dict, request=None) -> Person:
    with transaction.atomic():
        # Compare with the stored row: a bound ModelForm has already written the new values onto ``person``.
        before = snapshot(Person.objects.get(pk=person.pk))
        for name, value in data.items():
            setattr(person, name, value)
        person.save()
        changes = changed_fields(person, before)
        changes.pop("updated_at", None)
        if changes:
            record(actor=actor, action=Action.UPDATE, obj=person, fields=changes, request=request)
    return person


def break_glass(*, actor, last_name: str, date_of_birth, reason: str, request=None) -> Person:
    """Grant the actor 24 hours' access to the one person matching surname and date of birth."""
    reason = reason.strip()
    if len(reason) < 10:
        raise BreakGlassError("Give the reason you need to see this record (at least 10 characters)")
    matches = list(Person.objects.filter(last_name__iexact=last_name.strip(), date_of_birth=date_of_birth)[:2])
    if len(matches) != 1:
        raise BreakGlassError("No single record matches that surname and date of birth")
    person = matches[0]
    with transaction.atomic():
        BreakGlassGrant.objects.create(
            person=person, user=actor, organisation=actor.current_organisation, reason=reason,
            expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
        )
        record(actor=actor, action=Action.BREAK_GLASS, obj=person, reason=reason, request=request)
    return person
