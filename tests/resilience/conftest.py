"""Fixtures for the emergencies room: the planner acting for the council, a partner worker and residents on the
register in two wards of the demo borough."""

from __future__ import annotations

from datetime import date

import pytest

from communities.people.models import Involvement, Person
from communities.places.models import Postcode

from ..support.conftest import acting


@pytest.fixture(autouse=True)
def _fresh_area_risk():
    """Each test reads the area risk from its own data (it is cached for ten minutes in a running service)."""
    from communities.resilience.ordering import forget_risk

    forget_risk()
    yield
    forget_risk()


@pytest.fixture
def planner(personas, council):
    return acting(personas["planner"], council)


@pytest.fixture
def worker(personas, partner):
    return acting(personas["worker"], partner)


@pytest.fixture
def volunteer(personas, partner):
    return acting(personas["volunteer"], partner)


def postcodes_in_two_wards():
    """Two postcodes of one ward and one of another (the shipped geography)."""
    rows = list(Postcode.objects.filter(ward__isnull=False, latitude__isnull=False)
                .order_by("ward_id", "postcode").values_list("postcode", "ward_id")[:4000])
    wards = sorted({ward for _, ward in rows})
    first = [p for p, w in rows if w == wards[0]][:2]
    second = [p for p, w in rows if w == wards[1]][:1]
    return wards[0], wards[1], first, second


def make_resident(organisation, first, last, postcode, born=date(1950, 1, 1), **extra) -> Person:
    person = Person.objects.create(first_name=first, last_name=last, postcode=postcode, date_of_birth=born, **extra)
    Involvement.objects.create(person=person, organisation=organisation, reason="emergency register")
    return person


def register(worker, person, needs, **details):
    from communities.resilience.services.register import register_resident

    return register_resident(actor=worker, person=person, needs=needs, postcode=person.postcode,
                             how_given="verbal_in_person", details={"phone": "07700 900123", **details})


@pytest.fixture
def geography(db):
    return postcodes_in_two_wards()


@pytest.fixture
def entries(worker, partner, geography):
    """Four residents: three in the first ward (one power-dependent), one in the second."""
    ward_a, ward_b, (pc1, pc2), (pc3,) = geography
    made = {
        "ventilator": register(worker, make_resident(partner, "Vera", "Vent", pc1), ["power_dependent"]),
        "alone": register(worker, make_resident(partner, "Alan", "Lone", pc2, born=date(1990, 5, 5)),
                          ["lives_alone"]),
        "nothing": register(worker, make_resident(partner, "Nora", "None", pc1, born=date(1995, 5, 5)), []),
        "elsewhere": register(worker, make_resident(partner, "Ellie", "Where", pc3), ["mobility"]),
    }
    return made
