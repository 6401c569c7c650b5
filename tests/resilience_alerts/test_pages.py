"""The alert and risk map pages: who reaches them, importing and entering alerts through the forms, the demo
button, sorting links, the CSV (neutralised and audited), and the warm spaces listed for a cold alert."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.places.models import LSOA
from communities.resilience.alerts.models import WeatherAlert

from .conftest import AMBER, MALFORMED, YELLOW, sample

pytestmark = pytest.mark.django_db
PAGES = ["resilience_alerts:list", "resilience_alerts:import", "resilience_alerts:enter", "resilience_alerts:risk_map",
         "resilience_alerts:risk_csv"]


@pytest.mark.parametrize("persona", ["planner", "officer", "admin"])
def test_the_councils_planners_officers_and_admins_reach_every_page(client_for, persona):
    client = client_for(persona)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize("persona", ["worker", "volunteer", "analyst", "councillor", "outsider", "coordinator"])
def test_nobody_else_does(client_for, persona):
    client = client_for(persona)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403, name


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("resilience_alerts:risk_map"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def _upload(client, name: str):
    return client.post(reverse("resilience_alerts:import"),
                       {"file": SimpleUploadedFile(name, sample(name), content_type="application/xml")})


def test_importing_the_amber_sample_opens_an_incident_and_shows_it(client_for):
    client = client_for("planner")
    response = _upload(client, AMBER)
    alert = WeatherAlert.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("resilience_alerts:detail", args=[alert.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Amber heat-health alert for the North East" in page and "Incident" in page
    assert "People aged 75 and over" in page and "Cool spaces in the area" in page
    listing = client.get(reverse("resilience_alerts:list")).content.decode()
    assert "Incident opened" in listing


def test_a_malformed_file_is_refused_on_the_page_with_its_line(client_for):
    response = _upload(client_for("planner"), MALFORMED)
    assert response.status_code == 200 and "line 13" in response.content.decode()
    assert not WeatherAlert.objects.exists()


def test_an_alert_entered_by_hand(client_for):
    client = client_for("planner")
    start = {"starts_on_day": "12", "starts_on_month": "1", "starts_on_year": "2027"}
    response = client.post(reverse("resilience_alerts:enter"), {
        "hazard": "cold", "level": "yellow", "area_codes": ["E06000004"], **start, "ends_on_day": "11",
        "ends_on_month": "1", "ends_on_year": "2027", "headline": "Yellow cold"})
    page = response.content.decode()
    assert response.status_code == 200 and "The alert must end after it starts" in page
    response = client.post(reverse("resilience_alerts:enter"), {
        "hazard": "cold", "level": "yellow", "area_codes": ["E06000004"], **start, "headline": "Yellow cold"})
    alert = WeatherAlert.objects.get()
    assert response.status_code == 302 and alert.level == "yellow" and alert.incident is None and alert.in_season


def test_the_demo_button_plays_the_heat_alert_only_in_demo_mode(client_for, settings):
    client = client_for("planner")
    settings.DEMO_MODE = False
    assert client.post(reverse("resilience_alerts:play_demo")).status_code == 404
    assert "Play the demo heat alert" not in client.get(reverse("resilience_alerts:list")).content.decode()
    settings.DEMO_MODE = True
    assert "Play the demo heat alert" in client.get(reverse("resilience_alerts:list")).content.decode()
    assert client.post(reverse("resilience_alerts:play_demo")).status_code == 302
    alert = WeatherAlert.objects.get()
    assert alert.source == "demo" and alert.incident is not None and "-PLAYED-" in alert.identifier
    assert alert.expires > alert.sent  # moved to now, gaps kept


def test_the_risk_map_has_a_shape_per_lsoa_sort_links_and_the_method(client_for):
    client = client_for("planner")
    page = client.get(reverse("resilience_alerts:risk_map") + "?sort=imd&order=asc").content.decode()
    assert page.count("<path ") == LSOA.objects.filter(council_id="E06000004").count()
    assert 'aria-sort="ascending"' in page and "?sort=imd&amp;order=desc" in page
    assert "How the score is worked out" in page and "Deprivation (IMD 2025)" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_csv_has_every_lsoa_and_its_download_is_audited(client_for, personas):
    response = client_for("planner").get(reverse("resilience_alerts:risk_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["lsoa21_code", "lsoa_name", "ward", "rank"]
    assert len(rows) - 1 == LSOA.objects.filter(council_id="E06000004").count()
    assert [int(r[3]) for r in rows[1:]] == list(range(1, len(rows)))
    assert AuditEvent.objects.filter(actor=personas["planner"], action="export",
                                     object_type="resilience_alerts.risk_map").count() == 1


def test_a_cold_alert_lists_warm_spaces_from_find_help(client_for):
    from communities.directory.models import DirectoryOrganisation, Location, Service, ServiceAtLocation

    lsoa = LSOA.objects.filter(council_id="E06000004").order_by("code").first()
    organisation = DirectoryOrganisation.objects.create(name="Parish Church", description="Church")
    service = Service.objects.create(organization=organisation, name="Warm hub at the church hall",
                                     description="A warm space with hot drinks")
    location = Location.objects.create(organization=organisation, latitude=lsoa.latitude, longitude=lsoa.longitude)
    ServiceAtLocation.objects.create(service=service, location=location)
    far = Service.objects.create(organization=organisation, name="Lunch club", description="Hot meals")
    ServiceAtLocation.objects.create(service=far, location=location)
    client = client_for("planner")
    _upload(client, YELLOW)
    page = client.get(reverse("resilience_alerts:detail", args=[WeatherAlert.objects.get().pk])).content.decode()
    assert "Warm spaces in the area" in page and "Warm hub at the church hall" in page and "Lunch club" not in page


def test_another_organisations_alert_is_not_found(client_for, personas, other_org):
    alert = WeatherAlert.objects.create(
        organisation=other_org, source="by_hand", identifier="x", sender="y", sent="2026-07-01T09:00:00+00:00",
        status="Actual", msg_type="Alert", hazard="heat", level="amber", event="Heat", recorded_by=personas["outsider"])
    assert client_for("planner").get(reverse("resilience_alerts:detail", args=[alert.pk])).status_code == 404
