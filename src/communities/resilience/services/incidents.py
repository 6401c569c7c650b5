"""Declaring and closing incidents (the call list is taken from the register when the incident is declared)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record

from .. import needs as needs_codes
from ..areas import Area
from ..models import Call, Incident, IncidentStatus, RegisterEntry
from ..ordering import area_risk, call_key
from .calls import end_volunteer_views
from .common import require

CALL_BATCH = 2000


def _check_declaration(name: str, area: Area, cohorts: list[str]) -> None:
    errors = {}
    if not name:
        errors["name"] = "Enter a name for the incident"
    elif len(name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if unknown := needs_codes.unknown(cohorts):
        errors["cohorts"] = f"Not a register need: {', '.join(unknown[:5])}"
    errors.update(area.errors())
    if errors:
        raise ValidationError(errors)


def _entries_in_call_order(area: Area, cohorts: list[str], lsoa_codes: set[str]) -> list[tuple]:
    """(entry id, tier, in cohort) for every current register entry in the area, in call order."""
    rows = (RegisterEntry.objects.current().filter(area.entry_filter())
            .values_list("pk", "lsoa_id", "postcode", "latitude", "longitude", "needs", "tier", "registered_at"))
    whole, postcodes = area.whole_lsoa_codes(), set(area.normalised_postcodes())
    risk, _method = area_risk(lsoa_codes)
    wanted = set(cohorts)
    found = []
    for pk, lsoa_code, postcode, lat, lon, needs, tier, registered_at in rows.iterator(chunk_size=5000):
        if not area.holds(lsoa_code=lsoa_code, postcode=postcode, latitude=lat, longitude=lon, whole_lsoas=whole,
                          postcodes=postcodes):
            continue
        key = call_key(needs=needs, tier=tier, lsoa_code=lsoa_code, registered_at=registered_at, cohorts=wanted,
                       risk=risk)
        found.append((key, pk, tier, not key[0]))
    found.sort(key=lambda row: row[0])
    return [(pk, tier, in_cohort) for _key, pk, tier, in_cohort in found]


def declare_incident(*, actor, name: str, area: Area, cohorts: list[str], exercise: bool = False,
                     alert_identifier: str = "", request=None) -> Incident:
    """Open an incident for ``area`` and take its call list from the register: everyone with current consent in the
    area, people with any of the ``cohorts`` needs first (empty: everyone in need-tier order). Nothing is sent."""
    require(actor, "resilience.run_incident")
    name, cohorts = (name or "").strip(), list(dict.fromkeys(cohorts or []))
    _check_declaration(name, area, cohorts)
    lsoa_codes = area.resolve_lsoa_codes()
    ordered = _entries_in_call_order(area, cohorts, lsoa_codes)
    with transaction.atomic():
        incident = Incident.objects.create(
            name=name, organisation=actor.current_organisation, exercise=exercise,
            alert_identifier=(alert_identifier or "")[:200], area=area.as_dict(), area_description=area.describe(),
            lsoa_codes=sorted(lsoa_codes), ward_codes=sorted(area.resolve_ward_codes(lsoa_codes)), cohorts=cohorts,
            declared_by=actor,
        )
        Call.objects.bulk_create(
            (Call(incident=incident, entry_id=pk, position=n, tier=tier, in_cohort=in_cohort)
             for n, (pk, tier, in_cohort) in enumerate(ordered, start=1)),
            batch_size=CALL_BATCH,
        )
        record(actor=actor, action=Action.CREATE, obj=incident, request=request,
               fields={"name": name, "area": incident.area, "cohorts": cohorts, "exercise": exercise,
                       "alert_identifier": incident.alert_identifier, "calls": len(ordered)})
    return incident


def close_incident(*, actor, incident: Incident, request=None) -> Incident:
    """Close the incident: every volunteer responder's assignment ends, so their call list goes with it."""
    require(actor, "resilience.run_incident")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if incident.status == IncidentStatus.CLOSED:
            raise ValidationError("This incident is already closed")
        ended = end_volunteer_views(actor=actor, incident=incident, request=request)
        incident.status, incident.closed_at, incident.closed_by = IncidentStatus.CLOSED, timezone.now(), actor
        incident.save(update_fields=["status", "closed_at", "closed_by"])
        record(actor=actor, action=Action.UPDATE, obj=incident, request=request,
               fields={"status": ["open", "closed"], "assignments_ended": ended})
    return incident
