"""The demo extension gives households money details and writes caseload extracts that screening finds campaigns in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from communities.benefits.caseload import read_caseload_csv
from communities.benefits.screening import screen_caseload
from communities.demo.generator import DemoContext
from communities.money import demo
from communities.money.models import HouseholdMoney
from communities.people.models import Household, Person

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 1)


def _household(people, ages, **fields):
    household = Household.objects.create(**fields)
    for age in ages:
        people.append(Person.objects.create(
            first_name="Demo", last_name="Resident", household=household,
            date_of_birth=TODAY - dt.timedelta(days=int(age * 365.25) + 10),
        ))
    return household


def test_demo_money_details_and_extracts(tmp_path, settings, council, engine):
    settings.VAR_DIR = tmp_path
    rng = np.random.default_rng(7)
    people, households = [], []
    for i in range(30):  # low-income single pensioners: about a third are not shown claiming Pension Credit
        households.append(_household(people, [70 + i % 15], tenure="private" if i % 2 else "social",
                                     council_tax_band="A", annual_income=Decimal("9500")))
    for i in range(10):
        households.append(_household(people, [35, 33, 4 + i % 8], tenure="mortgage", council_tax_band="C",
                                     annual_income=Decimal(str(20000 + 3000 * i))))
    households.append(_household(people, [40], tenure="other", council_tax_band="B", annual_income=Decimal("1")))
    ctx = DemoContext(rng=rng, council_org=council, partners=[], council=None, lsoas=[], today=TODAY,
                      people=people, households=households)
    demo.add_demo_money(ctx)
    assert HouseholdMoney.objects.count() == 40  # not the household with "other" tenure
    assert HouseholdMoney.objects.exclude(current_benefits={}).exists()
    first, second = tmp_path / "demo" / "money" / "caseload-extract-1.csv", tmp_path / "demo" / "money" / \
        "caseload-extract-2.csv"
    frame, errors = read_caseload_csv(first)
    assert errors == [] and len(frame) == 36  # households under £36,000 a year
    frame2, errors2 = read_caseload_csv(second)
    assert errors2 == []
    screened = screen_caseload(frame, 2025, engine=engine)
    assert 3 <= int(screened.likely_unclaimed_pension_credit.sum()) <= 25
    later = screen_caseload(frame2, 2025, engine=engine)
    flagged = set(screened.household_ref[screened.likely_unclaimed_pension_credit])
    now_paid = frame2[frame2.household_ref.isin(flagged) & (pd.to_numeric(frame2.receiving_pc_per_week.replace(
        "", "0")) > 0)]
    assert len(now_paid) >= 1 and len(later) == 36
