"""Thin adapter between the web forms and the benefits core (``communities.benefits``).

Answers are a JSON-able dict (kept in the session and on saved checks) so that a check can be re-run, varied for
"what if" and saved. Money in answers is already converted to the core's units (£ a year) except where a key says.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict
from datetime import date

from communities.benefits.household import Household, Person

WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12
RELATIONSHIPS = {
    "you": "The person being helped",
    "partner": "Their partner",
    "child": "A child under 16, or a young person aged 16 to 19 in full-time education or training",
    "other_adult": "Another adult (grown-up child, lodger or relative)",
}
#: people.Household.tenure -> benefits core tenure
PEOPLE_TENURES = {
    "owner": "owner_outright",
    "mortgage": "owner_mortgage",
    "social": "social_rent_council",
    "private": "private_rent",
}
OTHER_UNIT_LABELS = {
    "universal_credit": "Universal Credit",
    "pension_credit": "Pension Credit",
    "housing_benefit": "Housing Benefit",
    "child_benefit": "Child Benefit",
}
MEANS_TESTED = ("universal_credit", "pension_credit", "housing_benefit", "council_tax_reduction")
#: Answer ``couple_status`` -> ``Household.married`` (issue #19 item 3: asked, never assumed).
COUPLE_STATUSES = {"married": True, "cohabiting": False}


def served_years() -> tuple[int, ...]:
    from communities.benefits.engine import DEFAULT_YEARS

    return DEFAULT_YEARS


def tax_year_for(day: date) -> int:
    """The UK tax year (by its starting calendar year) containing ``day``, limited to the years the engine serves."""
    year = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    years = served_years()
    return min(max(year, years[0]), years[-1])


def tax_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def build_household(answers: dict) -> Household:
    """The benefits core's Household for these answers (raises ValueError naming a field)."""
    people = []
    next_unit = 1
    for member in answers["members"]:
        relationship = member["relationship"]
        if relationship == "other_adult":
            unit, next_unit = next_unit, next_unit + 1
        else:
            unit = 0
        people.append(
            Person(
                age=int(member["age"]),
                benefit_unit=unit,
                employment_income=float(member.get("earnings_per_year", 0.0)),
                self_employment_income=float(member.get("self_employment_per_year", 0.0)),
                private_pension_income=float(member.get("private_pension_per_year", 0.0)),
                state_pension=float(member.get("state_pension_per_year", 0.0)),
                hours_worked=float(member.get("hours_per_week", 0.0)),
                pip_daily_living=member.get("pip_daily_living", "NONE"),
                pip_mobility=member.get("pip_mobility", "NONE"),
                attendance_allowance=member.get("attendance_allowance", "NONE"),
                dla_care=member.get("dla_care", "NONE"),
                is_disabled=bool(member.get("disabled")),
                limited_capability_for_work_related_activity=bool(member.get("lcwra")),
                care_hours_per_week=35.0 if member.get("carer") else 0.0,
                is_pregnant=bool(member.get("pregnant")),
                in_education=bool(member.get("in_education")) and relationship == "child",
            )
        )
    rented = answers["tenure"] in ("social_rent_council", "social_rent_housing_association", "private_rent")
    married = COUPLE_STATUSES.get(answers.get("couple_status") or "")
    allowance = answers.get("marriage_allowance")
    return Household(
        people=tuple(people),
        tenure=answers["tenure"],
        rent_per_year=float(answers.get("rent_per_year", 0.0)) if rented else 0.0,
        council_tax_band=answers.get("council_tax_band") or "B",
        council_tax_per_year=float(answers.get("council_tax_per_year") or 0.0),
        savings=float(answers.get("savings", 0.0)),
        current_benefits={k: float(v) for k, v in (answers.get("receiving") or {}).items() if float(v) > 0},
        married=married,
        marriage_allowance=(None if allowance is None else bool(allowance)) if married else married,
    )


def gross_income(answers: dict) -> float:
    return round(
        sum(
            float(m.get("earnings_per_year", 0))
            + float(m.get("self_employment_per_year", 0))
            + float(m.get("private_pension_per_year", 0))
            + float(m.get("state_pension_per_year", 0))
            for m in answers["members"]
        ),
        2,
    )


def _benefit_dict(b) -> dict:
    data = asdict(b)
    data.update(
        per_week=b.per_week,
        per_month=b.per_month,
        unclaimed_per_year=b.unclaimed_per_year,
        receiving_per_week=round(b.receiving_per_year / WEEKS_PER_YEAR, 2),
        receiving_per_month=round(b.receiving_per_year / MONTHS_PER_YEAR, 2),
        unclaimed_per_month=round(b.unclaimed_per_year / MONTHS_PER_YEAR, 2),
        eligible=b.eligible,
    )
    return data


def _grant_dict(g) -> dict:
    return {
        "likely_eligible": g.likely_eligible,
        "routes": list(g.routes),
        "reasons": list(g.reasons),
        "to_confirm": g.to_confirm,
    }


def home_energy(answers: dict, result) -> dict:
    """Warm Homes: Local Grant and ECO4 Flex for this household (core rules in benefits.grants)."""
    from communities.benefits.grants import HomeCircumstances, eco4_flex, warm_homes_local_grant

    means_tested = frozenset(
        b.key for b in result.benefits if b.key in MEANS_TESTED and (b.eligible or b.receiving_per_year > 0)
    )
    proxies = set()
    if "council_tax_reduction" in means_tested:
        proxies.add("council_tax_reduction")
    if any(b.key == "free_school_meals" and b.eligible for b in result.benefits):
        proxies.add("free_school_meals")
    home = HomeCircumstances(
        tenure=answers["tenure"],
        epc_band=answers.get("epc_band") or None,
        gross_household_income=gross_income(answers),
        means_tested_benefits=means_tested,
        imd_decile=answers.get("imd_decile") or None,
        proxies=frozenset(proxies),
    )
    return {
        "warm_homes_local_grant": _grant_dict(warm_homes_local_grant(home)),
        "eco4_flex": _grant_dict(eco4_flex(home)),
        "epc_band": answers.get("epc_band") or "",
    }


