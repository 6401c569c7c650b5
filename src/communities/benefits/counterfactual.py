"""Exact stand-ins for the branch simulations PolicyEngine UK opens inside one household check (issue #7).

Profiled with policyengine-uk 2.162.10 / core 3.33.12 (cProfile and a per-variable timer on the warm engine,
``FAMILY_ONE_EARNER``, 2025/26): of a ~115-125 ms family check, two branch calculations cost ~50 ms.

1. ``uc_non_dep_receives_pension_credit`` opens a branch with every UC housing element at nil, computes
   Pension Credit there and returns ``(pension_credit > 0) & ~benunit_is_rent_liable``. When every benefit
   unit in the simulation is rent-liable that is all false whatever Pension Credit is: we store the false
   values (:func:`pin_non_dependant_pension_credit`) and no branch is opened.
2. ``pension_credit_income_tax_without_employment_income`` (and ``..._without_earnings`` when anybody is
   self-employed) drops every computed value in a branch, sets everybody's employed earnings (and
   self-employment income) to nil and computes income tax again. Instead, the simulation holds a copy of each
   household (:func:`stack`) whose inputs are the branch's inputs - the same inputs, with those earnings nil
   before anything about the copy is computed (:func:`zero_copies_employment`) - and the copy's income tax,
   computed in the same vectorised pass as everything else, is stored as the counterfactual
   (:func:`pin_income_tax_counterfactuals`). Results are read from the original households only.

Why this is exact (and what ``tests/benefits/test_engine_equivalence.py`` checks against fresh Simulations):
PolicyEngine UK's formulas do not read across households (the batch equivalence tests rely on that too), so a
copy is computed as it would be alone; a copy's inputs equal the branch's (same stored inputs and model values -
the UC rebalancing LCWRA element is copied from the original - with ``employment_income`` stored as nil, the
statutory payments nil and, for the self-employment copy, ``self_employment_income`` nil); and the only values
computed before the copies' earnings are stored are ``employment_income`` and what it is computed from, which
cannot depend on ``employment_income`` (that would be circular) and, of the other earnings, can read only the
statutory payments, checked to be nil everywhere. The stand-ins depend on the exact upstream formulas, so
:func:`upstream_unchanged` compares their source with the fingerprints below: after an upgrade the engine falls
back to the branches until they are reviewed.
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass

import numpy as np

from .pe_inputs import PolicyEngineArrays

TAX = "income_tax_before_winter_fuel_payment_charge"
NON_DEP_PC = "uc_non_dep_receives_pension_credit"
#: Copy kind -> (variable whose formula opens the branch, how much earnings the copy zeroes: 1 employed, 2 all).
COUNTERFACTUALS: dict[str, tuple[str, int]] = {
    "employed": ("pension_credit_income_tax_without_employment_income", 1),
    "earnings": ("pension_credit_income_tax_without_earnings", 2),
}
#: sha256 (first 16 hex digits) of the upstream source each stand-in reproduces (policyengine-uk 2.162.10).
FINGERPRINTS = {
    "uc_non_dep_receives_pension_credit": "b06f7c18731716fa",
    "pension_credit_income_tax_without_employment_income": "a68d84062a080ae6",
    "pension_credit_income_tax_without_earnings": "969496a48f77f7b5",
    "income_tax_with_inputs_zeroed": "944e58d636d4c2c9",
    "employed_earnings_sources": "3cc8a8f659922872",
    # Pension Credit is nil unless its age conditions are met (issue #19: the non-dependant stand-in for owners and
    # working-age non-dependants relies on it).
    "pension_credit": "cfa077743da899ce",
    "pension_credit_entitlement": "3a18c94c250bbd20",
    "is_pension_credit_eligible": "54097f80cf290a57",
}
#: Variables whose whole class (not only a formula) the stand-ins rely on: ``defined_for`` and ``adds``.
CLASS_FINGERPRINTS = ("pension_credit_entitlement",)


def _digest(obj) -> str:
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:16]


def upstream_sources(system) -> dict[str, str]:
    """Fingerprints of the upstream formulas and helpers the stand-ins reproduce."""
    from policyengine_uk.utils.pension_credit import employed_earnings_sources

    found = {}
    names = ("uc_non_dep_receives_pension_credit", *(v for v, _ in COUNTERFACTUALS.values()))
    for name in (*names, "pension_credit", "is_pension_credit_eligible"):
        formulas = list(system.variables[name].formulas.values())
        found[name] = _digest(formulas[0]) if len(formulas) == 1 else "several formulas"
    for name in CLASS_FINGERPRINTS:
        found[name] = _digest(type(system.variables[name]))
    formula = next(iter(system.variables[COUNTERFACTUALS["employed"][0]].formulas.values()))
    found["income_tax_with_inputs_zeroed"] = _digest(formula.__globals__["income_tax_with_inputs_zeroed"])
    if formula.__globals__.get("PRE_CHARGE_TAX") != TAX:
        found["income_tax_with_inputs_zeroed"] += " (income tax variable changed)"
    found["employed_earnings_sources"] = _digest(employed_earnings_sources)
    return found


def upstream_unchanged(system) -> bool:
    return upstream_sources(system) == FINGERPRINTS


@dataclass(frozen=True)
class Stack:
    """The original households followed by one copy of them per counterfactual."""

    arrays: PolicyEngineArrays
    copies: tuple[str, ...]  # kind of each copy, in order ("employed" before "earnings")
    n_people: int  # of the originals
    n_benunits: int
    n_households: int

    def originals(self, entity: str) -> slice:
        return slice(0, {"person": self.n_people, "benunit": self.n_benunits, "household": self.n_households}[entity])


def plan(arrays: PolicyEngineArrays) -> tuple[str, ...]:
    """Which copies a batch needs: only those whose branch upstream would open (anybody with such earnings)."""
    kinds = []
    for kind, name in (("employed", "employment_income_before_lsr"), ("earnings", "self_employment_income")):
        values = arrays.person.get(name)
        if values is not None and np.any(values != 0):
            kinds.append(kind)
    return tuple(kinds)


def stack(arrays: PolicyEngineArrays, copies: tuple[str, ...]) -> Stack:
    n, b, h, k = arrays.n_people, arrays.n_benunits, arrays.n_households, 1 + len(copies)
    person = {name: np.tile(values, k) for name, values in arrays.person.items()}
    for j, kind in enumerate(copies, start=1):
        if COUNTERFACTUALS[kind][1] >= 2:
            person["self_employment_income"][j * n : (j + 1) * n] = 0
    stacked = PolicyEngineArrays(
        person_benunit=np.concatenate([arrays.person_benunit + j * b for j in range(k)]),
        person_household=np.concatenate([arrays.person_household + j * h for j in range(k)]),
        benunit_household=np.concatenate([arrays.benunit_household + j * h for j in range(k)]),
        person=person,
        benunit={name: np.tile(values, k) for name, values in arrays.benunit.items()},
        household={name: np.tile(values, k) for name, values in arrays.household.items()},
    )
    return Stack(stacked, copies, n, b, h)


def zero_copies_employment(sim, year: int, st: Stack, system) -> bool:
    """Store nil employed earnings for every copy; call before any other calculation.

    Returns False (nothing stored) unless the statutory payments counted as employed earnings are nil for
    everybody, which the exactness argument needs; the branches then run upstream's way.
    """
    from policyengine_uk.utils.pension_credit import employed_earnings_sources

    sources = employed_earnings_sources(system.parameters, str(year))
    if sources[0] != "employment_income":
        return False
    for source in sources[1:]:
        if np.any(np.asarray(sim.calculate(source, year)) != 0):
            return False
    employment = np.array(sim.calculate("employment_income", year))
    employment[st.n_people :] = 0
    sim.set_input("employment_income", year, employment)
    return True


def mirror_benunits(values: np.ndarray, st: Stack) -> np.ndarray:
    """Give every copy's benefit units the originals' values."""
    out = np.array(values)
    b = st.n_benunits
    for j in range(1, 1 + len(st.copies)):
        out[j * b : (j + 1) * b] = out[:b]
    return out


def pin_non_dependant_pension_credit(sim, year: int) -> bool:
    """Store ``uc_non_dep_receives_pension_credit`` (all false) when no benefit unit can be a non-dependant on
    Pension Credit: each is rent-liable or does not meet Pension Credit's age conditions.

    The formula is ``(pension_credit > 0) & ~benunit_is_rent_liable`` with ``pension_credit`` from a branch where
    every UC housing element is nil. A unit that does not meet the age conditions has no Pension Credit there
    either: ``pension_credit`` is ``pension_credit_entitlement`` x take-up (``freeze_pension_credit`` aside, which
    needs a baseline simulation this engine never has), the entitlement is ``defined_for``
    ``is_pension_credit_eligible``, which requires ``meets_pension_credit_age_conditions`` (fingerprinted). The age
    conditions must be the branch's too: they are calculated here before anything has calculated the UC housing
    element, and if calculating them needed it (it would then be stored) nothing is pinned. Call after the
    income tax counterfactuals are stored.
    """
    liable = np.asarray(sim.calculate("benunit_is_rent_liable", year), dtype=bool)
    if not liable.all():
        if bool(sim.tax_benefit_system.parameters(str(year)).gov.contrib.freeze_pension_credit):
            return False
        if sim.get_holder("uc_housing_costs_element").get_array(str(year)) is not None:
            return False
        ages = np.asarray(sim.calculate("meets_pension_credit_age_conditions", year), dtype=bool)
        if (ages & ~liable).any() or sim.get_holder("uc_housing_costs_element").get_array(str(year)) is not None:
            return False
    sim.set_input(NON_DEP_PC, year, np.zeros(len(liable), dtype=bool))
    return True


#: What Pension Credit's branch (``uc_non_dep_receives_pension_credit``, opened for owners and non-dependants)
#: reads that does not depend on the UC housing element, top-level variables whose formulas pull in the rest.
#: A branch starts from the values its parent holds (policyengine-core ``Simulation.get_branch``), so when the
#: parent has these before the branch opens the branch reuses them instead of calculating ~125 formulas (its
#: Pension Credit, guarantee and savings credit, and UC elements and income) that the parent then calculated again.
#: Measured (issue #19, owner family, policyengine-uk 2.162.10): the branch ran 135 formulas, now 9-10
#: (``pension_credit``, its eligibility and legacy-closure route, and the UC award with the housing element nil);
#: ~10-25 ms CPU less a check. Order is all this changes: each value is the one the parent calculates anyway and
#: none depends on the housing element (one that did would open the branch itself, as upstream would, and core's
#: branch bookkeeping would drop it there), so the amounts are upstream's
#: (``tests/benefits/test_engine_equivalence.py`` and ``test_latency_shapes.py`` check them against fresh Simulations).
BRANCH_INPUTS: tuple[str, ...] = (
    "meets_pension_credit_age_conditions",
    "is_guarantee_credit_eligible",
    "is_savings_credit_eligible",
    "minimum_guarantee",
    "savings_credit_income",
    "pension_credit_income",
    "uc_standard_allowance",
    "uc_child_element",
    "uc_disability_elements",
    "uc_carer_element",
    "uc_childcare_element",
    "uc_earned_income_before_work_allowance",
    "uc_unearned_income",
    "is_uc_work_allowance_eligible",
)


def calculate_branch_inputs(sim, year: int) -> None:
    """Calculate :data:`BRANCH_INPUTS` in the parent before anything opens the non-dependant Pension Credit branch."""
    for name in BRANCH_INPUTS:
        sim.calculate(name, year)


def pin_income_tax_counterfactuals(sim, year: int, st: Stack) -> None:
    """Store each counterfactual income tax: the tax of the copy whose earnings are nil as the branch's are."""
    tax = np.asarray(sim.calculate(TAX, year))
    n = st.n_people
    level = [0] + [COUNTERFACTUALS[kind][1] for kind in st.copies]  # earnings zeroed in block 0, 1, ...
    block = {lvl: i for i, lvl in enumerate(level)}
    for kind in st.copies:
        variable, zeroed = COUNTERFACTUALS[kind]
        # Person block i with ``zeroed`` earnings also set to nil is the block zeroing the larger of the two.
        parts = [tax[block[max(lvl, zeroed)] * n : (block[max(lvl, zeroed)] + 1) * n] for lvl in level]
        sim.set_input(variable, year, np.concatenate(parts))
