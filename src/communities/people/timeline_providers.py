"""People's own timeline entries (consents, involvements, assignments) and the money checks saved to a person.

Each provider reads through its room's ``visible_to(user)``, so an entry appears only for those allowed to see it:
volunteers and drivers get their own assignment and nothing else (no consents, involvements or money).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from communities.core.access import has_perm

from .models import Assignment, Consent, Involvement, Person
from .timeline import TimelineEntry, register


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _who(user) -> str:
    return (user.full_name or user.email) if user is not None else "someone"


def consent_entries(person, user):
    for consent in Consent.objects.visible_to(user).filter(person=person).select_related(
        "organisation", "recorded_by", "withdrawn_by"
    ):
        purpose = consent.get_purpose_display()
        yield TimelineEntry(
            when=consent.given_at, room="Consent", title=f"Consent recorded: {purpose}",
            detail=f"{consent.get_lawful_basis_display()}. {consent.get_how_given_display()} to "
                   f"{consent.organisation}; recorded by {_who(consent.recorded_by)}",
        )
        if consent.withdrawn_at:
            yield TimelineEntry(
                when=consent.withdrawn_at, room="Consent", title=f"Consent withdrawn: {purpose}",
                detail=f"Recorded by {_who(consent.withdrawn_by)}", tags=("Withdrawn",),
            )


def involvement_entries(person, user):
    if not has_perm(user, "people.view_full_record") or not Person.objects.visible_to(user).filter(
        pk=person.pk
    ).exists():
        return
    own = getattr(user, "current_organisation", None)
    for involvement in Involvement.objects.filter(person=person).select_related("organisation"):
        # Another organisation's reason stays with them: a worker sees who else is involved, not why.
        detail = involvement.reason if involvement.organisation == own else ""
        yield TimelineEntry(when=_moment(involvement.started_on), room="Support",
                            title=f"{involvement.organisation} started supporting them", detail=detail)
        if involvement.ended_on:
            yield TimelineEntry(when=_moment(involvement.ended_on), room="Support",
                                title=f"{involvement.organisation} stopped supporting them")


def assignment_entries(person, user):
    for assignment in Assignment.objects.visible_to(user).filter(person=person).select_related("user"):
        title = f"{assignment.get_kind_display()}: {_who(assignment.user)} assigned"
        yield TimelineEntry(when=assignment.starts_at, room="Assignment", title=title, detail=assignment.reason)
        if assignment.ended_at:
            yield TimelineEntry(when=assignment.ended_at, room="Assignment",
                                title=f"Assignment of {_who(assignment.user)} ended early")


def money_entries(person, user):
    from communities.money.models import Outcome, SavedCheck

    for check in SavedCheck.objects.visible_to(user).filter(person=person).select_related("organisation"):
        yield TimelineEntry(
            when=check.created_at, room="Money check", title=str(check),
            detail=f"£{check.total_unclaimed_per_year:,.0f} a year not yet claimed; by {check.organisation}",
            url=reverse("money:saved_check", kwargs={"saved_id": check.pk}),
        )
    for outcome in Outcome.objects.visible_to(user).filter(saved_check__person=person):
        amount = f" (£{outcome.amount_per_year:,.0f} a year)" if outcome.amount_per_year else ""
        yield TimelineEntry(
            when=_moment(outcome.occurred_on), room="Money check",
            title=f"{outcome.get_benefit_display()}: {outcome.get_status_display()}{amount}",
            url=reverse("money:saved_check", kwargs={"saved_id": outcome.saved_check_id}),
        )


def register_all() -> None:
    register("people.consents", consent_entries)
    register("people.involvements", involvement_entries)
    register("people.assignments", assignment_entries)
    register("money.checks", money_entries)
