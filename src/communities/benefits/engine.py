"""Warm PolicyEngine UK engine: one tax-benefit system per process, one core simulation per check.

Why (see /work/shared/design/money.md, measured with policyengine-uk 2.162.10 / core 3.33.12):
a fresh ``policyengine_uk.Simulation(situation=...)`` rebuilds the whole tax-benefit system
(~4-5 s per household). Here the system is built once (through one ``policyengine_uk.Simulation``
so that every construction-time change - the July 2025 Universal Credit reform's LCWRA formula
and the parameter-driven structural reforms - is applied exactly as upstream does), then each
batch of households is built as a plain policyengine-core simulation on that warm system.

Steps of ``policyengine_uk.Simulation.__init__`` that this fast path replicates per simulation:
- ``move_values('employment_income', 'employment_income_before_lsr')``: inputs are written to the
  target variable directly (see ``pe_inputs.PERSON_FIELDS``);
- ``universal_credit_july_2025_reform`` (Universal Credit Act 2025 rebalancing): for the tax year
  requested only, the LCWRA element of every claimant is set to the protected amount
  (hand-entered households are never drawn as new claimants upstream either).
:meth:`BenefitsEngine.calculate` also replaces two branch calculations of upstream formulas with exact
stand-ins (``counterfactual``; about 40 % of a family check).
``tests/benefits/test_engine_equivalence.py`` checks the result against fresh Simulations.
"""

from __future__ import annotations

import gc
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from . import counterfactual
from .datafiles import load
from .household import Household, Location, Person
from .pe_inputs import NEW_CLAIMANT_STATUS, PolicyEngineArrays, to_arrays

#: Tax years served by default (``data/council.yaml``): 2025 = 2025/26, 2026 = 2026/27
#: (PolicyEngine labels a UK fiscal year by the calendar year it starts in).
DEFAULT_YEARS: tuple[int, ...] = tuple(load("council")["tax_years"])
#: Household geography inputs checked against PolicyEngine's enums (our field name -> variable).
GEOGRAPHY = {"local_authority": "local_authority", "region": "region", "brma": "brma"}

BENUNIT_VARIABLES: tuple[str, ...] = (
    "universal_credit",
    "uc_standard_allowance",
    "uc_child_element",
    "uc_housing_costs_element",
    "uc_carer_element",
    "uc_LCWRA_element",
    "uc_childcare_element",
    "uc_income_reduction",
    "uc_maximum_amount",
    "uc_benefit_cap_reduction",
    "uc_assessable_capital",
    "is_uc_eligible",
    "pension_credit",
    "guarantee_credit",
    "savings_credit",
    "pension_credit_assessable_capital",
    "housing_benefit",
    "child_benefit",
    "council_tax_reduction_applicable_amount",
    "council_tax_reduction_applicable_income",
    "council_tax_reduction_assessable_capital",
    "council_tax_reduction_pensioner",
    "council_tax_reduction_scheme_supported",
    "council_tax_reduction_relevant_income_based_benefit",
    "council_tax_reduction_non_dep_deductions",
)
PERSON_VARIABLES: tuple[str, ...] = ("carers_allowance", "attendance_allowance", "pip", "is_SP_age")
HOUSEHOLD_VARIABLES: tuple[str, ...] = (
    "council_tax_reduction",
    "hbai_household_net_income",
    "equiv_hbai_household_net_income",
    "hbai_household_net_income_ahc",
    "household_gross_income",
)
ALL_VARIABLES = BENUNIT_VARIABLES + PERSON_VARIABLES + HOUSEHOLD_VARIABLES
#: What a single household check needs (HBAI net income is only used by screening).
CHECK_VARIABLES = tuple(v for v in ALL_VARIABLES if not v.startswith(("hbai", "equiv_hbai", "household_gross")))
#: Batches up to this many households get counterfactual copies (``counterfactual``); larger batches (screening)
#: let upstream open its branches, whose cost the whole batch shares. Measured (CPU time, ALL_VARIABLES, the
#: equivalence-test households repeated, loaded 2-core machine): 6 households 117-122 ms with copies vs 157-162 ms
#: without; 600: 174-193 vs 197-217 ms; 3,000: 393-401 vs 333-338 ms; 10,000: 1,064-1,120 vs 688-752 ms.
MAX_STACKED_HOUSEHOLDS = 500


