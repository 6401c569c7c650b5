"""Free school meals and Healthy Start rules (data/passported.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from communities.benefits.household import Household, Person
from communities.benefits.passported import free_school_meals, healthy_start

BEFORE = dt.date(2026, 8, 31)
AFTER = dt.date(2026, 9, 1)  # announced start of free school meals for all UC households (England)


def family(earnings: float, *ages: int, pregnant_age: int | None = None) -> Household:
    adults = (Person(age=pregnant_age or 30, employment_income=earnings, is_pregnant=pregnant_age is not None),)
    return Household(people=adults + tuple(Person(age=a) for a in ages))


def test_fsm_uc_earnings_limit_before_expansion() -> None:
    assert free_school_meals(family(7400.0, 9), True, False, BEFORE).eligible
    over = free_school_meals(family(7400.01, 9), True, False, BEFORE)
    assert not over.eligible and "earnings" in over.reason


def test_fsm_all_uc_households_after_expansion() -> None:
    assert free_school_meals(family(20000.0, 9), True, False, AFTER).eligible


def test_fsm_other_routes_and_edges() -> None:
    assert free_school_meals(family(0.0, 9), False, True, BEFORE).eligible  # Pension Credit guarantee
    assert not free_school_meals(family(0.0, 9), False, False, BEFORE).eligible
    assert free_school_meals(family(0.0, 2), True, False, BEFORE).reason == "No children of school age yet."
    assert free_school_meals(family(0.0), True, False, BEFORE).reason == "No children in the household."
    infant = free_school_meals(family(30000.0, 5), False, False, BEFORE)
    assert not infant.eligible and "infants" in infant.reason


def test_healthy_start_amounts() -> None:
    r = healthy_start(family(0.0, 0, 2, 5), True)
    assert r.eligible and r.amount_per_year == pytest.approx((8.50 + 4.25) * 52)
    assert not healthy_start(family(0.0, 5), True).eligible  # child 4 or over
    assert not healthy_start(family(0.0, 1), False).eligible  # no qualifying benefit
    assert not healthy_start(family(408.01 * 12, 1), True).eligible  # over the take-home limit
    assert healthy_start(family(408.0 * 12, 1), True).eligible


def test_healthy_start_pregnancy() -> None:
    assert healthy_start(family(0.0, pregnant_age=17), False).amount_per_year == pytest.approx(4.25 * 52)
    assert not healthy_start(family(0.0, pregnant_age=25), False).eligible
    assert healthy_start(family(0.0, pregnant_age=25), True).eligible
