"""Find help public pages: search and filters, a service's page, the saved list, sharing, reports, XSS, CSP."""

from __future__ import annotations

import re
from datetime import time

import pytest

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.directory.models import Feedback
from communities.directory.services.taxonomy import term_id

from .factories import BILLINGHAM, THORNABY, TOWN_CENTRE, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(db):
    return {
        "near_sat": make_service("Roseworth Community Pantry", at=TOWN_CENTRE, days="SA", free=False),
        "mid_sat": make_service("Thornaby Food Share", at=THORNABY, days="SA", free=True, minimum_age=18),
        "far_sat": make_service("Billingham Pantry", at=BILLINGHAM, days="SA", free=True),
        "mid_weekday": make_service("Thornaby Weekday Pantry", at=THORNABY, days="MO,TU"),
        "warm": make_service("Norton Warm Space", at=TOWN_CENTRE, days="SA", category="warm-spaces"),
    }


def _result_names(response) -> list[str]:
    pattern = r'<h3 class="govuk-heading-m govuk-!-margin-bottom-1"><a class="govuk-link" href="[^"]+">([^<]+)</a>'
    return re.findall(pattern, response.content.decode())


def test_find_help_is_public_and_has_no_inline_script(client):
    response = client.get("/find-help/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert re.search(r"\sstyle=", html) is None
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_food_near_ts18_open_on_saturday_nearest_first_in_miles(client, listings):
    response = client.get("/find-help/", {"category": str(term_id("food")), "postcode": "ts18 1au", "day": "SA"})
    assert _result_names(response) == ["Roseworth Community Pantry", "Thornaby Food Share", "Billingham Pantry"]
    assert "miles away" in response.content.decode()


def test_free_only_age_and_time(client, listings):
    free = _result_names(client.get("/find-help/", {"category": str(term_id("food")), "free": "on", "day": "SA"}))
    assert free == ["Billingham Pantry", "Thornaby Food Share"]
    young = _result_names(client.get("/find-help/", {"q": "food", "age": "16", "day": "SA"}))
    assert "Thornaby Food Share" not in young and "Roseworth Community Pantry" in young
    # "pantry" now finds the Food Share too: it is in the "Community pantries and food clubs" category, which a
    # substring search missed (pantry/pantries) and full-text search with stemming finds (issue #13 item 4).
    assert _result_names(client.get("/find-help/", {"q": "pantry", "day": "SA", "time": "11:00"})) == [
        "Billingham Pantry", "Roseworth Community Pantry", "Thornaby Food Share"]
    assert _result_names(client.get("/find-help/", {"q": "pantry", "day": "SA", "time": "12:00"})) == []


def test_bad_postcode_is_explained(client, listings):
    response = client.get("/find-help/", {"postcode": "SW1A 1AA"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "not a postcode in" in html


def test_service_page_has_what_a_person_needs(client, listings):
    svc = listings["near_sat"]
    html = client.get(f"/find-help/services/{svc.pk}/").content.decode()
    for text in ("Saturday, 10am to midday", "Weekly membership: £3.50", "Step-free entrance", "Bus 7 stops outside",
                 "01642 000000", "1 High Street", "TS18 1AB", "Report something wrong"):
        assert text in html, text


def test_defunct_services_are_not_shown(client, listings):
    svc = listings["near_sat"]
    svc.status = "defunct"
    svc.save()
    assert client.get(f"/find-help/services/{svc.pk}/").status_code == 404


def test_save_print_and_share_a_list(client, listings):
    a, b = listings["near_sat"], listings["warm"]
    for svc in (a, b):
        assert client.post("/find-help/my-list/add/", {"service_id": str(svc.pk)}).status_code == 302
    client.post("/find-help/my-list/add/", {"service_id": str(a.pk)})  # no duplicates
    page = client.get("/find-help/my-list/").content.decode()
    assert page.count("Remove<span") == 2
    share = re.search(r'href="(http://testserver/find-help/list/\?ids=[^"]+)"', page).group(1)
    assert str(a.pk) in share and str(b.pk) in share
    shared = client.get(share.replace("http://testserver", ""))
    assert "Roseworth Community Pantry" in shared.content.decode() and "Norton Warm Space" in shared.content.decode()
    client.post("/find-help/my-list/remove/", {"service_id": str(a.pk)})
    assert "Roseworth Community Pantry" not in client.get("/find-help/my-list/").content.decode()


def test_list_add_refuses_unknown_ids_and_open_redirects(client, listings):
    assert client.post("/find-help/my-list/add/", {"service_id": "nope"}).status_code == 404
    response = client.post("/find-help/my-list/add/", {"service_id": str(listings["warm"].pk),
                                                       "next": "//evil.example/"})
    assert response["Location"] == "/find-help/my-list/"


def test_report_something_wrong_reaches_editors(client, personas, listings):
    svc = listings["warm"]
    response = client.post(f"/find-help/services/{svc.pk}/report/", {"message": "It moved to Tuesdays",
                                                                       "email": ""})
    assert response.status_code == 302
    feedback = Feedback.objects.get(service=svc)
    assert feedback.status == Feedback.Status.NEW and feedback.message == "It moved to Tuesdays"
    assert [m.to for m in notify.outbox] == ["editor@example.org"]
    assert AuditEvent.objects.filter(object_type="directory.Feedback", object_id=str(feedback.pk)).exists()


def test_report_needs_a_message(client, listings):
    response = client.post(f"/find-help/services/{listings['warm'].pk}/report/", {"message": ""})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Feedback.objects.exists()


def test_stored_script_renders_inert(client, client_for, listings):
    evil = "<script>alert('x')</script>"
    svc = make_service(evil, description=evil, alert=evil, days="SA", opens=time(9), closes=time(10),
                       eligibility_description=evil, fees_description=evil, free=False)
    location = svc.service_at_locations.get().location
    location.transportation = evil
    location.save()
    location.accessibility.update(description=evil)
    Feedback.objects.create(service=svc, message=evil)
    pages = [f"/find-help/services/{svc.pk}/", "/find-help/?q=alert"]
    for url in pages:
        html = client.get(url).content.decode()
        assert evil not in html and "&lt;script&gt;" in html, url
    editor = client_for("editor")
    for url in (f"/directory/services/{svc.pk}/change/", "/directory/reports/",
                f"/directory/reports/{Feedback.objects.get(service=svc).pk}/"):
        html = editor.get(url).content.decode()
        assert evil not in html and "&lt;script&gt;" in html, url
