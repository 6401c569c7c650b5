"""Recording alerts: amber or red in the council opens an incident for the cohorts; yellow and green do not;
duplicates change nothing; updates keep the incident; cancels end the alert; entry by hand; audit rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.places.models import LSOA, Ward
from communities.resilience.alerts import cohorts, services
from communities.resilience.alerts.models import WeatherAlert
from communities.resilience.models import Incident

from ..support.conftest import acting
from .conftest import AMBER, MALFORMED, YELLOW, on_register, sample, two_postcodes, variant

pytestmark = pytest.mark.django_db
AMBER_ID = "SYNTHETIC-HHA-2026-07-14-NE-AMBER"
SENDER = "weather-health-alerts.synthetic-sample"


def test_an_amber_heat_alert_for_our_region_opens_an_incident_for_the_heat_cohorts(planner, personas, partner):
    worker = acting(personas["worker"], partner)
    pc1, pc2 = two_postcodes()
    old = on_register(worker, partner, "Olive", pc1, date(1950, 1, 1), [])  # 66+: pensionable_age added
    young = on_register(worker, partner, "Yan", pc2, date(1995, 1, 1), [])
    outcome = services.import_cap(actor=planner, data=sample(AMBER))
    alert = outcome.alert
    assert (alert.hazard, alert.level, alert.in_season, alert.covers_council) == ("heat", "amber", True, True)
    assert len(alert.lsoa_codes) == LSOA.objects.filter(council_id="E06000004").count()
    assert "the whole council (North East)" in alert.coverage
    incident = alert.incident
    assert incident is not None and incident.alert_identifier == AMBER_ID and not incident.exercise
    assert incident.cohorts == cohorts.register_needs("heat") and "pensionable_age" in incident.cohorts
    assert set(incident.ward_codes) == set(Ward.objects.filter(council_id="E06000004").values_list("code", flat=True))
    calls = list(incident.calls.order_by("position"))
    assert [c.entry_id for c in calls] == [old.pk, young.pk] and calls[0].in_cohort and not calls[1].in_cohort
    assert AuditEvent.objects.filter(object_id=str(alert.pk), action="create").exists()
    assert "incident" in outcome.message


def test_yellow_is_recorded_without_an_incident(planner):
    alert = services.import_cap(actor=planner, data=sample(YELLOW)).alert
    assert (alert.hazard, alert.level, alert.incident) == ("cold", "yellow", None)
    assert alert.covers_council and alert.in_season
    assert not Incident.objects.exists()


def test_an_alert_for_another_region_is_recorded_as_outside_the_council(planner):
    data = variant(sample(AMBER), **{"<areaDesc>North East</areaDesc>": "<areaDesc>South West</areaDesc>",
                                     "E12000001": "E12000009"})
    alert = services.import_cap(actor=planner, data=data).alert
    assert alert.lsoa_codes == [] and alert.coverage == "outside the council" and alert.incident is None


def test_a_polygon_covers_only_the_lsoas_whose_centre_is_inside(planner):
    lsoa = LSOA.objects.filter(council_id="E06000004").order_by("code").first()
    lat, lon, d = lsoa.latitude, lsoa.longitude, 0.002
    ring = f"{lat - d},{lon - d} {lat - d},{lon + d} {lat + d},{lon + d} {lat + d},{lon - d} {lat - d},{lon - d}"
    data = variant(sample(AMBER), **{"<areaDesc>North East</areaDesc>": f"<areaDesc>Box</areaDesc><polygon>{ring}"
                                     "</polygon>", "<value>E12000001</value>": "<value>none</value>"})
    alert = services.import_cap(actor=planner, data=data).alert
    assert alert.lsoa_codes == [lsoa.code] and alert.incident.lsoa_codes == [lsoa.code]


def test_the_same_alert_twice_is_a_duplicate_and_changes_nothing(planner):
    first = services.import_cap(actor=planner, data=sample(AMBER))
    again = services.import_cap(actor=planner, data=sample(AMBER))
    assert again.duplicate and again.alert == first.alert and "already recorded" in again.message
    assert WeatherAlert.objects.count() == 1 and Incident.objects.count() == 1


def _update(level: str, identifier: str = "SYNTHETIC-HHA-2026-07-15-NE-UPDATE", msg_type: str = "Update") -> bytes:
    return variant(sample(AMBER), **{
        f"<identifier>{AMBER_ID}</identifier>": f"<identifier>{identifier}</identifier>",
        "<msgType>Alert</msgType>": f"<msgType>{msg_type}</msgType>"
                                    f"<references>{SENDER},{AMBER_ID},2026-07-14T09:00:00+01:00</references>",
        "<value>amber</value>": f"<value>{level}</value>", "Amber heat": f"{level.title()} heat"})


def test_an_update_replaces_the_alert_and_keeps_its_incident(planner):
    amber = services.import_cap(actor=planner, data=sample(AMBER)).alert
    red = services.import_cap(actor=planner, data=_update("red"))
    amber.refresh_from_db()
    assert red.replaced == (amber,) and amber.replaced_by == red.alert and not amber.in_force
    assert red.alert.level == "red" and red.alert.incident == amber.incident and Incident.objects.count() == 1


def test_a_yellow_updated_to_amber_opens_the_incident_then(planner):
    yellow = variant(sample(AMBER), **{"<value>amber</value>": "<value>yellow</value>",
                                       "Amber heat": "Yellow heat"})
    assert services.import_cap(actor=planner, data=yellow).alert.incident is None
    assert services.import_cap(actor=planner, data=_update("amber")).alert.incident is not None


def test_a_cancel_ends_the_alert_and_leaves_the_incident_to_the_planner(planner):
    amber = services.import_cap(actor=planner, data=sample(AMBER)).alert
    cancel = services.import_cap(actor=planner, data=_update("amber", "SYNTHETIC-CANCEL-1", "Cancel"))
    amber.refresh_from_db()
    assert amber.cancelled_at is not None and not amber.in_force and cancel.alert.msg_type == "Cancel"
    assert amber.incident.is_open and "stays open" in cancel.message
    assert list(WeatherAlert.objects.in_force()) == []


def test_a_cancel_of_an_alert_never_recorded_is_refused(planner):
    with pytest.raises(ValidationError, match="never recorded"):
        services.import_cap(actor=planner, data=_update("amber", "SYNTHETIC-CANCEL-2", "Cancel"))
    assert not WeatherAlert.objects.exists()


def test_out_of_season_alerts_are_accepted_and_flagged(planner):
    data = variant(sample(AMBER), **{"2026-07-15T09:00:00+01:00": "2026-12-01T09:00:00+00:00"})
    alert = services.import_cap(actor=planner, data=data).alert
    assert alert.in_season is False and alert.incident is not None


def test_an_exercise_alert_opens_an_exercise_incident_and_test_alerts_none(planner):
    exercise = variant(sample(AMBER), **{"<status>Actual</status>": "<status>Exercise</status>"})
    assert services.import_cap(actor=planner, data=exercise).alert.incident.exercise
    test = variant(sample(AMBER), **{"<status>Actual</status>": "<status>Test</status>",
                                     AMBER_ID: "SYNTHETIC-TEST-1"})
    assert services.import_cap(actor=planner, data=test).alert.incident is None


def test_a_bad_file_writes_nothing_and_names_the_line(planner):
    with pytest.raises(ValidationError, match="line 13"):
        services.import_cap(actor=planner, data=sample(MALFORMED))
    assert not WeatherAlert.objects.exists() and not AuditEvent.objects.filter(object_type__icontains="weather")\
        .exists()


def test_only_planners_officers_and_admins_of_the_council_record_alerts(personas, partner, council):
    with pytest.raises(PermissionDenied):
        services.import_cap(actor=acting(personas["worker"], partner), data=sample(AMBER))
    with pytest.raises(PermissionDenied):
        services.import_cap(actor=acting(personas["analyst"], council), data=sample(AMBER))
    assert services.import_cap(actor=acting(personas["officer"], council), data=sample(AMBER)).alert.incident


def test_an_alert_entered_by_hand_for_one_ward(planner):
    ward = Ward.objects.filter(council_id="E06000004").order_by("code").first()
    onset = timezone.now()
    outcome = services.record_by_hand(actor=planner, hazard="cold", level="red", area_codes=[ward.code], onset=onset,
                                      expires=onset + timedelta(days=2), headline="Red cold-health alert")
    alert = outcome.alert
    assert alert.source == "by_hand" and alert.msg_type == "Alert"
    assert set(alert.lsoa_codes) == set(ward.lsoas.values_list("code", flat=True))
    assert alert.incident.cohorts == cohorts.register_needs("cold") and "young_children" in alert.incident.cohorts


def test_by_hand_refuses_an_area_outside_the_council_and_an_end_before_the_start(planner):
    now = timezone.now()
    with pytest.raises(ValidationError, match="Choose the council"):
        services.record_by_hand(actor=planner, hazard="heat", level="amber", area_codes=["E05999999"], onset=now,
                                expires=None, headline="x")
    with pytest.raises(ValidationError, match="end after it starts"):
        services.record_by_hand(actor=planner, hazard="heat", level="amber", area_codes=["E06000004"], onset=now,
                                expires=now - timedelta(hours=1), headline="x")
