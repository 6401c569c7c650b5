"""The fast path must give exactly (to the penny) what a fresh policyengine_uk.Simulation gives.

The fast path replaces two of upstream's branch calculations with stand-ins (``communities.benefits.counterfactual``):
the households below include ones that take each stand-in and ones that must not (owners and non-dependants, who
are not all rent-liable; earners, self-employed people and both; households differing only in earnings), and the
tests check which path each one took, so that a stand-in cannot pass unexercised or hide a wrong answer.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from communities.benefits import counterfactual
from communities.benefits.engine import ALL_VARIABLES
from communities.benefits.examples import FAMILY_ONE_EARNER, SINGLE_PENSIONER
from communities.benefits.household import Household, Person
from communities.benefits.pe_inputs import to_arrays, to_situation


@pytest.fixture(scope="module")
def engine():
    """The process-wide warm engine (``get_engine`` caches it, so every module shares one).

    Defined here rather than in a conftest so that ``--noconftest`` runs work too.
    """
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


HOUSEHOLDS = {
    "pensioner_private_rent": SINGLE_PENSIONER,
    "family_one_earner": FAMILY_ONE_EARNER,
    "disabled_lcwra_carer_capital": Household(
        people=(
            Person(
                age=52,
                limited_capability_for_work_related_activity=True,
                pip_daily_living="ENHANCED",
                pip_mobility="STANDARD",
                is_disabled=True,
            ),
            Person(age=49, care_hours_per_week=40.0, employment_income=5000.0, hours_worked=10.0),
        ),
        tenure="social_rent_housing_association",
        rent_per_year=6000.0,
        savings=9000.0,
        council_tax_band="B",
        council_tax_per_year=1700.0,
    ),
    "pensioner_couple_capital_aa": Household(
        people=(
            Person(
                age=78,
                state_pension=11000.0,
                private_pension_income=3000.0,
                attendance_allowance="HIGHER",
                is_disabled=True,
            ),
            Person(age=75, state_pension=6000.0),
        ),
        tenure="owner_outright",
        savings=12000.0,
        council_tax_band="C",
        council_tax_per_year=2100.0,
    ),
    "non_dependants_several_benefit_units": Household(
        people=(
            Person(age=40, employment_income=12000.0, hours_worked=20.0),
            Person(age=12),
            Person(age=17, in_education=True),
            Person(age=23, benefit_unit=1, employment_income=21000.0, hours_worked=37.5),
            Person(age=68, benefit_unit=2, state_pension=8000.0),
        ),
        tenure="private_rent",
        rent_per_year=9600.0,
        council_tax_band="B",
        council_tax_per_year=1900.0,
    ),
}
HOUSEHOLDS["lcwra_protected"] = dataclasses.replace(HOUSEHOLDS["disabled_lcwra_carer_capital"], uc_lcwra_protected=True)
# Earners over State Pension age whose Guarantee Credit depends on the income tax on their earnings (it caps the
# earnings disregard; self-employed profit's tax is replaced by a notional one), which upstream computes in a branch
# without anybody's earnings (the counterfactual copies stand in for it).
HOUSEHOLDS["pensioner_couple_earner_rent"] = Household(
    people=(
        Person(age=68, state_pension=11973.0, private_pension_income=2000.0, employment_income=600.0, hours_worked=4),
        Person(age=67, state_pension=2000.0),
    ),
    tenure="private_rent",
    rent_per_year=7800.0,
    savings=3000.0,
    council_tax_band="B",
    council_tax_per_year=1900.0,
)
# Differs from the one above only in the earnings the copies set to nil.
HOUSEHOLDS["pensioner_couple_earner_more"] = dataclasses.replace(
    HOUSEHOLDS["pensioner_couple_earner_rent"],
    people=(
        dataclasses.replace(HOUSEHOLDS["pensioner_couple_earner_rent"].people[0], employment_income=900.0),
        HOUSEHOLDS["pensioner_couple_earner_rent"].people[1],
    ),
)
HOUSEHOLDS["pensioner_self_employed_owner"] = Household(
    people=(
        Person(
            age=70,
            state_pension=11973.0,
            private_pension_income=2500.0,
            self_employment_income=1500.0,
            employment_income=500.0,
            hours_worked=5,
        ),
        Person(age=69, state_pension=1000.0),
    ),
    tenure="owner_outright",
    council_tax_band="C",
    council_tax_per_year=2000.0,
)
# A mixed-age couple renting (UC) with a non-dependant on Pension Credit: exempt from the UC non-dependant
# deduction, which upstream finds in a branch (not all benefit units are rent-liable, so no stand-in here).
HOUSEHOLDS["mixed_age_couple_pension_credit_non_dependant"] = Household(
    people=(
        Person(age=70, state_pension=5000.0),
        Person(age=55, employment_income=8000.0, hours_worked=16),
        Person(age=67, benefit_unit=1, state_pension=6000.0),
    ),
    tenure="social_rent_council",
    rent_per_year=6500.0,
    council_tax_band="A",
    council_tax_per_year=1700.0,
)
HOUSEHOLDS["self_employed_family_rent"] = Household(
    people=(Person(age=30, self_employment_income=14000.0, hours_worked=30), Person(age=29), Person(age=2)),
    tenure="social_rent_housing_association",
    rent_per_year=6000.0,
    council_tax_band="A",
    council_tax_per_year=1500.0,
)
HOUSEHOLDS["working_family_mortgage"] = Household(
    people=(
        Person(age=40, employment_income=26000.0, hours_worked=37.5),
        Person(age=38, employment_income=9000.0, hours_worked=16),
        Person(age=10),
        Person(age=14),
    ),
    tenure="owner_mortgage",
    council_tax_band="C",
    council_tax_per_year=2050.0,
)
SINGLE_CASES = [
    ("pensioner_private_rent", 2025),
    ("family_one_earner", 2025),
    ("lcwra_protected", 2026),
    ("pensioner_couple_earner_rent", 2025),
    ("pensioner_self_employed_owner", 2026),
]
EARNINGS = [counterfactual.COUNTERFACTUALS[kind][0] for kind in ("employed", "earnings")]
#: Which stand-ins each household alone takes (``counterfactual``).
STAND_INS = {
    "pensioner_private_rent": {counterfactual.NON_DEP_PC},
    "family_one_earner": {counterfactual.NON_DEP_PC, EARNINGS[0]},
    "disabled_lcwra_carer_capital": {counterfactual.NON_DEP_PC, EARNINGS[0]},
    "lcwra_protected": {counterfactual.NON_DEP_PC, EARNINGS[0]},
    "pensioner_couple_capital_aa": set(),  # owners over State Pension age: not rent-liable, no earnings
    "non_dependants_several_benefit_units": {EARNINGS[0]},  # a non-dependant over State Pension age
    "pensioner_couple_earner_rent": {counterfactual.NON_DEP_PC, EARNINGS[0]},
    "pensioner_couple_earner_more": {counterfactual.NON_DEP_PC, EARNINGS[0]},
    "pensioner_self_employed_owner": set(EARNINGS),
    "mixed_age_couple_pension_credit_non_dependant": {EARNINGS[0]},  # the non-dependant is not rent-liable
    "self_employed_family_rent": {counterfactual.NON_DEP_PC, EARNINGS[1]},
    # Owners of working age: not rent-liable, but nobody meets Pension Credit's age conditions (issue #19).
    "working_family_mortgage": {counterfactual.NON_DEP_PC, EARNINGS[0]},
}


def assert_same(fast: dict, fresh, year: int) -> None:
    for variable in ALL_VARIABLES:
        expected = np.asarray(fresh.calculate(variable, year), dtype=float)
        got = np.asarray(fast[variable], dtype=float)
        assert got.shape == expected.shape, variable
        assert np.abs(got - expected).max(initial=0) < 0.005, (variable, got, expected)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "year"), SINGLE_CASES)
def test_fast_path_equals_fresh_simulation(engine, name: str, year: int) -> None:
    """One household, fast path vs its own fresh policyengine_uk.Simulation."""
    from policyengine_uk import Simulation

    household = HOUSEHOLDS[name]
    _, fast = engine.calculate_households([household], year)
    assert_same(fast, Simulation(situation=to_situation(household, year)), year)


@pytest.mark.slow
@pytest.mark.parametrize("year", [2025, 2026])
def test_all_households_fast_path_equals_fresh_simulation(engine, year: int) -> None:
    """Every varied household at once (one fresh Simulation holding them all, to keep the suite quick)."""
    from policyengine_uk import Simulation

    households = list(HOUSEHOLDS.values())
    _, fast = engine.calculate_households(households, year)
    assert_same(fast, Simulation(situation=to_situation(households, year)), year)


def test_some_cases_are_non_trivial(engine) -> None:
    """Guard: the equivalence households really exercise UC, PC, LCWRA, several benefit units and the stand-ins."""
    arrays, v = engine.calculate_households(list(HOUSEHOLDS.values()), 2025)
    assert v["universal_credit"].sum() > 0 and v["pension_credit"].sum() > 0
    assert v["uc_LCWRA_element"].max() > 0
    assert arrays.n_benunits > len(HOUSEHOLDS)
    assert set(STAND_INS) == set(HOUSEHOLDS)  # every household's path is checked
    # The working pensioners' income tax without earnings differs from their tax, and by household.
    earners = [HOUSEHOLDS["pensioner_couple_earner_rent"], HOUSEHOLDS["pensioner_couple_earner_more"]]
    prepared = engine.prepare(to_arrays(earners), 2025)
    tax = prepared.originals(counterfactual.TAX, 2025)
    without = prepared.originals(EARNINGS[0], 2025)
    assert tax[0] > without[0] > 0 and tax[2] > tax[0] and without[2] == without[0]


def test_stand_ins_are_reviewed(engine) -> None:
    """Fails after a PolicyEngine UK upgrade changes a formula a stand-in reproduces: review ``counterfactual``
    (is each stand-in still exact?), then update ``counterfactual.FINGERPRINTS``."""
    assert counterfactual.upstream_sources(engine.system) == counterfactual.FINGERPRINTS
    assert engine.stand_ins


@pytest.mark.parametrize("name", sorted(STAND_INS))
def test_each_household_takes_the_expected_stand_ins(engine, name: str) -> None:
    prepared = engine.prepare(to_arrays([HOUSEHOLDS[name]]), 2025)
    assert set(prepared.pinned) == STAND_INS[name]
    copies = prepared.stack.copies if prepared.stack else ()
    assert len(copies) == len(set(prepared.pinned) & set(EARNINGS))


@pytest.mark.parametrize("year", [2025, 2026])
def test_stand_ins_equal_upstream_branches(engine, year: int) -> None:
    """Each household alone, stand-ins on vs upstream's own branches (quick: no fresh Simulation)."""
    try:
        for household in HOUSEHOLDS.values():
            engine.stand_ins = True
            _, fast = engine.calculate_households([household], year)
            engine.stand_ins = False
            _, branches = engine.calculate_households([household], year)
            for variable in ALL_VARIABLES:
                assert np.array_equal(fast[variable], branches[variable]), variable
    finally:
        engine.stand_ins = counterfactual.upstream_unchanged(engine.system)


def test_batch_equals_single(engine) -> None:
    households = list(HOUSEHOLDS.values())
    _, together = engine.calculate_households(households, 2025, ["council_tax_reduction"])
    singles = [
        engine.calculate_households([h], 2025, ["council_tax_reduction"])[1]["council_tax_reduction"][0]
        for h in households
    ]
    assert np.allclose(together["council_tax_reduction"], singles, atol=0.005)


def test_unserved_year_is_refused(engine) -> None:
    with pytest.raises(ValueError, match="year"):
        engine.calculate_households([HOUSEHOLDS["family_one_earner"]], 2019)
