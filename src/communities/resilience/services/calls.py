"""Working the call list: responders join an incident and the calls not yet done are shared out among them (people
first in call order go first to everyone); each contact attempt is logged with its outcome (reached and fine; needs
help, which opens a follow-up task; not reached, which puts the call back for another try)."""

from __future__ import annotations

from datetime import timedelta
from itertools import cycle

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core import notify
from communities.organisations.models import Membership, Role
from communities.people.models import AssignmentKind, Involvement
from communities.people.services import AssignmentError, assign_person, end_assignment

from ..models import Call, CallOutcome, ContactAttempt, FollowUp, Incident, IncidentResponder
from .common import require

STAFF_ROLES = (Role.EMERGENCY_PLANNER, Role.COUNCIL_OFFICER, Role.ADMINISTRATOR, Role.VCSE_WORKER)
VOLUNTEER_ROLES = (Role.VOLUNTEER,)
ASSIGNMENT_HOURS = 72  # a volunteer's view lasts at most this long; closing the incident ends it sooner


def _require_open(incident: Incident) -> None:
    if not incident.is_open:
        raise ValidationError("This incident is closed")


def responder_candidates(organisation):
    """Memberships that may respond: staff of any organisation and volunteers (vetted by their organisation)."""
    return (Membership.objects.active().filter(role__in=[*STAFF_ROLES, *VOLUNTEER_ROLES])
            .filter(Q(organisation=organisation) | ~Q(organisation__kind="council"))
            .select_related("user", "organisation").order_by("organisation__name", "user__email"))


def add_responder(*, actor, incident: Incident, membership: Membership, request=None) -> IncidentResponder:
    require(actor, "resilience.run_incident")
    _require_open(incident)
    if not responder_candidates(incident.organisation).filter(pk=membership.pk).exists():
        raise ValidationError({"membership": "Choose a member of staff or a volunteer from the list"})
    if incident.responders.filter(user=membership.user).exists():
        raise ValidationError({"membership": f"{membership.user} is already responding to this incident"})
    with transaction.atomic():
        responder = IncidentResponder.objects.create(
            incident=incident, user=membership.user, organisation=membership.organisation,
            volunteer=membership.role in VOLUNTEER_ROLES, added_by=actor)
        record(actor=actor, action=Action.CREATE, obj=responder, request=request,
               fields={"incident": str(incident.pk), "user": membership.user.email,
                       "organisation": membership.organisation.name, "volunteer": responder.volunteer})
    return responder


def _may_take(responder: IncidentResponder, involved: dict[str, set]) -> callable:
    if not responder.volunteer:
        return lambda call: True
    people = involved[responder.organisation_id]
    return lambda call: call.entry.person_id in people


def share_out_calls(*, actor, incident: Incident, request=None) -> dict[str, int]:
    """Give every call not yet done and not yet given to someone to a responder, in turn, in call order.

    A volunteer takes only people their organisation supports (a people.Assignment of kind emergency_call then lets
    them see that person until the incident closes); staff take anyone. Returns calls given per responder email.
    """
    require(actor, "resilience.run_incident")
    _require_open(incident)
    responders = list(incident.responders.select_related("user", "organisation"))
    if not responders:
        raise ValidationError("Add at least one responder first")
    waiting = list(incident.calls.on_current_register().filter(responder__isnull=True).exclude(
        outcome__in=[CallOutcome.REACHED_FINE, CallOutcome.NEEDS_HELP]).select_related("entry").order_by("position"))
    volunteer_orgs = {r.organisation_id for r in responders if r.volunteer}
    involved = {org: set() for org in volunteer_orgs}
    for person_id, org in Involvement.objects.filter(
            organisation_id__in=volunteer_orgs, ended_on__isnull=True,
            person_id__in=[c.entry.person_id for c in waiting]).values_list("person_id", "organisation_id"):
        involved[org].add(person_id)
    takers = [(r, _may_take(r, involved)) for r in responders]
    given: dict = {r.user.email: [] for r in responders}
    turn = cycle(range(len(takers)))
    for call in waiting:
        for _ in range(len(takers)):
            responder, may_take = takers[next(turn)]
            if may_take(call):
                given[responder.user.email].append((responder, call))
                break
    with transaction.atomic():
        for calls in given.values():
            _give(actor, incident, calls, request)
        record(actor=actor, action=Action.UPDATE, obj=incident, request=request,
               fields={"calls_shared_out": {email: len(calls) for email, calls in given.items()}})
    if not incident.exercise:
        transaction.on_commit(lambda: _tell_responders(incident, given))
    return {email: len(calls) for email, calls in given.items()}


