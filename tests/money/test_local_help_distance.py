"""Issue #19 item 4: "Local help" on the action plan lists services nearest first to the household's postcode, with
the distance; A to Z with a note when the postcode is not known (or not in the area)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from communities.people.models import Household
from communities.places.geo import haversine_miles
from communities.places.services import locate
from tests.directory.factories import BILLINGHAM, THORNABY, TOWN_CENTRE, make_service

from .conftest import check_post, person_for

pytestmark = pytest.mark.django_db

PENSIONER = [{"age": 70, "state_pension": "173.08"}]
HOME = "TS18 1AU"  # Stockton town centre


@pytest.fixture
def advice_services(partner):
    for name, at in (("Aardvark Advice", BILLINGHAM), ("Middle Advice", THORNABY), ("Zebra Advice", TOWN_CENTRE)):
        make_service(name, platform_organisation=partner, category="benefits-advice", at=at)


def _plan(client, url, query: str = ""):
    response = client.post(url, check_post(PENSIONER, tenure="owner_outright", council_tax_per_year="1500"))
    assert response.status_code == 302, response.content.decode()[:2000]
    check_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return client.get(reverse("money:check_plan", args=[check_id]) + query)


def _advice(response) -> list[tuple[str, float | None]]:
    need = next(n for n in response.context["local_help"] if n["key"] == "benefits_advice")
    return [(s["name"], s["miles"]) for s in need["services"]]


def test_services_are_nearest_first_to_the_households_postcode(client_for, council, advice_services, engine):
    person = person_for(council, date_of_birth=dt.date(1955, 1, 1),
                        household=Household.objects.create(postcode=HOME, tenure="owner"))
    response = _plan(client_for("officer"), reverse("money:check_person", args=[person.pk]))
    home = locate(HOME)
    expected = sorted(
        ((name, round(haversine_miles(home.latitude, home.longitude, *at), 1))
         for name, at in (("Aardvark Advice", BILLINGHAM), ("Middle Advice", THORNABY), ("Zebra Advice", TOWN_CENTRE))),
        key=lambda row: row[1],
    )
    assert _advice(response) == expected
    assert [name for name, _ in expected] == ["Zebra Advice", "Middle Advice", "Aardvark Advice"]
    html = response.content.decode()
    assert f"Nearest first to {HOME}" in html
    assert f"Zebra Advice</a> ({expected[0][1]} mile" in html and f"({expected[2][1]} miles away)" in html


def test_without_a_postcode_services_are_a_to_z_with_a_note_and_a_postcode_can_be_given(client_for, advice_services,
                                                                                        engine):
    client = client_for("officer")
    response = _plan(client, reverse("money:check_new"))
    assert _advice(response) == [("Aardvark Advice", None), ("Middle Advice", None), ("Zebra Advice", None)]
    assert "Listed from A to Z because we do not know the household's postcode" in response.content.decode()
    nearest = client.get(response.request["PATH_INFO"] + "?postcode=ts181au")
    assert [name for name, _ in _advice(nearest)] == ["Zebra Advice", "Middle Advice", "Aardvark Advice"]


def test_a_postcode_outside_the_area_says_so_and_keeps_a_to_z(client_for, advice_services, engine):
    response = _plan(client_for("officer"), reverse("money:check_new"), "?postcode=SW1A 1AA")
    assert [name for name, _ in _advice(response)] == ["Aardvark Advice", "Middle Advice", "Zebra Advice"]
    assert "SW1A 1AA is not a postcode in" in response.content.decode()
    bad = _plan(client_for("officer"), reverse("money:check_new"), "?postcode=nonsense")
    assert "Enter a real postcode, like TS18 1AA" in bad.content.decode()
