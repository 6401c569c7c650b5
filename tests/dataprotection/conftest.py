"""Residents for the data-protection tests: one the council supports, with a saved benefits check and a household."""

from __future__ import annotations

from datetime import date

import pytest

from communities.dataprotection import schedule
from communities.money.models import HouseholdMoney, Outcome, SavedCheck
from communities.people.models import Household, Involvement, Person


@pytest.fixture(autouse=True)
def _fresh_schedule():
    schedule.clear_cache()
    yield
    schedule.clear_cache()


@pytest.fixture
def resident(council):
    household = Household.objects.create(address_line="1 Sample Street", postcode="TS18 1AA")
    person = Person.objects.create(
        first_name="Casey", last_name="Sampleton", date_of_birth=date(1950, 3, 27), postcode="TS18 1AA",
        phone="01642 000000", email="casey@example.net", notes="Hard of hearing", household=household,
    )
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    HouseholdMoney.objects.create(household=household, rent_per_week=95, savings=1200)
    check = SavedCheck.objects.create(person=person, organisation=council, tax_year=2025,
                                      answers={"earnings": 0, "savings": 1200}, result={"benefits": []})
    Outcome.objects.create(saved_check=check, benefit="pension_credit", status="awarded", amount_per_year=3900,
                           occurred_on=date(2026, 6, 1), organisation=council)
    return person


def write_schedule(tmp_path, settings, text: str):
    path = tmp_path / "council-schedule.yaml"
    path.write_text(text, encoding="utf-8")
    settings.DATA_PROTECTION_SCHEDULE_FILE = str(path)
    schedule.clear_cache()
    return path
