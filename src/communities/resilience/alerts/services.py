"""Recording weather-health alerts: from a CAP 1.2 file or by hand, duplicates, updates and cancels; an amber or red
alert that covers the council opens an incident for the alert type's cohorts (``resilience.services``).

Each action checks everything first, then writes the alert, the incident and their audit rows in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.places.models import LSOA, Ward
from communities.places.services import current_council
from communities.resilience.areas import Area
from communities.resilience.services import declare_incident

from . import alert_types, cohorts
from .cap import CapAlert, CapArea, CapError, parse_alert
from .coverage import Coverage, Place, covered
from .models import Source, WeatherAlert


@dataclass(frozen=True)
class Outcome:
    alert: WeatherAlert
    duplicate: bool = False  # the same sender and identifier was recorded before: nothing changed
    replaced: tuple[WeatherAlert, ...] = ()

    @property
    def message(self) -> str:
        alert = self.alert
        if self.duplicate:
            return f"This alert ({alert.identifier}) was already recorded on {alert.recorded_at:%-d %B %Y}"
        if alert.msg_type == "Cancel":
            return f"The sender cancelled {len(self.replaced)} alert(s); any incident stays open until you close it"
        if alert.incident_id:
            return f"{alert} recorded: incident '{alert.incident.name}' opened"
        return f"{alert} recorded"


def _require(user) -> None:
    if not rules.has_perm("resilience_alerts.record_alert", user):
        raise PermissionDenied("You cannot record weather-health alerts")


def _places() -> list[Place]:
    rows = LSOA.objects.filter(council_id=settings.COUNCIL_CODE).values_list("code", "ward_id", "latitude", "longitude")
    return [Place(*row) for row in rows]


def coverage_of(areas: tuple[CapArea, ...]) -> Coverage:
    council = current_council()
    return covered(areas, _places(), council_code=settings.COUNCIL_CODE, council_name=council.name if council else "")


def import_cap(*, actor, data: bytes, source: str = Source.CAP_FILE, request=None) -> Outcome:
    """Record the CAP 1.2 alert in ``data``. Raises ValidationError naming the element and line for a bad file."""
    _require(actor)
    try:
        alert = parse_alert(data)
        if alert.msg_type in ("Ack", "Error"):
            raise CapError(f"<msgType> {alert.msg_type}: an acknowledgement or error message is not an alert")
        fields = {} if alert.msg_type == "Cancel" else _info_fields(alert)
    except CapError as exc:
        raise ValidationError(str(exc), code="cap") from exc
    return _record(actor=actor, alert=alert, fields=fields, source=source, request=request)


def _info_fields(alert: CapAlert) -> dict:
    info, hazard, level = alert_types.classify(alert)
    areas = tuple(area for i in alert.infos for area in i.areas)
    coverage = coverage_of(areas)
    return {
        "hazard": hazard, "level": level, "event": info.event[:200], "headline": info.headline[:300],
        "description": info.description, "instruction": info.instruction, "web": info.web[:500],
        "onset": info.onset or info.effective, "expires": info.expires,
        "area_description": "; ".join(a.description for a in areas)[:500],
        "lsoa_codes": list(coverage.lsoa_codes), "coverage": coverage.how[:500],
    }


def record_by_hand(*, actor, hazard: str, level: str, area_codes: list[str], onset: datetime,
                   expires: datetime | None, headline: str, description: str = "", request=None) -> Outcome:
    """An alert read from UKHSA's page or email and typed in: the area is the council's wards or LSOAs it names."""
    _require(actor)
    if hazard not in alert_types.HAZARDS or level not in alert_types.LEVELS:
        raise ValidationError("Choose the alert type and level")
    if expires and expires <= onset:
        raise ValidationError({"expires": "The alert must end after it starts"})
    area = CapArea("by hand", geocodes=tuple(("code", code) for code in area_codes))
    coverage = coverage_of((area,)) if area_codes else None
    if coverage is None or not coverage.covers:
        raise ValidationError({"area_codes": "Choose the council, or at least one of its wards, that the alert covers"})
    organisation = actor.current_organisation
    alert = CapAlert(identifier=f"hand-{uuid.uuid4()}", sender=f"{organisation.pk}@communities", sent=timezone.now(),
                     status="Actual", msg_type="Alert", scope="Restricted")
    fields = {"hazard": hazard, "level": level, "event": f"{level.title()} {alert_types.hazard_label(hazard)}",
              "headline": headline[:300], "description": description, "onset": onset, "expires": expires,
              "area_description": coverage.how[:500], "lsoa_codes": list(coverage.lsoa_codes),
              "coverage": coverage.how[:500]}
    return _record(actor=actor, alert=alert, fields=fields, source=Source.BY_HAND, request=request)


def _record(*, actor, alert: CapAlert, fields: dict, source: str, request) -> Outcome:
    organisation = actor.current_organisation
    with transaction.atomic():
        existing = WeatherAlert.objects.select_for_update().filter(
            organisation=organisation, sender=alert.sender, identifier=alert.identifier).first()
        if existing is not None:
            return Outcome(existing, duplicate=True)
        earlier = _referenced(organisation, alert)
        if alert.msg_type == "Cancel":
            fields = _fields_from(earlier[0]) if earlier else _cancel_of_unknown()
        when = (fields.get("onset") or alert.sent).date()
        saved = WeatherAlert.objects.create(
            organisation=organisation, source=source, identifier=alert.identifier, sender=alert.sender,
            sent=alert.sent, status=alert.status, msg_type=alert.msg_type, scope=alert.scope,
            references=[f"{r.sender},{r.identifier},{r.sent}" for r in alert.references],
            in_season=alert_types.in_season(fields["hazard"], when), recorded_by=actor, **fields)
        for old in earlier:
            old.replaced_by = saved
            if alert.msg_type == "Cancel":
                old.cancelled_at = timezone.now()
            old.save(update_fields=["replaced_by", "cancelled_at"])
        record(actor=actor, action=Action.CREATE, obj=saved, request=request,
               fields={"identifier": saved.identifier, "sender": saved.sender, "msg_type": saved.msg_type,
                       "hazard": saved.hazard, "level": saved.level, "source": source,
                       "replaces": [str(old.pk) for old in earlier], "lsoas": len(saved.lsoa_codes)})
        _open_or_carry_incident(actor=actor, alert=saved, earlier=earlier, request=request)
    return Outcome(saved, replaced=tuple(earlier))


def _referenced(organisation, alert: CapAlert) -> list[WeatherAlert]:
    if not alert.references:
        return []
    found = []
    for ref in alert.references:
        match = WeatherAlert.objects.select_for_update().filter(
            organisation=organisation, sender=ref.sender, identifier=ref.identifier).first()
        if match is not None:
            found.append(match)
    return found


def _fields_from(old: WeatherAlert) -> dict:
    names = ("hazard", "level", "event", "headline", "onset", "expires", "area_description", "lsoa_codes", "coverage")
    return {name: getattr(old, name) for name in names}


def _cancel_of_unknown() -> dict:
    raise ValidationError("This cancels an alert we never recorded (see <references>); there is nothing to cancel",
                          code="cap")


def _open_or_carry_incident(*, actor, alert: WeatherAlert, earlier: list[WeatherAlert], request) -> None:
    """An update keeps the incident its alert opened; an amber or red alert in the council opens one; others none."""
    carried = next((old.incident for old in earlier if old.incident_id), None)
    if carried is not None:
        alert.incident = carried
    elif (alert.msg_type != "Cancel" and alert.status in ("Actual", "Exercise") and alert.covers_council
          and alert_types.opens_incident(alert.level)):
        alert.incident = declare_incident(
            actor=actor, name=f"{alert.level.title()} {alert.hazard} alert {alert.sent:%-d %b %Y}",
            area=_area(alert.lsoa_codes), cohorts=cohorts.register_needs(alert.hazard),
            exercise=alert.is_exercise, alert_identifier=alert.identifier,
            request=request)
    else:
        return
    alert.save(update_fields=["incident"])
    record(actor=actor, action=Action.UPDATE, obj=alert, request=request, fields={"incident": str(alert.incident_id)})


def _area(lsoa_codes: list[str]) -> Area:
    """The whole council as its wards (a short description), otherwise the LSOAs the alert covers."""
    council_lsoas = set(LSOA.objects.filter(council_id=settings.COUNCIL_CODE).values_list("code", flat=True))
    if set(lsoa_codes) >= council_lsoas:
        wards = Ward.objects.filter(council_id=settings.COUNCIL_CODE).values_list("code", flat=True)
        return Area(ward_codes=tuple(wards))
    return Area(lsoa_codes=tuple(lsoa_codes))