@dataclass(frozen=True)
class Prepared:
    """A simulation ready to calculate, and where the original households are in it."""

    sim: object
    stack: counterfactual.Stack | None  # None: the simulation holds the original households only
    pinned: tuple[str, ...]  # variables stored by an exact stand-in instead of their formula

    def originals(self, name: str, year: int) -> np.ndarray:
        values = np.asarray(self.sim.calculate(name, year))
        if self.stack is None:
            return values
        return values[self.stack.originals(self.sim.tax_benefit_system.variables[name].entity.key)]


def _warmup_households() -> list[Household]:
    return [
        Household(
            people=(Person(age=70, state_pension=9000.0, attendance_allowance="LOWER"),),
            tenure="private_rent",
            rent_per_year=7200.0,
            council_tax_per_year=1500.0,
        ),
        Household(
            people=(
                Person(age=35, employment_income=18000.0, hours_worked=30.0),
                Person(age=35, limited_capability_for_work_related_activity=True, pip_daily_living="STANDARD"),
                Person(age=4),
                Person(age=8),
                Person(age=19, benefit_unit=1, employment_income=9000.0, care_hours_per_week=35.0),
            ),
            tenure="social_rent_council",
            rent_per_year=5400.0,
            savings=7000.0,
            council_tax_per_year=1800.0,
            council_tax_band="A",
        ),
    ]


