"""The fast path must give exactly (to the penny) what a fresh policyengine_uk.Simulation gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from communities.benefits.engine import ALL_VARIABLES
from communities.benefits.examples import FAMILY_ONE_EARNER, SINGLE_PENSIONER
from communities.benefits.household import Household, Person
from communities.benefits.pe_inputs import to_situation


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
            Person(age=17),
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
SINGLE_CASES = [("pensioner_private_rent", 2025), ("family_one_earner", 2025), ("lcwra_protected", 2026)]


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
    """Guard: the equivalence households really exercise UC, PC, LCWRA and several benefit units."""
    arrays, v = engine.calculate_households(list(HOUSEHOLDS.values()), 2025)
    assert v["universal_credit"].sum() > 0 and v["pension_credit"].sum() > 0
    assert v["uc_LCWRA_element"].max() > 0
    assert arrays.n_benunits > len(HOUSEHOLDS)


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