def _give(actor, incident, calls, request) -> None:
    if not calls:
        return
    responder = calls[0][0]
    ids = [call.pk for _, call in calls]
    Call.objects.filter(pk__in=ids).update(responder=responder.user)
    if not responder.volunteer:
        return
    ends_at = timezone.now() + timedelta(hours=ASSIGNMENT_HOURS)
    for _, call in calls:
        try:
            assignment = assign_person(
                actor=actor, organisation=responder.organisation, person=call.entry.person, assignee=responder.user,
                kind=AssignmentKind.EMERGENCY_CALL, reason=f"Emergency call: {incident.name}"[:200],
                ends_at=ends_at, request=request)
        except AssignmentError as exc:
            raise ValidationError(f"Could not give call {call.position} to {responder.user}: {exc}") from exc
        Call.objects.filter(pk=call.pk).update(assignment=assignment)


def _tell_responders(incident, given) -> None:
    link = settings.SITE_ROOT + reverse("resilience:my_calls")
    for email, calls in given.items():
        if calls:
            notify.send_email(to=email, template="resilience_call_list", reference=f"incident-{incident.pk}",
                              personalisation={"organisation": incident.organisation.name, "count": len(calls),
                                               "incident": incident.name, "link": link})


def record_contact(*, actor, call: Call, outcome: str, note: str = "", help_needed: str = "",
                   request=None) -> ContactAttempt:
    """Log one attempt to contact the person on ``call``. The actor must see the call (their own, or as a planner)."""
    if not Call.objects.visible_to(actor).filter(pk=call.pk).exists():
        raise PermissionDenied("This call is not on your list")
    note, help_needed = (note or "").strip(), (help_needed or "").strip()
    errors = {}
    if outcome not in CallOutcome.values:
        errors["outcome"] = "Select what happened"
    if outcome == CallOutcome.NEEDS_HELP and not help_needed:
        errors["help_needed"] = "Say what help they need"
    if len(note) > 2000 or len(help_needed) > 2000:
        errors["note" if len(note) > 2000 else "help_needed"] = "Enter at most 2,000 characters"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        call = Call.objects.select_for_update().select_related("incident").get(pk=call.pk)
        _require_open(call.incident)
        now = timezone.now()
        attempt = ContactAttempt.objects.create(call=call, outcome=outcome, note=note, by=actor, at=now)
        call.outcome, call.attempts, call.last_attempt_at = outcome, call.attempts + 1, now
        call.first_attempt_at = call.first_attempt_at or now
        call.save(update_fields=["outcome", "attempts", "last_attempt_at", "first_attempt_at"])
        if outcome == CallOutcome.NEEDS_HELP:
            FollowUp.objects.create(call=call, description=help_needed, created_by=actor)
        record(actor=actor, action=Action.CREATE, obj=attempt, request=request,
               fields={"call": call.pk, "incident": str(call.incident_id), "outcome": outcome,
                       "help_needed": bool(help_needed)})
    return attempt


def finish_follow_up(*, actor, follow_up: FollowUp, request=None) -> FollowUp:
    require(actor, "resilience.run_incident")
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if follow_up.done_at:
            raise ValidationError("This follow-up is already done")
        follow_up.done_at, follow_up.done_by = timezone.now(), actor
        follow_up.save(update_fields=["done_at", "done_by"])
        record(actor=actor, action=Action.UPDATE, obj=follow_up, request=request,
               fields={"done_at": follow_up.done_at.isoformat()})
    return follow_up


def end_volunteer_views(*, actor, incident: Incident, request=None) -> int:
    """End every open emergency-call assignment of the incident (used when it closes)."""
    ended = 0
    for call in incident.calls.filter(assignment__isnull=False, assignment__ended_at__isnull=True,
                                      assignment__ends_at__gt=timezone.now()).select_related("assignment"):
        try:
            end_assignment(actor=actor, assignment=call.assignment, request=request)
            ended += 1
        except AssignmentError:
            continue
    return ended
