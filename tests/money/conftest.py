"""Money tests share one warm benefits engine for the session (the same singleton the web views use)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    from communities.benefits.engine import get_engine
    from communities.money.adapter import served_years

    return get_engine(served_years())


def person_for(organisation, **extra):
    from communities.people.models import Involvement, Person

    person = Person.objects.create(first_name=extra.pop("first_name", "Ada"), last_name="Testperson", **extra)
    Involvement.objects.create(person=person, organisation=organisation, reason="money advice")
    return person


def check_post(members, **household) -> dict:
    """POST data for the check form: household answers and up to six people."""
    data = {
        "year": household.pop("year", 2025),
        "tenure": "private_rent",
        "rent": "",
        "rent_period": "month",
        "council_tax_band": "B",
        "council_tax_per_year": "",
        "savings": "",
        "epc_band": "",
        "members-TOTAL_FORMS": "6",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "6",
    }
    data.update({k: str(v) for k, v in household.items()})
    for i, member in enumerate(members):
        for key, value in member.items():
            data[f"members-{i}-{key}"] = "on" if value is True else str(value)
    return data
