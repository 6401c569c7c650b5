"""Worked cases: expected amounts from published 2025/26 rates, checked against PolicyEngine to £1.

Published rates (tax year 2025/26, DWP "Benefit and pension rates 2025 to 2026",
https://www.gov.uk/government/publications/benefit-and-pension-rates-2025-to-2026):
- Pension Credit standard minimum guarantee, single: £227.10 a week.
- Universal Credit standard allowance, couple both 25 or over: £628.10 a month.
- Universal Credit child element (child born on/after 6 April 2017): £292.81 a month.
- Child Benefit: eldest child £26.05 a week, each other child £17.25 a week.
- Benefit cap outside Greater London, couple/with children: £22,020 a year (not reached below).
- Attendance Allowance higher rate and PIP daily living enhanced rate: £110.40 a week.
- Carer's Allowance: £83.30 a week.
- Universal Credit LCWRA (health) element 2025/26: £423.27 a month.
2026/27 (Universal Credit Act 2025): protected LCWRA amount £429.80 a month (SI 2026/113 reg. 3(3)(b))
and new-claimant amount £217.26 a month (UC Act 2025 s. 2), as cited in policyengine-uk 2.162.10.
"""

from __future__ import annotations

import datetime as dt

import pytest

from communities.benefits.household import Household, Person
from communities.benefits.results import check_household


@pytest.fixture(scope="module")
def engine():
    """The process-wide warm engine (``get_engine`` caches it, so every module shares one).

    Defined here rather than in a conftest so that ``--noconftest`` runs work too.
    """
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


PC_SMG_SINGLE_WEEK = 227.10
UC_COUPLE_25_MONTH = 628.10
UC_CHILD_MONTH = 292.81
CB_ELDEST_WEEK = 26.05
CB_OTHER_WEEK = 17.25


def test_single_pensioner_pension_credit_tops_up_to_guarantee(engine) -> None:
    state_pension = 9000.0
    h = Household(
        people=(Person(age=70, state_pension=state_pension),),
        tenure="private_rent",
        rent_per_year=7200.0,
        council_tax_band="B",
        council_tax_per_year=1920.13,
    )
    r = check_household(h, 2025, engine=engine)
    expected = PC_SMG_SINGLE_WEEK * 52 - state_pension  # PolicyEngine annualises weekly rates x 52
    assert r.get("pension_credit").entitled_per_year == pytest.approx(expected, abs=1)
    # On guarantee credit: passported to maximum HB (eligible rent capped at the LHA) and full CTR.
    assert r.get("council_tax_reduction").entitled_per_year == pytest.approx(1920.13, abs=0.01)
    hb = r.get("housing_benefit")
    assert 0 < hb.entitled_per_year < 7200.0  # capped at the Teesside 1-bedroom LHA
    assert r.get("universal_credit").entitled_per_year == 0
    assert "Pension Credit instead" in r.get("universal_credit").reason
    assert r.get("pension_credit").unclaimed_per_year == r.get("pension_credit").entitled_per_year


def test_couple_two_children_no_earnings_uc_and_child_benefit(engine) -> None:
    rent_month = 300.0
    h = Household(
        people=(Person(age=35), Person(age=35), Person(age=4), Person(age=8)),
        tenure="social_rent_council",
        rent_per_year=rent_month * 12,
        council_tax_band="A",
        council_tax_per_year=1500.0,
        current_benefits={"child_benefit": 2251.60},
    )
    r = check_household(h, 2025, engine=engine)
    uc = r.get("universal_credit")
    expected_uc = (UC_COUPLE_25_MONTH + 2 * UC_CHILD_MONTH + rent_month) * 12
    assert uc.entitled_per_year == pytest.approx(expected_uc, abs=1)
    assert uc.elements["standard_allowance"] == pytest.approx(UC_COUPLE_25_MONTH * 12, abs=1)
    assert uc.elements["child_element"] == pytest.approx(2 * UC_CHILD_MONTH * 12, abs=1)
    cb = r.get("child_benefit")
    assert cb.entitled_per_year == pytest.approx((CB_ELDEST_WEEK + CB_OTHER_WEEK) * 52, abs=1)
    assert cb.unclaimed_per_year == pytest.approx(0, abs=0.01)
    assert uc.per_month == pytest.approx(uc.entitled_per_year / 12, abs=0.01)


def test_design_note_family_with_earner(engine) -> None:
    """money.md worked output: UC £13,474.86 and Child Benefit £2,251.60 for 2025/26."""
    h = Household(
        people=(Person(age=35, employment_income=18000.0), Person(age=35), Person(age=4), Person(age=8)),
        tenure="social_rent_council",
        rent_per_year=5400.0,
        council_tax_band="A",
        council_tax_per_year=1800.0,
    )
    r = check_household(h, 2025, engine=engine)
    uc = r.get("universal_credit")
    assert uc.entitled_per_year == pytest.approx(13474.86, abs=0.01)
    # UC = maximum amount - 55 % taper on earnings above the work allowance (PolicyEngine's own parts)
    e = uc.elements
    maximum = e["standard_allowance"] + e["child_element"] + e["housing_costs_element"]
    assert uc.entitled_per_year == pytest.approx(maximum - e["income_reduction"], abs=1)
    ctr = r.get("council_tax_reduction")
    assert ctr.to_confirm  # working-age local scheme


