"""Lesser findings of issue 12: list and search pages are audited; a date of birth survives an unchanged edit."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from communities.audit.models import AuditEvent
from communities.people import services
from communities.people.models import Involvement, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_people(council):
    people = []
    for number in range(30):
        person = Person.objects.create(first_name=f"Resident{number:02}", last_name="Councilson",
                                       date_of_birth=date(1981, 12, 27))
        Involvement.objects.create(person=person, organisation=council, reason="reablement")
        people.append(person)
    return people


def _list_events():
    return AuditEvent.objects.filter(action="view", object_type="people.Person", object_id="")


def test_each_list_page_is_one_audit_event_naming_who_was_shown(client_for, personas, council_people):
    client = client_for("officer")
    client.get("/people/")
    event = _list_events().get()
    first_page = sorted(council_people, key=lambda p: p.first_name)[:25]
    assert event.fields["shown"] == [str(p.pk) for p in first_page]
    assert event.actor == personas["officer"] and event.fields["page"] == 1
    client.get("/people/", {"page": 2})
    assert _list_events().count() == 2
    assert len(_list_events().first().fields["shown"]) == 5


def test_search_results_are_audited_with_the_search(client_for, council_people):
    client_for("officer").get("/people/", {"q": "Resident07"})
    event = _list_events().get()
    assert event.fields["shown"] == [str(council_people[7].pk)] and event.fields["search"] == "Resident07"


def test_a_page_showing_no_one_is_not_audited(client_for, council_people):
    client_for("officer").get("/people/", {"q": "Nobody"})
    assert not _list_events().exists()


def test_who_viewed_a_record_finds_list_pages_and_record_views(client_for, council_people):
    client = client_for("officer")
    client.get("/people/")
    client.get(f"/people/{council_people[0].pk}/")
    client.get("/people/", {"q": "Resident29"})
    seen = services.views_of(council_people[0])
    assert [e.object_id for e in seen] == [str(council_people[0].pk), ""]
    assert services.views_of(council_people[29]).count() == 1


class _FormValues(HTMLParser):
    """The values a browser would send back from the page's form, unchanged."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") != "checkbox":
            self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.values[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def test_editing_a_person_with_a_date_of_birth_and_saving_unchanged_succeeds(client_for, council_people):
    person = council_people[0]
    client = client_for("officer")
    parser = _FormValues()
    parser.feed(client.get(f"/people/{person.pk}/change/").content.decode())
    assert parser.values["date_of_birth_day"] == "27" and parser.values["date_of_birth_year"] == "1981"
    response = client.post(f"/people/{person.pk}/change/", parser.values)
    assert response.status_code == 302, response.content.decode()
    person.refresh_from_db()
    assert person.date_of_birth == date(1981, 12, 27)
    assert not AuditEvent.objects.filter(action="update").exists()


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("31", "2", "1950", "Date of birth must be a real date"),
    ("", "2", "1950", "Date of birth must include a day"),
    ("1", "2", "", "Date of birth must include a year"),
    ("1", "2", "50", "Year must include 4 numbers"),
    ("1", "2", "2999", "Date of birth must be in the past"),
])
def test_date_of_birth_errors_say_what_is_wrong(client_for, council_people, day, month, year, message):
    person = council_people[0]
    response = client_for("officer").post(f"/people/{person.pk}/change/", {
        "first_name": "Resident00", "last_name": "Councilson",
        "date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year,
    })
    assert response.status_code == 200 and message in response.content.decode()


def test_the_date_of_birth_may_be_left_blank(client_for, council_people):
    person = council_people[0]
    response = client_for("officer").post(f"/people/{person.pk}/change/", {
        "first_name": "Resident00", "last_name": "Councilson",
        "date_of_birth_day": "", "date_of_birth_month": "", "date_of_birth_year": "",
    })
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.date_of_birth is None
