"""This room's own personal data, and the models of rooms that hold none although their field names look personal."""

from __future__ import annotations

from .models import SubjectRequest
from .registry import not_personal, register

register(
    "dataprotection.SubjectRequest", record_type="rights_request", subject="person", order=700,
    describe="Your requests to see or erase your information",
    export_fields=("kind", "status", "received_on", "due_on", "organisation", "decided_at", "decision_reason"),
    anonymise={"details": "", "decision_reason": ""},
    expired=lambda cutoff: SubjectRequest.objects.filter(received_on__lte=cutoff),
)

# Rooms without personal data have no privacy.py of their own; their look-alike fields are declared here.
_GEOGRAPHY = "Published council geography (ONS, Ordnance Survey Code-Point Open): areas, not people"
not_personal("places.Council", _GEOGRAPHY)
not_personal("places.Ward", _GEOGRAPHY)
not_personal("places.LSOA", _GEOGRAPHY)
not_personal("places.Postcode", f"{_GEOGRAPHY}; a postcode here is a place on the lookup table, not an address")
not_personal("insight.Indicator", "A published indicator's name and definition (figures for areas)")
not_personal("insight.IndicatorValue", "A published figure for an area (area names, not people)")
not_personal("core.PeriodicRun", "A periodic task's name and period, and counts of what it did (never people)")
