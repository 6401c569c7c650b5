"""Issue #19 item 1: every household shape on the fast path, with the same amounts as a fresh Simulation.

The latency itself is measured by ``benchmarks/benefits_latency.py --shapes`` (wall-clock on a shared CI machine is
too noisy for a test); these tests check what makes the owners' and non-dependants' checks quick without changing
them: below State Pension age no Pension Credit branch opens (the non-dependant stand-in), over it upstream's branch
opens but runs only what depends on the UC housing element (``counterfactual.BRANCH_INPUTS``), and every shape's
amounts equal a fresh ``policyengine_uk.Simulation``'s (counted formulas, not timings, so they hold on a busy machine).
"""

from __future__ import annotations

import numpy as np
import pytest

from communities.benefits import counterfactual
from communities.benefits.engine import ALL_VARIABLES
from communities.benefits.household import RENTED_TENURES
from communities.benefits.pe_inputs import to_arrays, to_situation
from communities.benefits.results import check_household
from communities.benefits.shapes import SHAPES, random_households

from .test_engine_equivalence import HOUSEHOLDS

SEED = 19
#: Shapes with a benefit unit that is not rent-liable and meets Pension Credit's age conditions (a pensioner
#: non-dependant): upstream's Pension Credit branch still opens for them.
BRANCH_SHAPES = ("older non-dependant", "three benefit units")
#: Owners and non-dependants below State Pension age: no unit can be a non-dependant on Pension Credit, so the
#: stand-in stores ``uc_non_dep_receives_pension_credit`` and no branch opens.
STAND_IN_SHAPES = (
    "owner, mortgage, family",
    "owner, mortgage, single",
    "outright owner, working age",
    "owner + non-dependant",
    "renter + adult child",
    "lodger",
    "self-employed + non-dep",
)
#: What the branch must still calculate itself: the values that depend on the UC housing element it sets to nil
#: (Pension Credit, its eligibility and legacy-closure route, guarantee and savings credit, the UC award and work
#: allowance): 8-12 formulas for these shapes, measured.
BRANCH_FORMULAS_AT_MOST = 12


@pytest.fixture(scope="module")
def engine():
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


@pytest.fixture(scope="module")
def sample():
    """One random household of every shape (the benchmark's seed)."""
    return {name: households[0] for name, households in random_households(SEED, 1).items()}


def test_shapes_are_seeded_and_keep_their_shape() -> None:
    first, again, other = random_households(SEED, 3), random_households(SEED, 3), random_households(SEED + 1, 3)
    assert first == again and first != other
    assert len(SHAPES) >= 20 and all(len(households) == 3 for households in first.values())
    for household in first["owner, mortgage, family"]:
        assert household.tenure == "owner_mortgage" and household.children
    for household in first["outright owner, pension age"]:
        assert household.tenure == "owner_outright"
    for name in ("lodger", "older non-dependant", "renter + adult child", "self-employed + non-dep"):
        for household in first[name]:
            assert household.tenure in RENTED_TENURES and len(household.benefit_units) == 2, name
    for household in first["older non-dependant"]:
        assert max(p.age for p in household.people if p.benefit_unit == 1) > household.people[0].age
    assert all(len(h.benefit_units) == 3 for h in first["three benefit units"])
    assert all(len(h.children) >= 3 for h in first["three-plus children"])


def _branch_formulas(engine, household, year: int, monkeypatch) -> list[str]:
    from policyengine_core.simulations import simulation as core

    ran: list[str] = []
    original = core.Simulation._run_formula

    def run_formula(sim, variable, population, period):
        if sim.branch_name != "default":
            ran.append(variable.name)
        return original(sim, variable, population, period)

    with monkeypatch.context() as patch:
        patch.setattr(core.Simulation, "_run_formula", run_formula)
        engine.calculate_households([household], year)
    return ran


@pytest.mark.parametrize("name", BRANCH_SHAPES)
def test_pension_credit_branch_runs_only_what_depends_on_the_housing_element(engine, sample, name, monkeypatch):
    household = sample[name]
    prepared = engine.prepare(to_arrays([household]), 2025)
    assert counterfactual.NON_DEP_PC not in prepared.pinned  # upstream's branch, not a stand-in
    ran = _branch_formulas(engine, household, 2025, monkeypatch)
    assert "pension_credit" in ran  # the branch opened
    assert len(ran) <= BRANCH_FORMULAS_AT_MOST, ran
    assert not set(ran) & set(counterfactual.BRANCH_INPUTS)


def test_without_the_branch_inputs_the_branch_recalculates_them(engine, sample, monkeypatch) -> None:
    """Guard for the test above: calculated in upstream's order, the branch runs Pension Credit's whole tree."""
    monkeypatch.setattr(counterfactual, "BRANCH_INPUTS", ())
    ran = _branch_formulas(engine, sample["older non-dependant"], 2025, monkeypatch)
    assert len(ran) > 100


@pytest.mark.parametrize("name", STAND_IN_SHAPES)
def test_working_age_owners_and_non_dependants_open_no_branch(engine, sample, name, monkeypatch) -> None:
    household = sample[name]
    assert counterfactual.NON_DEP_PC in engine.prepare(to_arrays([household]), 2025).pinned
    assert _branch_formulas(engine, household, 2025, monkeypatch) == []


def test_a_pension_age_non_dependant_is_not_given_the_stand_in(engine) -> None:
    """Guard: storing 'no non-dependant on Pension Credit' for a unit that meets the age conditions would change
    the main family's UC (the non-dependant's Pension Credit exempts them from the housing deduction)."""
    household = HOUSEHOLDS["mixed_age_couple_pension_credit_non_dependant"]
    prepared = engine.prepare(to_arrays([household]), 2025)
    assert counterfactual.NON_DEP_PC not in prepared.pinned
    right = prepared.originals("universal_credit", 2025)
    wrong = engine.prepare(to_arrays([household]), 2025)
    units = wrong.sim.populations["benunit"].count  # with the income tax copies
    wrong.sim.set_input(counterfactual.NON_DEP_PC, 2025, np.zeros(units, dtype=bool))
    assert wrong.originals("pension_credit", 2025)[1] > 0
    assert wrong.originals("universal_credit", 2025)[0] < right[0]


@pytest.mark.slow
@pytest.mark.parametrize("year", [2025, 2026])
def test_every_shape_equals_a_fresh_simulation(engine, sample, year: int) -> None:
    """Each household alone on the fast path (as a check runs) against one fresh Simulation holding them all."""
    from policyengine_uk import Simulation

    households = list(sample.values())
    fresh = Simulation(situation=to_situation(households, year))
    singles = [engine.calculate_households([h], year)[1] for h in households]
    for variable in ALL_VARIABLES:
        expected = np.asarray(fresh.calculate(variable, year), dtype=float)
        got = np.concatenate([np.asarray(single[variable], dtype=float) for single in singles])
        assert got.shape == expected.shape, variable
        assert np.abs(got - expected).max(initial=0) < 0.005, (variable, got, expected)


def test_every_shape_gets_a_check_in_both_years(engine, sample) -> None:
    for name, household in sample.items():
        for year in (2025, 2026):
            result = check_household(household, year, engine=engine)
            assert result.get("universal_credit").entitled_per_year >= 0, name
