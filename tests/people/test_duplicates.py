"""Possible duplicates before a new record is saved, including records the worker's organisation cannot see."""

from __future__ import annotations

from datetime import date

import pytest

from communities.audit.models import AuditEvent
from communities.organisations.services import current_membership_state
from communities.people.duplicates import find_possible_duplicates
from communities.people.models import Involvement, Person

pytestmark = pytest.mark.django_db

ALEX = {"first_name": "Alex", "last_name": "Demoby", "date_of_birth_day": "20", "date_of_birth_month": "3",
        "date_of_birth_year": "1968", "postcode": "TS19 7HY", "involvement_reason": "food parcel"}


@pytest.fixture
def council_alex(council):
    person = Person.objects.create(first_name="Alex", last_name="Demoby", date_of_birth=date(1968, 3, 20),
                                   postcode="TS19 7HY", phone="01642 999111", notes="Council-only note")
    Involvement.objects.create(person=person, organisation=council, reason="adult social care")
    return person


def acting(user, organisation):
    user.current_organisation, user.current_roles = current_membership_state(user, str(organisation.pk))
    return user


def test_the_finding_a_vcse_worker_is_warned_of_the_councils_record_without_seeing_it(client_for, council_alex):
    response = client_for("worker").post("/people/add/", ALEX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This person may already have a record" in page
    assert "held by Test Borough Council" in page
    for secret in (str(council_alex.pk), "01642 999111", "Council-only note", "adult social care"):
        assert secret not in page
    assert Person.objects.count() == 1
    events = AuditEvent.objects.filter(object_id=str(council_alex.pk), action="view")
    assert {e.organisation.name for e in events} == {"Partner Pantry", "Test Borough Council"}
    assert all(e.fields["shown_as"] == "the organisations holding it" for e in events)


def test_a_new_record_after_the_warning_needs_a_reason_which_is_recorded(client_for, council_alex, partner):
    client = client_for("worker")
    response = client.post("/people/add/", {**ALEX, "duplicates_checked": "True"})
    assert "Enter why you still need a new record" in response.content.decode()
    assert Person.objects.count() == 1
    response = client.post("/people/add/", {**ALEX, "duplicates_checked": "True",
                                            "new_record_reason": "The council confirmed it is a different Alex"})
    assert response.status_code == 302
    new = Person.objects.exclude(pk=council_alex.pk).get()
    event = AuditEvent.objects.get(action="create", object_id=str(new.pk))
    assert event.reason == "The council confirmed it is a different Alex"
    assert str(council_alex.pk) in str(event.fields["possible_duplicates"])


def test_a_record_the_worker_can_see_is_shown_and_linked(client_for, council_alex, partner):
    Involvement.objects.create(person=council_alex, organisation=partner, reason="food")
    page = client_for("worker").post("/people/add/", {**ALEX, "first_name": "Alec"}).content.decode()
    assert f'href="/people/{council_alex.pk}/"' in page and "Your organisation can see this record" in page


def test_no_warning_when_nothing_is_alike(client_for, council_alex):
    response = client_for("worker").post("/people/add/", {**ALEX, "first_name": "Jordan", "last_name": "Quill"})
    assert response.status_code == 302


@pytest.mark.parametrize("first, last, born, postcode, found", [
    ("Alex", "Demobey", date(1968, 3, 20), "", True),  # one letter different, same date of birth
    ("alex", "DEMOBY", None, "ts197hy", True),  # no date of birth given: name and postcode
    ("Demoby", "Alex", date(1968, 3, 20), "", True),  # names the other way round
    ("Alexandra", "Demoby-Smith", date(1968, 3, 20), "TS19 7HY", True),  # looser name, both other facts the same
    ("Alex", "Demoby", date(1970, 1, 1), "TS18 1AA", False),  # same name, nothing else
    ("Chris", "Other", date(1968, 3, 20), "TS19 7HY", False),  # same birthday and street, another person
])
def test_name_similarity_with_date_of_birth_or_postcode(personas, partner, council_alex, first, last, born, postcode,
                                                        found):
    matches = find_possible_duplicates(first_name=first, last_name=last, date_of_birth=born, postcode=postcode,
                                       user=acting(personas["worker"], partner))
    assert bool(matches) is found
    if found:
        assert matches[0].person == council_alex and not matches[0].visible
        assert matches[0].held_by == ["Test Borough Council"]


def test_merged_records_are_not_offered(personas, partner, council_alex, council):
    kept = Person.objects.create(first_name="Alex", last_name="Demoby", date_of_birth=date(1968, 3, 20))
    council_alex.merged_into = kept
    council_alex.save()
    matches = find_possible_duplicates(first_name="Alex", last_name="Demoby", date_of_birth=date(1968, 3, 20),
                                       postcode="", user=acting(personas["worker"], partner))
    assert [m.person for m in matches] == [kept]
