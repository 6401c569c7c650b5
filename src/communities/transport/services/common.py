"""Shared pieces of the room's action functions: postcodes to places, journey times, trip status rows."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.audit.services import Action, record
from communities.places.geo import PostcodeError
from communities.places.services import Location, PlaceNotFound, locate
from communities.scheduling.travel import DEFAULT_DETOUR_FACTOR, DEFAULT_SPEED_KMH, haversine_km

from ..models import Trip, TripStatusChange

KM_PER_MILE = 1.609344


def place(postcode: str, field: str) -> Location:
    """The postcode's place in the council's area, or a ``ValidationError`` on ``field`` saying what is wrong."""
    try:
        return locate(postcode or "")
    except PostcodeError as exc:
        raise ValidationError({field: f"Enter a real postcode, like TS18 1AU ({exc})"}) from exc
    except PlaceNotFound as exc:
        raise ValidationError({field: f"{exc} The scheme only picks up and drops off in the council's area."}) from exc


def journey_minutes(from_lat: float, from_lon: float, to_lat: float, to_lon: float) -> float:
    """Driving minutes by the planning assumption the scheduler uses (straight line × detour factor ÷ speed)."""
    return haversine_km(from_lat, from_lon, to_lat, to_lon) * DEFAULT_DETOUR_FACTOR / DEFAULT_SPEED_KMH * 60


def road_miles(from_lat: float, from_lon: float, to_lat: float, to_lon: float) -> float:
    return haversine_km(from_lat, from_lon, to_lat, to_lon) * DEFAULT_DETOUR_FACTOR / KM_PER_MILE


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def record_status(*, trip: Trip, from_status: str, to_status: str, by, note: str = "", request=None,
                  fields: dict | None = None) -> TripStatusChange:
    """The status row and the audit row of one change (call inside the change's transaction)."""
    change = TripStatusChange.objects.create(trip=trip, from_status=from_status, to_status=to_status, by=by,
                                             at=timezone.now(), note=note[:300])
    record(actor=by, organisation=trip.organisation, action=Action.UPDATE if from_status else Action.CREATE,
           obj=trip, request=request, reason="" if by else note,
           fields={"status": [from_status or None, to_status], **(fields or {})})
    return change
