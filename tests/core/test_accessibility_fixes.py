"""Issue 19, accessibility findings checked on the server's HTML (axe checks the same pages in tests/browser): "1
people", the audit trail's dates as GOV.UK date inputs and its scrolling table reachable by keyboard, an h1 on the
change-organisation page."""

from __future__ import annotations

import re

import pytest

from communities.audit.services import record
from communities.people.models import Involvement, Person

pytestmark = pytest.mark.django_db


def caption(page: str) -> str:
    match = re.search(r"<caption[^>]*>(.*?)</caption>", page, re.S)
    assert match, "no table caption"
    return match.group(1).strip()


def test_one_person_is_one_person_not_one_people(client_for, council):
    client = client_for("officer")
    person = Person.objects.create(first_name="Una", last_name="Single")
    Involvement.objects.create(person=person, organisation=council, reason="befriending")
    assert caption(client.get("/people/").content.decode()) == "1 person"
    other = Person.objects.create(first_name="Dai", last_name="Double")
    Involvement.objects.create(person=other, organisation=council, reason="befriending")
    assert caption(client.get("/people/").content.decode()) == "2 people"


def test_one_audit_event_is_one_event(client_for, personas):
    record(actor=personas["admin"], action="view", object_type="people.Person", object_id="only-one")
    page = client_for("platform_admin").get("/audit/", {"object_id": "only-one"}).content.decode()
    assert caption(page) == "1 event, newest first"


def test_the_audit_tables_scrolling_wrapper_takes_keyboard_focus_and_has_a_name(client_for):
    page = client_for("admin").get("/audit/").content.decode()
    wrapper = re.search(r'<div class="app-table-wrap"[^>]*>', page).group(0)
    assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', wrapper).group(1)
    assert f'<caption id="{labelled_by}"' in page


def test_the_audit_trail_asks_for_dates_as_day_month_and_year(client_for, personas):
    record(actor=personas["admin"], action="view", object_type="people.Person", object_id="dated")
    client = client_for("platform_admin")  # sees events outside any organisation, as these are
    page = client.get("/audit/").content.decode()
    assert "YYYY" not in page
    for name in ("date_from_day", "date_from_month", "date_from_year", "date_to_day", "date_to_month", "date_to_year"):
        assert f'name="{name}"' in page
    wrong = client.get("/audit/", {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"})
    assert "The ‘from’ date must be a real date" in wrong.content.decode()
    found = client.get("/audit/", {"object_id": "dated", "date_from_day": "1", "date_from_month": "1",
                                   "date_from_year": "2000"}).content.decode()
    assert caption(found) == "1 event, newest first"
    later = client.get("/audit/", {"object_id": "dated", "date_from_day": "1", "date_from_month": "1",
                                   "date_from_year": "2999"}).content.decode()
    assert caption(later) == "0 events, newest first"


def test_the_change_organisation_page_has_one_h1(client_for):
    page = client_for("officer").get("/organisations/switch/").content.decode()
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert headings == ["Which organisation are you working for now?"], headings
    legend = '<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">'
    assert legend in page


def test_a_subject_access_requests_date_is_typed_as_day_month_and_year(client_for, council):
    person = Person.objects.create(first_name="Ada", last_name="Asker")
    Involvement.objects.create(person=person, organisation=council, reason="befriending")
    client = client_for("admin")
    url = f"/data-protection/people/{person.pk}/new/"
    page = client.get(url).content.decode()
    assert 'name="received_on_day"' in page and "year-month-day" not in page
    response = client.post(url, {"kind": "access", "received_on_day": "7", "received_on_month": "",
                                 "received_on_year": "2026"})
    assert "The date the request was received must include a month" in response.content.decode()


def test_every_scrolling_table_wrapper_can_be_reached_by_keyboard_and_is_named():
    """axe's scrollable-region-focusable, for every template at once: a wrapper that scrolls on a phone must take
    focus (tabindex="0") and be a named region, or keyboard users cannot scroll it (found on /audit/, then Insight)."""
    import re
    from pathlib import Path

    import communities

    wrappers = []
    for template in Path(communities.__file__).parent.rglob("*.html"):
        for tag in re.findall(r"<div[^>]*\bapp-table-wrap\b[^>]*>", template.read_text()):
            wrappers.append((template.name, tag))
    assert len(wrappers) >= 6
    bad = [(name, tag) for name, tag in wrappers
           if 'tabindex="0"' not in tag or 'role="region"' not in tag or "aria-label" not in tag]
    assert bad == []