def run_check(answers: dict, *, engine=None) -> dict:
    """Run the core's single-household check; returns a JSON-able result with the time it took."""
    from communities.benefits.engine import get_engine
    from communities.benefits.results import check_household

    household = build_household(answers)
    engine = engine or get_engine(served_years())
    started = time.perf_counter()
    result = check_household(household, int(answers["year"]), engine=engine)
    seconds = time.perf_counter() - started
    benefits = [_benefit_dict(b) for b in result.benefits]
    return {
        "year": result.year,
        "benefits": benefits,
        "total_entitled_per_year": result.total_entitled_per_year,
        "total_unclaimed_per_year": result.total_unclaimed_per_year,
        "total_entitled_per_month": round(result.total_entitled_per_year / MONTHS_PER_YEAR, 2),
        "total_unclaimed_per_month": round(result.total_unclaimed_per_year / MONTHS_PER_YEAR, 2),
        "total_receiving_per_year": round(sum(b.receiving_per_year for b in result.benefits), 2),
        "engine_versions": dict(result.engine_versions),
        "other_benefit_units": [
            {OTHER_UNIT_LABELS.get(k, k): v for k, v in unit.items()} for unit in result.other_benefit_units
        ],
        "home_energy": home_energy(answers, result),
        "earnings_per_year": round(sum(float(m.get("earnings_per_year", 0)) for m in answers["members"]), 2),
        "assumptions": assumptions(answers, household),
        "seconds": round(seconds, 3),
    }


def assumptions(answers: dict, household: Household) -> list[str]:
    """Each input that changes an amount and was left blank or not asked, with what the check took and its effect."""
    said = []
    if household.is_couple:
        said.append(_couple_assumption(household))
    for number, m in enumerate(answers["members"], start=1):
        earns = float(m.get("earnings_per_year", 0)) + float(m.get("self_employment_per_year", 0))
        if earns and not float(m.get("hours_per_week", 0)):
            said.append(
                f"Person {number}'s hours of work were left blank, so we counted 0 hours a week. Working 16 or 30 "
                "hours a week changes Housing Benefit, Council Tax Reduction and what other adults are expected to "
                "pay towards the rent."
            )
        if float(m.get("earnings_per_year", 0)):
            said.append(
                f"We treated person {number}'s earnings as wages from a job. If they are self-employed, Universal "
                "Credit may count a minimum level of earnings instead (the minimum income floor), which lowers it."
            )
        if m.get("carer"):
            said.append(f"We counted person {number} as caring for 35 hours a week (the least for Carer's Allowance).")
    if not float(answers.get("savings") or 0):
        said.append(
            "Savings were left blank or £0, so we counted no savings. Savings over £6,000 reduce Universal Credit, "
            "Housing Benefit and Council Tax Reduction, and over £16,000 stop them (Pension Credit: over £10,000 "
            "reduces it)."
        )
    if not float(answers.get("council_tax_per_year") or 0):
        said.append(
            "The council tax bill was left blank, so Council Tax Reduction is £0: it is worked out from the bill."
        )
    if not answers.get("receiving"):
        said.append("No benefits were entered as received now, so everything the household is due shows as unclaimed.")
    if int(answers["year"]) >= 2026 and any(p.limited_capability_for_work_related_activity for p in household.people):
        rate = "new-claimant" if household.uc_new_claimant else "protected (existing claimant)"
        said.append(
            f"Universal Credit's health element is the {rate} rate because they "
            f"{'do not get' if household.uc_new_claimant else 'already get'} Universal Credit. From April 2026 new "
            "claims get a lower rate unless the person meets the severe conditions criteria or is terminally ill."
        )
    return said


def _couple_assumption(household: Household) -> str:
    if household.married is None:
        return (
            "This check did not ask whether the couple are married, so we assumed they are married or civil partners "
            "and claim Marriage Allowance. If they live together without being married, Universal Credit can be "
            "higher. Change the answers to say which."
        )
    if not household.married:
        return "You told us the couple live together without being married, so Marriage Allowance cannot be claimed."
    if household.marriage_allowance:
        return (
            "You told us the couple are married or civil partners and claim Marriage Allowance: the partner who pays "
            "tax pays up to £252 a year less, which Universal Credit counts as income."
        )
    return (
        "You told us the couple are married or civil partners and do not claim Marriage Allowance. If one of them "
        "pays no tax and the other pays basic-rate tax, claiming it would save up to £252 a year in tax."
    )


_prewarm_started = False
_prewarm_lock = threading.Lock()


def prewarm_engine_in_background() -> bool:
    """Start building the shared engine (~10-30 s) in a background thread, once per process.

    Called when an adviser opens a check form, so the engine is warm by the time they submit it. Off under pytest
    (tests share the session fixture's engine) or with MONEY_PREWARM_ENGINE=0. Returns whether a thread started.
    """
    global _prewarm_started
    if os.environ.get("MONEY_PREWARM_ENGINE", "1") == "0" or "PYTEST_CURRENT_TEST" in os.environ:
        return False
    with _prewarm_lock:
        if _prewarm_started:
            return False
        _prewarm_started = True

    def build():
        from communities.benefits.engine import get_engine

        get_engine(served_years())

    threading.Thread(target=build, name="money-engine-prewarm", daemon=True).start()
    return True