class BenefitsEngine:
    """Shared, warm PolicyEngine UK tax-benefit system. Create with :func:`get_engine`."""

    def __init__(self, years: Iterable[int] = DEFAULT_YEARS, warm_up: bool = True) -> None:
        from policyengine_core.simulations import SimulationBuilder
        from policyengine_uk import Simulation
        from policyengine_uk.scenarios import uc_reform
        from policyengine_uk.utils.supplied_inputs import set_model_value

        self._builder_class = SimulationBuilder
        self._uc_reform = uc_reform
        self._set_model_value = set_model_value
        self.years = tuple(sorted(set(years)))
        if not self.years:
            raise ValueError("years: at least one tax year is needed")
        # One upstream construction gives the system exactly as upstream prepares it.
        from .pe_inputs import to_situation

        seed = Simulation(situation=to_situation(_warmup_households()[0], self.years[0]))
        self.system = seed.tax_benefit_system
        del seed
        self._lock = threading.Lock()
        self._protected_lcwra: dict[int, tuple[float, float] | None] = {}
        rebalancing = self.system.parameters.gov.dwp.universal_credit.rebalancing
        for year in self.years:
            active = year in uc_reform.REBALANCING_YEARS and bool(rebalancing.active(year))
            self._protected_lcwra[year] = (
                (
                    uc_reform._protected_existing_health_element_monthly(_SystemOnly(self.system), year),
                    float(rebalancing.new_claimant_health_element(year)),
                )
                if active
                else None
            )
        self.version = _versions()
        _check_variables(self.system)
        #: Exact stand-ins for upstream's branch calculations (``counterfactual``), only while the upstream
        #: formulas they reproduce are the ones reviewed.
        self.stand_ins = counterfactual.upstream_unchanged(self.system)
        #: Take each finished simulation apart (see ``_release``).
        self.release_simulations = True
        if not self.stand_ins:
            warnings.warn(
                "PolicyEngine UK formulas behind the counterfactual stand-ins changed; using upstream's branches "
                f"(review communities.benefits.counterfactual): {counterfactual.upstream_sources(self.system)}",
                stacklevel=2,
            )
        self._valid_geography = {
            key: frozenset(item.name for item in self.system.variables[var].possible_values)
            for key, var in GEOGRAPHY.items()
        }
        if warm_up:
            self.warm_up()

    def warm_up(self) -> None:
        """Compute every served year once, then freeze the heap so GC never scans the system."""
        arrays = to_arrays(_warmup_households())
        for year in self.years:
            self.calculate(arrays, year)
        gc.collect()
        gc.freeze()

    def check_year(self, year: int) -> None:
        if year not in self.years:
            raise ValueError(f"year: {year} is not served (served tax years: {self.years})")

    def _build(self, arrays: PolicyEngineArrays, year: int):
        """A policyengine-core Simulation on the warm system holding these inputs (nothing calculated)."""
        self.check_year(year)
        builder = self._builder_class()
        builder.create_entities(self.system)
        builder.declare_person_entity("person", np.arange(arrays.n_people))
        benunits = builder.declare_entity("benunit", np.arange(arrays.n_benunits))
        households = builder.declare_entity("household", np.arange(arrays.n_households))
        builder.join_with_persons(benunits, arrays.person_benunit, np.zeros(arrays.n_people, dtype=np.int64))
        builder.join_with_persons(households, arrays.person_household, np.zeros(arrays.n_people, dtype=np.int64))
        sim = builder.build(self.system)
        period = str(year)
        for group in (arrays.person, arrays.benunit, arrays.household):
            for name, values in group.items():
                sim.set_input(name, period, values)
        return sim

    def simulation(self, arrays: PolicyEngineArrays, year: int):
        """A policyengine-core Simulation for these households on the warm system, as upstream prepares it."""
        sim = self._build(arrays, year)
        self._apply_uc_rebalancing(sim, year, arrays)
        return sim

    def prepare(self, arrays: PolicyEngineArrays, year: int) -> Prepared:
        """The simulation :meth:`calculate` uses: upstream's, plus the exact stand-ins of ``counterfactual``.

        Copies of the households (``Prepared.stack``) follow the originals when a counterfactual needs them;
        read the originals' values with :meth:`Prepared.originals`.
        """
        if not self.stand_ins:
            return Prepared(self.simulation(arrays, year), None, ())
        copies = counterfactual.plan(arrays) if arrays.n_households <= MAX_STACKED_HOUSEHOLDS else ()
        st = counterfactual.stack(arrays, copies) if copies else None
        sim = self._build(st.arrays if st else arrays, year)
        pinned = []
        zeroed = bool(st) and counterfactual.zero_copies_employment(sim, year, st, self.system)
        self._apply_uc_rebalancing(sim, year, st.arrays if st else arrays, st)
        if zeroed:
            counterfactual.pin_income_tax_counterfactuals(sim, year, st)
            pinned += [counterfactual.COUNTERFACTUALS[kind][0] for kind in st.copies]
        if counterfactual.pin_non_dependant_pension_credit(sim, year):
            pinned.insert(0, counterfactual.NON_DEP_PC)
        if counterfactual.NON_DEP_PC not in pinned:  # owners, non-dependants: upstream's branch, kept small
            counterfactual.calculate_branch_inputs(sim, year)
        return Prepared(sim, st, tuple(pinned))

    def _apply_uc_rebalancing(
        self, sim, year: int, arrays: PolicyEngineArrays, st: counterfactual.Stack | None = None
    ) -> None:
        """Upstream ``add_universal_credit_reform`` for the requested year only (copies mirror the originals)."""
        amounts = self._protected_lcwra[year]
        if amounts is None:
            return
        protected, new_claimant_amount = amounts
        status = arrays.benunit.get(NEW_CLAIMANT_STATUS)
        if status is None:
            status = np.zeros(arrays.n_benunits, dtype=bool)
            sim.set_input(NEW_CLAIMANT_STATUS, year, status)
        element = np.array(sim.calculate("uc_LCWRA_element", year))
        has = element > 0
        element[has & ~status] = protected * 12
        element[has & status] = new_claimant_amount * 12
        if st is not None:
            element = counterfactual.mirror_benunits(element, st)
        self._set_model_value(sim, "uc_LCWRA_element", year, element)

    def calculate(
        self, arrays: PolicyEngineArrays, year: int, variables: Sequence[str] = ALL_VARIABLES
    ) -> dict[str, np.ndarray]:
        """Calculate variables (annual values) for flattened households.

        Automatic garbage collection is paused while PolicyEngine runs (its object graph made
        collections take 1-3.6 s, money.md), and the simulation is taken apart afterwards so that it is
        freed at once rather than left to the collector; call :meth:`collect` outside the request path.
        """
        with self._lock:
            enabled = gc.isenabled()
            gc.disable()
            prepared = None
            try:
                prepared = self.prepare(arrays, year)
                return {name: prepared.originals(name, year) for name in variables}
            finally:
                if prepared is not None and self.release_simulations:
                    _release(prepared.sim)
                if enabled:
                    gc.enable()

    @staticmethod
    def collect() -> None:
        """Collect garbage (the warm system is frozen, so this is quick); call between requests."""
        gc.collect()

    def check_location(self, location: Location) -> None:
        """Raise ValueError naming ``location.<field>`` for codes PolicyEngine does not know."""
        for key, valid in self._valid_geography.items():
            value = getattr(location, key)
            if value not in valid:
                raise ValueError(f"location.{key}: {value!r} is not a PolicyEngine UK {key} code")

    def calculate_households(
        self, households: Sequence[Household], year: int, variables: Sequence[str] = ALL_VARIABLES
    ) -> tuple[PolicyEngineArrays, dict[str, np.ndarray]]:
        for location in {h.location for h in households}:
            self.check_location(location)
        arrays = to_arrays(households)
        return arrays, self.calculate(arrays, year, variables)


