"""Issue #19 items 2 and 3 in the benefits core.

Item 3: whether a couple are married (or civil partners) or living together, and whether they claim Marriage
Allowance, are inputs (``Household.married`` / ``marriage_allowance``) mapped onto PolicyEngine UK's ``is_married``
and ``would_claim_marriage_allowance``, in the fast path and in a fresh Simulation alike.

Item 2: Council Tax Reduction for 2026/27. Pension age: the national scheme (SI 2012/2885 as up-rated for 2026/27),
worked out by PolicyEngine UK. Working age: Stockton-on-Tees' scheme (``data/ctr_scheme.yaml``), one of whose
2026/27 figures (the amount for each child) is not known: the check then gives the amount with the 2025/26 figure
as a lower bound and says so in plain English, or, with no earlier figure, says in plain English why it cannot.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from communities.benefits.ctr import CTRScheme, default_scheme
from communities.benefits.datafiles import load
from communities.benefits.household import Household, Person
from communities.benefits.pe_inputs import to_arrays, to_situation
from communities.benefits.results import check_household


@pytest.fixture(scope="module")
def engine():
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


def family(**couple) -> Household:
    """The issue's couple: two children, one £20,000 earner, council rent (oracle uc_cohabiting_couple_...)."""
    return Household(
        people=(Person(age=35, employment_income=20000.0, hours_worked=37.5), Person(age=35), Person(age=4),
                Person(age=7)),
        tenure="social_rent_council",
        rent_per_year=5400.0,
        council_tax_band="A",
        council_tax_per_year=1800.0,
        **couple,
    )


# --- item 3: the mapping -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("couple", "married", "claims"),
    [
        ({}, True, True),  # not asked: PolicyEngine's own presumptions, written out
        ({"married": False}, False, False),
        ({"married": True, "marriage_allowance": False}, True, False),
        ({"married": True, "marriage_allowance": True}, True, True),
    ],
)
def test_couple_answers_map_onto_policyengine_inputs(couple, married, claims) -> None:
    arrays = to_arrays([family(**couple)])
    assert arrays.benunit["is_married"].tolist() == [married]
    # Only the couple's own answer counts for the adults; children keep PolicyEngine's default (they are not spouses).
    assert arrays.person["would_claim_marriage_allowance"][:2].tolist() == [claims, claims]
    situation = to_situation(family(**couple), 2025)
    assert situation["benunits"]["benunit_0"]["is_married"] == {2025: married}
    assert situation["people"]["person_0"]["would_claim_marriage_allowance"] == {2025: claims}


def test_a_single_person_or_other_adults_are_never_married() -> None:
    household = Household(people=(Person(age=40), Person(age=30, benefit_unit=1)), married=True)
    assert to_arrays([household]).benunit["is_married"].tolist() == [False, False]


def test_marriage_allowance_needs_a_marriage() -> None:
    with pytest.raises(ValueError, match="marriage_allowance: only married couples and civil partners"):
        family(married=False, marriage_allowance=True)
    with pytest.raises(ValueError, match="married: must be True, False or None"):
        family(married="yes")


def test_cohabiting_couple_gets_the_published_rates_arithmetic(engine) -> None:
    """The issue's finding: £138.60 a year (55 % of the £252 Marriage Allowance tax saving) between the two."""
    cohabiting = check_household(family(married=False), 2025, engine=engine).get("universal_credit")
    married = check_household(family(married=True, marriage_allowance=True), 2025, engine=engine)
    not_claiming = check_household(family(married=True, marriage_allowance=False), 2025, engine=engine)
    # Hand-worked in tests/fixtures/benefits/oracle/households.yaml (uc_cohabiting_couple_no_marriage_allowance_2025).
    assert cohabiting.entitled_per_year == pytest.approx(12821.46, abs=0.005)
    assert married.get("universal_credit").entitled_per_year == pytest.approx(12682.86, abs=0.005)
    assert cohabiting.entitled_per_year - married.get("universal_credit").entitled_per_year == pytest.approx(138.60)
    assert not_claiming.get("universal_credit").entitled_per_year == pytest.approx(12821.46, abs=0.005)


@pytest.mark.slow
@pytest.mark.parametrize("year", [2025, 2026])
def test_fast_path_equals_fresh_simulation_for_each_couple_answer(engine, year: int) -> None:
    from policyengine_uk import Simulation

    from communities.benefits.engine import ALL_VARIABLES

    households = [
        family(married=False),
        family(married=True, marriage_allowance=False),
        family(married=True, marriage_allowance=True),
        dataclasses.replace(family(married=False), tenure="owner_mortgage", rent_per_year=0.0),
    ]
    variables = (*ALL_VARIABLES, "marriage_allowance", "income_tax", "is_married")
    _, fast = engine.calculate_households(households, year, variables)
    fresh = Simulation(situation=to_situation(households, year))
    for variable in variables:
        expected = np.asarray(fresh.calculate(variable, year), dtype=float)
        assert np.abs(np.asarray(fast[variable], dtype=float) - expected).max(initial=0) < 0.005, variable
    assert np.asarray(fast["marriage_allowance"])[[0, 4, 8]].tolist() == [0.0, 0.0, 1260.0]


