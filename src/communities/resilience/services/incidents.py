"""Declaring and closing incidents (the call list is taken from the register when the incident is declared)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, FloatField, Q, TextField, Value, When, Window
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone

from communities.audit.services import Action, record

from .. import needs as needs_codes
from ..areas import Area
from ..models import Call, Incident, IncidentStatus, RegisterEntry
from ..ordering import area_risk
from .calls import end_volunteer_views
from .common import require


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


def call_order(area: Area, cohorts: list[str], lsoa_codes: set[str]):
    """Every current register entry in the area with its place in the call list (``position``), ``call_tier`` and
    ``cohort``, computed by the database (a window function), so 50,000 entries never pass through Python."""
    risk, _method = area_risk(lsoa_codes)
    risk_of = Case(*[When(lsoa_id=code, then=Value(score)) for code, score in risk.items()],
                   default=Value(-1e9), output_field=FloatField())
    wanted = Q(pk__in=[])
    for code in cohorts:
        wanted |= Q(needs_text__contains=f'"{code}"')
    cohort = Case(When(wanted, then=Value(True)), default=Value(False), output_field=BooleanField())
    return (RegisterEntry.objects.current().filter(area.entry_filter())
            .annotate(needs_text=Cast("needs", TextField()))
            .annotate(entry_ref=F("pk"), call_tier=F("tier"), cohort=cohort, area_risk=risk_of)
            .annotate(position=Window(RowNumber(), order_by=[F("cohort").desc(), F("tier").asc(),
                                                             F("area_risk").desc(), F("postcode").asc(),
                                                             F("pk").asc()]))
            .values("entry_ref", "call_tier", "cohort", "position"))


def _write_calls(incident: Incident, order) -> int:
    """INSERT ... SELECT the call list in one statement (Django's bulk_create prepared each of 50,000 rows in Python:
    25 s on a busy machine, benchmarks/incident_list.py). Returns how many calls were written."""
    select, params = order.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ("incident_id", "entry_id", "position", "tier", "in_cohort", "outcome",
                                           "attempts"))
    incident_id = Call._meta.get_field("incident").get_db_prep_value(incident.pk, connection)
    sql = (f"INSERT INTO {quote(Call._meta.db_table)} ({columns}) "  # noqa: S608 - names from the model
           f"SELECT %s, t.entry_ref, t.position, t.call_tier, t.cohort, '', 0 FROM ({select}) t")
    with connection.cursor() as cursor:
        cursor.execute(sql, [incident_id, *params])
        return cursor.rowcount


def declare_incident(*, actor, name: str, area: Area, cohorts: list[str], exercise: bool = False,
                     alert_identifier: str = "", request=None) -> Incident:
    """Open an incident for ``area`` and take its call list from the register: everyone with current consent in the
    area, people with any of the ``cohorts`` needs first (empty: everyone in need-tier order). Nothing is sent."""
    require(actor, "resilience.run_incident")
    name, cohorts = (name or "").strip(), list(dict.fromkeys(cohorts or []))
    _check_declaration(name, area, cohorts)
    lsoa_codes = area.resolve_lsoa_codes()
    order = call_order(area, cohorts, lsoa_codes)
    with transaction.atomic():
        incident = Incident.objects.create(
            name=name, organisation=actor.current_organisation, exercise=exercise,
            alert_identifier=(alert_identifier or "")[:200], area=area.as_dict(), area_description=area.describe(),
            lsoa_codes=sorted(lsoa_codes), ward_codes=sorted(area.resolve_ward_codes(lsoa_codes)), cohorts=cohorts,
            declared_by=actor,
        )
        written = _write_calls(incident, order)
        record(actor=actor, action=Action.CREATE, obj=incident, request=request,
               fields={"name": name, "area": incident.area, "cohorts": cohorts, "exercise": exercise,
                       "alert_identifier": incident.alert_identifier, "calls": written})
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