def _release(sim) -> None:
    """Break a finished simulation's reference cycles (simulation - populations - holders).

    Each check left ~17,000 objects in cycles (three simulations of ~1,340 holders each before the
    stand-ins, one after); the cyclic collector then ran inside the next checks, ~5-15 ms a check with
    100+ ms pauses at p95 (gc callbacks, benchmarks/benefits_latency.py household). Freed by reference
    counting instead, they cost ~1-4 ms here. Branches a formula opened and dropped are left to the collector.
    """
    for population in sim.populations.values():
        for holder in population._holders.values():
            holder.__dict__.clear()
        population._holders.clear()
        population.__dict__.clear()
    sim.__dict__.clear()


def _check_variables(system) -> None:
    """Fail loudly if an upgrade renamed a variable this package writes or reads."""
    from .pe_inputs import (
        BENUNIT_OVERRIDES,
        DERIVED_BENUNIT_INPUTS,
        DERIVED_PERSON_INPUTS,
        PERSON_FIELDS,
        PERSON_OVERRIDES,
    )

    names = [*BENUNIT_OVERRIDES, *PERSON_OVERRIDES, *PERSON_FIELDS.values(), *DERIVED_PERSON_INPUTS]
    names += DERIVED_BENUNIT_INPUTS
    names += [NEW_CLAIMANT_STATUS, *ALL_VARIABLES]
    names += ["local_authority", "region", "brma", "rent", "tenure_type", "council_tax", "council_tax_band", "savings"]
    missing = [n for n in names if n not in system.variables]
    if missing:
        raise RuntimeError(f"PolicyEngine UK lacks variables this package uses: {', '.join(missing)}")


class _SystemOnly:
    """Adapter: upstream helpers read only ``sim.tax_benefit_system``."""

    def __init__(self, system) -> None:
        self.tax_benefit_system = system


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"policyengine-uk": version("policyengine-uk"), "policyengine-core": version("policyengine-core")}


_ENGINE: BenefitsEngine | None = None
_ENGINE_LOCK = threading.Lock()


def get_engine(years: Iterable[int] = DEFAULT_YEARS) -> BenefitsEngine:
    """The process-wide warm engine (built on first use, ~10 s; later calls are free)."""
    global _ENGINE
    wanted = tuple(sorted(set(years)))
    with _ENGINE_LOCK:
        if _ENGINE is None or not set(wanted) <= set(_ENGINE.years):
            _ENGINE = BenefitsEngine(wanted if _ENGINE is None else set(wanted) | set(_ENGINE.years))
        return _ENGINE