def test_healthy_start_and_free_school_meals_on_uc(engine) -> None:
    h = Household(
        people=(Person(age=24), Person(age=0), Person(age=6)),
        tenure="private_rent",
        rent_per_year=6000.0,
        council_tax_band="A",
        council_tax_per_year=1200.0,
    )
    r = check_household(h, 2025, engine=engine, on_date=dt.date(2025, 10, 1))
    assert r.get("universal_credit").entitled_per_year > 0
    assert r.get("healthy_start").entitled_per_year == pytest.approx(8.50 * 52, abs=0.01)
    assert "Universal Credit" in r.get("free_school_meals").reason


def test_working_age_ctr_uses_local_scheme_for_single_no_income(engine) -> None:
    h = Household(
        people=(Person(age=40, is_disabled=True),),
        tenure="social_rent_council",
        rent_per_year=5000.0,
        council_tax_band="A",
        council_tax_per_year=1400.0,
    )
    r = check_household(h, 2025, engine=engine)
    # UC (income) below applicable amount? If not, the award is tapered; either way not above the bill.
    ctr = r.get("council_tax_reduction")
    assert 0 <= ctr.entitled_per_year <= 1400.0
    assert "to be confirmed" in ctr.reason


AA_HIGHER_WEEK = 110.40
PIP_DL_ENHANCED_WEEK = 110.40
CA_WEEK = 83.30


def test_disability_and_carer_benefits_on_award_levels(engine) -> None:
    aa = check_household(
        Household(
            people=(Person(age=80, state_pension=12000.0, attendance_allowance="HIGHER", is_disabled=True),),
            tenure="owner_outright",
            council_tax_per_year=1500.0,
        ),
        2025,
        engine=engine,
    )
    assert aa.get("attendance_allowance").entitled_per_year == pytest.approx(AA_HIGHER_WEEK * 52, abs=1)
    assert aa.get("attendance_allowance").status == "entitled"
    couple = check_household(
        Household(
            people=(
                Person(age=50, care_hours_per_week=40.0),
                Person(age=52, pip_daily_living="ENHANCED", is_disabled=True),
            ),
            tenure="social_rent_council",
            rent_per_year=5000.0,
            council_tax_per_year=1500.0,
        ),
        2025,
        engine=engine,
    )
    assert couple.get("pip").entitled_per_year == pytest.approx(PIP_DL_ENHANCED_WEEK * 52, abs=1)
    assert couple.get("carers_allowance").entitled_per_year == pytest.approx(CA_WEEK * 52, abs=1)
    assert couple.get("universal_credit").elements["carer_element"] > 0


def test_pointers_and_other_benefit_units(engine) -> None:
    r = check_household(
        Household(
            people=(Person(age=75, state_pension=15000.0, is_disabled=True), Person(age=30, benefit_unit=1)),
            tenure="owner_outright",
            council_tax_per_year=1500.0,
        ),
        2025,
        engine=engine,
    )
    assert r.get("attendance_allowance").status == "check"
    assert r.get("pip").status == "not_entitled"
    assert len(r.other_benefit_units) == 1
    assert r.other_benefit_units[0]["universal_credit"] == pytest.approx(400.14 * 12, abs=1)  # single 25+


def test_unknown_location_names_field(engine) -> None:
    from communities.benefits.household import Location

    h = Household(people=(Person(age=40),), location=Location(local_authority="GOTHAM"))
    with pytest.raises(ValueError, match="location.local_authority"):
        check_household(h, 2025, engine=engine)


LCWRA_2025_MONTH = 423.27
LCWRA_PROTECTED_2026_MONTH = 429.80
LCWRA_NEW_2026_MONTH = 217.26


@pytest.mark.parametrize(
    ("year", "protected", "monthly"),
    [(2025, None, LCWRA_2025_MONTH), (2026, True, LCWRA_PROTECTED_2026_MONTH), (2026, None, LCWRA_NEW_2026_MONTH)],
)
def test_uc_health_element_by_claim_date(engine, year: int, protected: bool | None, monthly: float) -> None:
    h = Household(
        people=(Person(age=52, limited_capability_for_work_related_activity=True, is_disabled=True),),
        tenure="social_rent_council",
        rent_per_year=5000.0,
        council_tax_per_year=1400.0,
        uc_lcwra_protected=protected,
    )
    uc = check_household(h, year, engine=engine).get("universal_credit")
    assert uc.elements["lcwra_element"] == pytest.approx(monthly * 12, abs=1)


def test_current_uc_claim_keeps_protected_health_element(engine) -> None:
    h = Household(
        people=(Person(age=52, limited_capability_for_work_related_activity=True, is_disabled=True),),
        tenure="social_rent_council",
        rent_per_year=5000.0,
        current_benefits={"universal_credit": 9000.0},
    )
    uc = check_household(h, 2026, engine=engine).get("universal_credit")
    assert uc.elements["lcwra_element"] == pytest.approx(LCWRA_PROTECTED_2026_MONTH * 12, abs=1)