# --- item 2: Council Tax Reduction 2026/27 -------------------------------------------------------------------------


def test_pensioner_ctr_2026_is_the_national_scheme_worked_by_hand(engine) -> None:
    """Aged 70 (State Pension age reached after 1 April 2021), State Pension £12,000 and a private pension £6,000.

    Income tax (12,000 + 6,000 - 12,570) x 20 % = 1,086.00, net income 16,914.00; applicable amount 2026/27 (SI
    2012/2885 Sch. 2, single, the rate for State Pension age from April 2021) 238.00 x 52 = 12,376.00; reduction
    1,920.13 - (16,914.00 - 12,376.00) x 20 % = 1,012.53.
    """
    household = Household(
        people=(Person(age=70, state_pension=12000.0, private_pension_income=6000.0),),
        tenure="owner_outright",
        council_tax_band="B",
        council_tax_per_year=1920.13,
    )
    ctr = check_household(household, 2026, engine=engine).get("council_tax_reduction")
    assert ctr.entitled_per_year == pytest.approx(1920.13 - (16914.00 - 238.00 * 52) * 0.20, abs=0.005)
    assert ctr.reason == "Entitled to Council Tax Reduction."


def lone_parent() -> Household:
    """Working age, one child, a little work and no rent: income just above the local scheme's applicable amount."""
    return Household(
        people=(Person(age=30, employment_income=2000.0, hours_worked=8.0), Person(age=5)),
        tenure="owner_outright",
        council_tax_band="A",
        council_tax_per_year=1400.0,
    )


def scheme_with(year: int, **figures) -> CTRScheme:
    data = load("ctr_scheme")
    amounts = {y: dict(a) for y, a in data["applicable_amounts"].items()}
    amounts[year].update(figures)
    return CTRScheme.from_dict({**data, "applicable_amounts": amounts})


def test_working_age_ctr_2026_gives_an_amount_and_says_in_plain_english_what_is_missing(engine) -> None:
    ctr = check_household(lone_parent(), 2026, engine=engine).get("council_tax_reduction")
    assert 0 < ctr.entitled_per_year < 1400.0  # a real, partial amount
    assert "We do not yet have the amount allowed for each child for 2026 to 2027" in ctr.reason
    assert "the real amount can only be the same or higher" in ctr.reason
    assert "stockton.gov.uk" in ctr.reason
    assert "applicable_amounts" not in ctr.reason and "ctr_scheme.yaml" not in ctr.reason
    # The stand-in is the 2025/26 figure: the same amount as a scheme with that figure set, and a lower bound.
    same = check_household(lone_parent(), 2026, engine=engine, ctr_scheme=scheme_with(2026, child_dependant=84.66))
    higher = check_household(lone_parent(), 2026, engine=engine, ctr_scheme=scheme_with(2026, child_dependant=90.0))
    assert same.get("council_tax_reduction").entitled_per_year == ctr.entitled_per_year
    assert "We do not yet have" not in same.get("council_tax_reduction").reason
    assert higher.get("council_tax_reduction").entitled_per_year > ctr.entitled_per_year


def test_without_any_figure_the_adviser_is_told_why_in_plain_english(engine) -> None:
    data = load("ctr_scheme")
    amounts = {2026: {**data["applicable_amounts"][2026], "child_dependant": None}}
    scheme = CTRScheme.from_dict({**data, "applicable_amounts": amounts})
    ctr = check_household(lone_parent(), 2026, engine=engine, ctr_scheme=scheme).get("council_tax_reduction")
    assert ctr.reason.startswith(
        "We can't work out Council Tax Reduction for 2026 to 2027 yet because we do not have the amount allowed for "
        "each child for that year in Stockton-on-Tees Borough Council's scheme."
    )
    assert "Apply to Stockton-on-Tees Borough Council" in ctr.reason and scheme.apply_at in ctr.reason
    assert ctr.status == "check" and ctr.entitled_per_year == 0
    assert "applicable_amounts" not in ctr.reason


def test_a_household_without_children_needs_no_missing_figure(engine) -> None:
    single = Household(people=(Person(age=40, employment_income=3000.0, hours_worked=8.0),), tenure="owner_outright",
                       council_tax_band="A", council_tax_per_year=1050.0)
    ctr = check_household(single, 2026, engine=engine).get("council_tax_reduction")
    assert "We do not yet have" not in ctr.reason and "can't work out" not in ctr.reason


def test_shipped_scheme_names_the_council_and_where_to_apply() -> None:
    scheme = default_scheme()
    assert scheme.council == "Stockton-on-Tees Borough Council"
    assert scheme.apply_at.startswith("https://www.stockton.gov.uk/")
