"""axe-core over the weather-health alert pages: the list (with the demo button), an amber heat alert that opened an
incident, a yellow cold alert with a warm space listed, the import page with a refused file's error, the form to
enter one by hand with its errors, and the community risk map (SVG map, sortable table, method) - on a desktop and
on a phone's width."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import BROWSER_DB
from .test_accessibility import axe_violations, check_as_personas, check_pages, fail_if, format_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]
CAP_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "cap"


@pytest.fixture
def alerts(geography, personas, settings):
    from communities.directory.models import DirectoryOrganisation, Location, Service, ServiceAtLocation
    from communities.organisations.services import current_membership_state
    from communities.places.models import LSOA
    from communities.resilience.alerts import services

    settings.DEMO_MODE = True
    planner = personas["planner"]
    planner.current_organisation, planner.current_roles = current_membership_state(planner, None)
    lsoa = LSOA.objects.filter(council_id="E06000004").order_by("code").first()
    organisation = DirectoryOrganisation.objects.create(name="Parish Church", description="Church")
    hub = Service.objects.create(organization=organisation, name="Warm hub", description="A warm space")
    location = Location.objects.create(organization=organisation, latitude=lsoa.latitude, longitude=lsoa.longitude)
    ServiceAtLocation.objects.create(service=hub, location=location)
    amber = services.import_cap(actor=planner, data=(CAP_DIR / "heat_amber_north_east.xml").read_bytes()).alert
    yellow = services.import_cap(actor=planner, data=(CAP_DIR / "cold_yellow_north.xml").read_bytes()).alert
    return {"amber": amber.pk, "yellow": yellow.pk}


def test_alert_and_risk_pages_are_accessible(browse, personas, alerts, client):
    base = "/emergencies/alerts/"
    urls = [base, f"{base}{alerts['amber']}/", f"{base}{alerts['yellow']}/", f"{base}import/", f"{base}new/",
            f"{base}risk/", f"{base}risk/?sort=score&order=desc"]
    client.force_login(personas["planner"], backend="allauth.account.auth_backends.AuthenticationBackend")
    statuses = {url: client.get(url).status_code for url in urls}  # also warms the server before the browser
    assert statuses == dict.fromkeys(urls, 200)
    report = check_as_personas(browse, personas, {"planner": urls})
    report += check_as_personas(browse, personas, {"planner": urls[:2] + urls[5:6]},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the weather-health alert pages")


def test_forms_with_errors_are_accessible(browse, personas, alerts):
    def steps(page):
        found: list[str] = []
        check_pages(page, ["/emergencies/alerts/new/"], found, set(), label="by hand: ")
        page.get_by_role("button", name="Record the alert").click()
        assert "There is a problem" in page.content()
        if violations := axe_violations(page):
            found.append(format_violations("by hand with errors", violations))
        check_pages(page, ["/emergencies/alerts/import/"], found, set(), label="import: ")
        page.set_input_files("input[type=file]", str(CAP_DIR / "malformed.xml"))
        page.get_by_role("button", name="Import the alert").click()
        assert "line 13" in page.content()
        if violations := axe_violations(page):
            found.append(format_violations("import refused", violations))
        return found

    fail_if(browse(steps, user=personas["planner"]), "the alert forms")
