"""Action functions for residents' requests: log a request (with its due date) and find whom it is about."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.http import Http404

from communities.audit.services import Action, record
from communities.core.access import has_perm

from .models import SubjectRequest

SEARCH_LIMIT = 25


def due_date(received: date) -> date:
    """One calendar month from the day received, counting that day as day one (ICO, "Right of access: how long do we
    have to comply?", updated 15 August 2019): the corresponding date next month, or that month's last day when it has
    no such date; a Saturday or Sunday moves to the Monday. Bank holidays are not known here: check them."""
    year, month = (received.year + 1, 1) if received.month == 12 else (received.year, received.month + 1)
    due = date(year, month, min(received.day, calendar.monthrange(year, month)[1]))
    while due.weekday() >= 5:
        due += timedelta(days=1)
    return due


def subjects_for(user):
    """People the user's organisation is or was involved with: a closed case still has to be answered for.

    Only roles with ``dataprotection.handle_request`` (see organisations/rules.py) get any; emergency access does not
    make someone the organisation's to answer for."""
    from communities.people.models import Person

    organisation = getattr(user, "current_organisation", None)
    if organisation is None or not has_perm(user, "dataprotection.handle_request"):
        return Person.objects.none()
    return Person.objects.filter(involvements__organisation=organisation).distinct()


def subject_or_404(user, person_id, *, request=None):
    """The person if the user's organisation answers for them, else 404 (never 403); the read is audited."""
    person = subjects_for(user).filter(pk=person_id).first()
    if person is None:
        raise Http404
    record(actor=user, action=Action.VIEW, obj=person, reason="Data-protection request", request=request)
    return person


def search_subjects(user, text: str, *, request=None) -> list:
    """Up to 25 people matching a name or postcode; the people shown are audited (people.services)."""
    from communities.people.services import record_people_shown

    people = list(subjects_for(user).search(text)[:SEARCH_LIMIT]) if text.strip() else []
    record_people_shown(actor=user, people=people, request=request, search=text, where="data-protection search")
    return people


def log_request(*, actor, person, kind: str, received_on: date, details: str = "", request=None) -> SubjectRequest:
    if kind not in SubjectRequest.Kind.values:
        raise ValueError(f"Unknown kind of request: {kind!r}")
    with transaction.atomic():
        subject_request = SubjectRequest.objects.create(
            organisation=actor.current_organisation, person=person, kind=kind, received_on=received_on,
            due_on=due_date(received_on), details=details, logged_by=actor,
        )
        record(actor=actor, action=Action.CREATE, obj=subject_request, request=request,
               fields={"kind": kind, "person": str(person.pk), "received_on": received_on.isoformat(),
                       "due_on": subject_request.due_on.isoformat()})
    return subject_request


def mark_sent(*, actor, subject_request: SubjectRequest, request=None) -> SubjectRequest:
    """Close a subject access request once the copy has been sent to the resident."""
    from django.utils import timezone

    if subject_request.kind != SubjectRequest.Kind.ACCESS or not subject_request.is_open:
        raise ValueError("Only an open subject access request can be marked as sent")
    with transaction.atomic():
        subject_request.status = SubjectRequest.Status.COMPLETED
        subject_request.decided_by, subject_request.decided_at = actor, timezone.now()
        subject_request.save(update_fields=["status", "decided_by", "decided_at"])
        record(actor=actor, action=Action.UPDATE, obj=subject_request, fields={"status": "completed"},
               request=request)
    return subject_request
