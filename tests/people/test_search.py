"""People search: name prefixes, full postcode in any case with or without its space, postcode district."""

from __future__ import annotations

import pytest

from communities.people.models import Involvement, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def residents(council):
    people = {
        "casey": Person.objects.create(first_name="Casey", last_name="Sampleton", postcode="TS18 3FA"),
        "robin": Person.objects.create(first_name="Robin", last_name="Smithers", postcode="ts18 1aa"),
        "jo": Person.objects.create(first_name="Jo", last_name="Ó Briain", postcode="TS19 7HY"),
        "sam": Person.objects.create(first_name="Sam", last_name="Tees", postcode=""),
    }
    for person in people.values():
        Involvement.objects.create(person=person, organisation=council, reason="test")
    return people


@pytest.mark.parametrize("query, expected", [
    ("TS18 3FA", {"casey"}),  # the finding: a full postcode found nobody
    ("ts183fa", {"casey"}),
    (" ts18 3fa ", {"casey"}),
    ("TS18", {"casey", "robin"}),  # the finding: a district found nobody
    ("ts19", {"jo"}),
    ("TS1", set()),  # TS1 is a district of its own, not a prefix of TS18
    ("sam", {"casey", "sam"}),  # first or last name starting with it
    ("SMITH", {"robin"}),
    ("robin ts18", {"robin"}),
    ("casey smithers", set()),
    ("Ó Briain", {"jo"}),  # a surname of two words
    ("jo ó", {"jo"}),
])
def test_search(client_for, residents, query, expected):
    found = {name for name, person in residents.items() if person in Person.objects.all().search(query)}
    assert found == expected
    page = client_for("officer").get("/people/", {"q": query}).content.decode()
    for name, person in residents.items():
        assert (person.last_name in page) is (name in expected)


def test_search_columns_follow_changes_of_name_and_postcode(residents):
    casey = residents["casey"]
    casey.last_name, casey.postcode = "Newname", "TS17 6BW"
    casey.save(update_fields=["last_name", "postcode"])
    casey.refresh_from_db()
    assert (casey.last_name_lower, casey.postcode_normalised, casey.postcode_district) == ("newname", "TS176BW", "TS17")


def test_anonymisation_clears_the_search_columns_too(residents):
    from communities.dataprotection.registry import registration

    casey = residents["casey"]
    Person.objects.filter(pk=casey.pk).update(**registration("people.Person").anonymise)
    casey.refresh_from_db()
    assert (casey.first_name_lower, casey.last_name_lower, casey.postcode_normalised, casey.postcode_district) == (
        "", "", "", "")
    assert casey not in Person.objects.search("sampleton") and casey not in Person.objects.search("TS18")


def test_a_broad_search_is_counted_only_up_to_the_cap(client_for, council, monkeypatch):
    from communities.people import search

    monkeypatch.setattr(search, "MAX_COUNTED", 3)
    for n in range(5):
        person = Person.objects.create(first_name=f"Cap{n}", last_name="Counted", postcode="TS20 1AA")
        Involvement.objects.create(person=person, organisation=council, reason="test")
    page = client_for("officer").get("/people/", {"q": "TS20"}).content.decode()
    assert "More than 3 people: add a name or a full postcode" in page and "Cap0" in page
    page = client_for("officer").get("/people/", {"q": "cap0"}).content.decode()
    assert "1 person" in page
