"""Trip outcomes (TDS trip task completion) by the driver or a coordinator, cancelling and turning away requests.

A finished trip is locked: every change is a conditional update (``UPDATE ... WHERE status = <the status the user
saw>``), so a second outcome for the same trip, from anyone, is refused with who recorded the first and when.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import FINISHED, OUTCOMES, CancelledBy, Status, Trip
from .common import record_status

MAX_MILES = Decimal("300")
MAX_MINUTES = 12 * 60


def _locked_message(trip: Trip) -> str:
    trip.refresh_from_db()
    if trip.status in FINISHED:
        when = timezone.localtime(trip.outcome_recorded_at or timezone.now())
        who = trip.outcome_recorded_by or "someone"
        return (f"This trip is locked: {who} recorded it as {trip.get_status_display().lower()} on "
                f"{when:%d %B %Y at %H:%M}")
    return f"This trip changed while you were looking at it: it is now {trip.get_status_display().lower()}"


def _outcome_errors(trip: Trip, outcome: str, cancelled_by: str, miles, minutes) -> dict:
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = "Choose what happened"
    elif outcome in (Status.COMPLETED, Status.NO_SHOW) and trip.status != Status.SCHEDULED:
        errors["outcome"] = "Only a trip with a confirmed driver can be done or a no-show"
    elif outcome == Status.COMPLETED and timezone.now() < trip.earliest_pickup:
        errors["outcome"] = "The trip has not started yet: record it as done after the pickup"
    if outcome in (Status.CANCELLED, Status.CANCELLED_LATE) and cancelled_by not in CancelledBy.values:
        errors["cancelled_by"] = "Say who cancelled"
    if outcome in (Status.COMPLETED, Status.NO_SHOW):
        if miles is None or not Decimal("0") < miles <= MAX_MILES:
            errors["miles_driven"] = f"Enter the miles driven for this trip, more than 0 and at most {MAX_MILES}"
        if minutes is None or not 0 < minutes <= MAX_MINUTES:
            errors["volunteer_minutes"] = "Enter the minutes the trip took you, from 1 to 720"
    return errors


def record_outcome(*, actor, trip: Trip, outcome: str, seen_status: str, cancelled_by: str = "", note: str = "",
                   miles_driven: Decimal | None = None, volunteer_minutes: int | None = None, request=None) -> Trip:
    """Record what happened to ``trip``; ``seen_status`` is the status the user saw on the page.

    The caller has checked the user may see the trip (a driver: only their own, ``TripQuerySet.visible_to``)."""
    if trip.status in FINISHED or trip.status != seen_status:
        raise ValidationError({"outcome": _locked_message(trip)})
    errors = _outcome_errors(trip, outcome, cancelled_by, miles_driven, volunteer_minutes)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    changes = {"status": outcome, "cancelled_by": cancelled_by if outcome in (Status.CANCELLED,
                                                                                Status.CANCELLED_LATE) else "",
               "outcome_note": note.strip()[:300], "outcome_recorded_at": now, "outcome_recorded_by": actor}
    if outcome in (Status.COMPLETED, Status.NO_SHOW):
        changes.update(miles_driven=miles_driven, volunteer_minutes=volunteer_minutes)
    with transaction.atomic():
        if not Trip.objects.filter(pk=trip.pk, status=seen_status).update(**changes):
            raise ValidationError({"outcome": _locked_message(trip)})
        record_status(trip=trip, from_status=seen_status, to_status=outcome, by=actor, note=note, request=request,
                      fields={"cancelled_by": changes["cancelled_by"], "miles_driven": miles_driven,
                              "volunteer_minutes": volunteer_minutes})
    trip.refresh_from_db()
    return trip


def turn_away(*, actor, trip: Trip, reason: str, request=None) -> Trip:
    """The scheme cannot do this trip (no driver free, outside its rules): counted in the unmet-request rate."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the scheme cannot do the trip, so it can be offered another day "
                                         "or another service"})
    with transaction.atomic():
        if not Trip.objects.filter(pk=trip.pk, status=Status.REQUESTED).update(
                status=Status.TURNED_AWAY, turned_away_reason=reason[:300], outcome_recorded_at=timezone.now(),
                outcome_recorded_by=actor):
            raise ValidationError({"reason": "Only a trip still waiting for a driver can be turned away. "
                                             + _locked_message(trip)})
        record_status(trip=trip, from_status=Status.REQUESTED, to_status=Status.TURNED_AWAY, by=actor, note=reason,
                      request=request)
    trip.refresh_from_db()
    return trip
