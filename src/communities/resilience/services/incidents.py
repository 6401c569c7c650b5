"""Declaring and closing incidents (the call list is taken from the register when the incident is declared)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from communities.audit.services import Action, record

from .. import needs as needs_codes
from ..areas import Area
from ..models import Call, Incident, IncidentStatus, RegisterEntry
from ..ordering import area_risk, call_key, in_cohort
from .calls import end_volunteer_views
from .common import require

CALL_BATCH = 1000  # 7,000 parameters a statement: under SQLite's 32,766


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
    """(entry id, tier, in cohort) for every current register entry in the area, in call order. Only the columns the
    order needs are read, the needs as JSON text (no decoding), so 50,000 entries take a fraction of a second."""
    point = ["latitude", "longitude"] if area.has_radius else []
    fields = ["pk", "lsoa_id", "postcode", "tier", "needs_text", *point]
    rows = (RegisterEntry.objects.current().filter(area.entry_filter())
            .annotate(needs_text=Cast("needs", TextField())).values_list(*fields))
    whole, postcodes = area.whole_lsoa_codes(), set(area.normalised_postcodes())
    risk, _method = area_risk(lsoa_codes)
    found = []
    for pk, lsoa_code, postcode, tier, needs_text, *where in rows.iterator(chunk_size=5000):
        if not (lsoa_code in whole or postcode in postcodes or area.contains_point(*(where or (None, None)))):
            continue
        wanted = in_cohort(needs_text, cohorts)
        found.append((call_key(in_cohort=wanted, tier=tier, lsoa_code=lsoa_code, postcode=postcode, risk=risk),
                      pk, tier, wanted))
    found.sort(key=lambda row: row[0])
    return [(pk, tier, wanted) for _key, pk, tier, wanted in found]


def _write_calls(incident: Incident, ordered: list[tuple]) -> None:
    """The call list in a few multi-row INSERTs: Django's bulk_create spends about half a millisecond a row preparing
    each field, which is 25 s for 50,000 rows on a busy machine (benchmarks/incident_list.py)."""
    entry_field, incident_field = Call._meta.get_field("entry"), Call._meta.get_field("incident")
    incident_id = incident_field.get_db_prep_value(incident.pk, connection)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ("incident_id", "entry_id", "position", "tier", "in_cohort", "outcome",
                                           "attempts"))
    head = f"INSERT INTO {quote(Call._meta.db_table)} ({columns}) VALUES "  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), CALL_BATCH):
            batch = ordered[start:start + CALL_BATCH]
            params = []
            for n, (pk, tier, wanted) in enumerate(batch, start=start + 1):
                params += [incident_id, entry_field.get_db_prep_value(pk, connection), n, tier, wanted, "", 0]
            cursor.execute(head + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(batch)), params)


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
        _write_calls(incident, ordered)
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
