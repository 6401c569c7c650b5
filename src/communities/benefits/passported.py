"""Free school meals and Healthy Start (PolicyEngine UK has these as inputs only).

Parameters and sources: ``data/passported.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .datafiles import load
from .household import Household


@dataclass(frozen=True)
class PassportResult:
    eligible: bool
    amount_per_year: float  # 0 when the value is not known (free school meals)
    reason: str
    children: int = 0


def free_school_meals(
    household: Household, on_universal_credit: bool, on_pension_credit_guarantee: bool, on_date: dt.date
) -> PassportResult:
    """England free school meals (benefit-related), plus the universal infant offer as a note."""
    p = load("passported")["free_school_meals"]
    children = [c for c in household.people if c.benefit_unit == 0 and c.is_dependant]  # sixth-formers too
    pupils = [c for c in children if p["school_age_min"] <= c.age <= p["school_age_max"]]
    if not children:
        return PassportResult(False, 0.0, "No children in the household.")
    if not pupils:
        return PassportResult(False, 0.0, "No children of school age yet.")
    earnings = sum(x.employment_income + x.self_employment_income for x in household.adults if x.benefit_unit == 0)
    uc_all = dt.date.fromisoformat(p["uc_all_from"])
    if on_universal_credit and (on_date >= uc_all or earnings <= p["uc_net_earnings_limit_per_year"]):
        return PassportResult(True, 0.0, "Entitled through Universal Credit.", len(pupils))
    if on_pension_credit_guarantee:
        return PassportResult(True, 0.0, "Entitled through Pension Credit (guarantee credit).", len(pupils))
    infants = [c for c in pupils if c.age <= p["universal_infant_max_age"]]
    if infants:
        return PassportResult(
            False,
            0.0,
            "Not benefit-related free school meals, but infants (reception to year 2) get free school "
            "lunches in state schools in England.",
            len(infants),
        )
    if on_universal_credit:
        return PassportResult(False, 0.0, "Universal Credit earnings are above the free school meals limit.")
    return PassportResult(False, 0.0, "Not receiving a qualifying benefit (for example Universal Credit).")


def healthy_start(household: Household, on_universal_credit: bool) -> PassportResult:
    """Healthy Start payments (England, Wales, Northern Ireland): pregnancy or children under 4."""
    p = load("passported")["healthy_start"]
    unit = [x for x in household.people if x.benefit_unit == 0]
    under_one = sum(1 for x in unit if x.age < 1)
    one_to_four = sum(1 for x in unit if 1 <= x.age <= p["child_max_age"])
    pregnant = any(x.is_pregnant for x in unit)
    under_18_pregnant = any(x.is_pregnant and x.age < 18 for x in unit)
    weekly = under_one * p["under_one_per_week"] + one_to_four * p["one_to_four_per_week"]
    weekly += p["pregnancy_per_week"] if pregnant else 0.0
    if not (under_one or one_to_four or pregnant):
        return PassportResult(False, 0.0, "Only for pregnant women or families with children under 4.")
    earnings = sum(x.employment_income + x.self_employment_income for x in unit if not x.is_dependant)
    # Gross earnings are used as a cautious proxy for take-home pay (overstates pay).
    if under_18_pregnant or (on_universal_credit and earnings / 12 <= p["uc_monthly_take_home_limit"]):
        return PassportResult(
            True, round(weekly * 52, 2), "Entitled to Healthy Start payments.", under_one + one_to_four
        )
    if on_universal_credit:
        return PassportResult(
            False,
            0.0,
            "Earnings may be above the Healthy Start limit for Universal Credit (£408 a month take-home pay): check.",
        )
    return PassportResult(False, 0.0, "Not receiving a qualifying benefit (for example Universal Credit).")
