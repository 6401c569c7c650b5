"""Map households onto PolicyEngine UK inputs (arrays for the fast path, a situation for a fresh run).

No PolicyEngine import here: this module only produces plain numpy arrays / dicts.

Entitlement settings (verified against policyengine-uk 2.162.10 variable names):
``would_claim_uc``, ``would_claim_pc``, ``would_claim_housing_benefit``,
``would_claim_council_tax_reduction``, ``would_claim_child_benefit`` (benefit unit) and
``would_claim_carers_allowance`` (person) are forced true, so PolicyEngine reports what the
household is *entitled* to rather than simulating take-up; ``uc_has_deduction`` is forced
false so Universal Credit is not reduced by modelled debt deductions.

policyengine_uk.Simulation moves ``employment_income`` to ``employment_income_before_lsr``
(labour supply responses); the fast path writes the latter directly.

Inputs derived from the household's structure (``DERIVED_PERSON_INPUTS``, issue #19):
- ``is_household_head``: True for the main tenant or owner (the first adult of benefit unit 0), False for everyone
  else. Without it PolicyEngine makes the eldest member the head, and the rent, Council Tax and non-dependant rules
  follow the head's benefit unit: a grandparent or older lodger would be given the housing costs.
- ``hours_worked`` is *annual* in PolicyEngine UK (``variables/household/income/hours_worked.py``, "Annual hours
  worked"); its ``weekly_hours`` divides by ``WEEKS_IN_YEAR`` = 52 (``parameters/gov/hmrc/
  create_threshold_indexation.py``) before the 16- and 30-hour tests. We ask hours a week, so we pass weekly x 52.
- ``is_claimant_or_partner`` (True for adults, False for dependants) and ``is_in_non_advanced_education`` /
  ``age_started_or_accepted_current_education_or_training``: a 16-19-year-old in education (``Person.in_education``)
  is a qualifying young person of their benefit unit (UC Regs 2013 reg. 5; Child Benefit (General) Regs 2006 reg. 3),
  anyone else is not in non-advanced education (PolicyEngine would otherwise impute enrolment from age). A
  19-year-old in education is taken to be before the Universal Credit terminal date (the 1 September after the 19th
  birthday, UC Regs 2013 reg. 5(1)(b)): the question asks about education begun before 19.
- ``is_married`` (benefit unit) and ``would_claim_marriage_allowance`` (person), issue #19 item 3: the check asks
  whether the main couple are married or civil partners or living together, and whether they claim Marriage
  Allowance (``Household.married`` / ``Household.marriage_allowance``). Unasked (None), and for every other benefit
  unit, the values are PolicyEngine UK's own presumptions, written out: a couple is married
  (``variables/household/demographic/is_married.py``: ``is_couple``) and claims Marriage Allowance
  (``would_claim_marriage_allowance`` defaults to true). A cohabiting couple cannot claim it (ITA 2007 s.55B).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .household import TENURES, Household, Person

BENUNIT_OVERRIDES: dict[str, bool] = {
    "would_claim_uc": True,
    "would_claim_pc": True,
    "would_claim_housing_benefit": True,
    "would_claim_council_tax_reduction": True,
    "would_claim_child_benefit": True,
    "uc_has_deduction": False,
}
PERSON_OVERRIDES: dict[str, bool] = {"would_claim_carers_allowance": True}
#: Benefit-unit input read by the UC Act 2025 rebalancing (new-claimant LCWRA rate from 2026/27).
NEW_CLAIMANT_STATUS = "uc_receives_new_claimant_health_element"

# our Person attribute -> PolicyEngine person variable
PERSON_FIELDS: dict[str, str] = {
    "age": "age",
    "employment_income": "employment_income_before_lsr",
    "self_employment_income": "self_employment_income",
    "private_pension_income": "private_pension_income",
    "state_pension": "state_pension",
    "pip_daily_living": "pip_dl_category",
    "pip_mobility": "pip_m_category",
    "attendance_allowance": "aa_category",
    "dla_care": "dla_sc_category",
    "dla_mobility": "dla_m_category",
    "is_disabled": "is_disabled_for_benefits",
    "is_blind": "is_blind",
    "limited_capability_for_work_related_activity": "uc_limited_capability_for_WRA",
    "care_hours_per_week": "care_hours",
}
#: PolicyEngine UK's weeks in a year (``WEEKS_IN_YEAR``), which turns its annual ``hours_worked`` into weekly hours.
WEEKS_IN_YEAR = 52
#: Entry age the qualifying young person tests read (course begun before 19); PolicyEngine's default (1000) fails it.
YOUNG_PERSON_ENTRY_AGE = 18
NOT_STARTED_AGE = 1000.0
#: PolicyEngine person inputs derived from the household's structure (see module docstring).
DERIVED_PERSON_INPUTS = (
    "hours_worked",
    "is_household_head",
    "is_claimant_or_partner",
    "is_in_non_advanced_education",
    "age_started_or_accepted_current_education_or_training",
    "is_before_universal_credit_qualifying_young_person_terminal_date",
    "would_claim_marriage_allowance",
)
#: PolicyEngine benefit-unit inputs derived from the household's answers (module docstring).
DERIVED_BENUNIT_INPUTS = ("is_married",)
#: How ``policyengine_uk.Simulation(situation=...)`` expects the moved inputs to be named.
SITUATION_RENAMES = {"employment_income_before_lsr": "employment_income"}


@dataclass
class PolicyEngineArrays:
    """Entity structure and inputs for many households, flattened."""

    person_benunit: np.ndarray  # index of each person's benefit unit
    person_household: np.ndarray
    benunit_household: np.ndarray
    person: dict[str, np.ndarray]
    benunit: dict[str, np.ndarray]
    household: dict[str, np.ndarray]

    @property
    def n_people(self) -> int:
        return len(self.person_benunit)

    @property
    def n_benunits(self) -> int:
        return len(self.benunit_household)

    @property
    def n_households(self) -> int:
        return len(next(iter(self.household.values())))


def to_arrays(households: Sequence[Household]) -> PolicyEngineArrays:
    """Flatten households into per-entity input arrays (people ordered by household, benefit unit)."""
    person_cols: dict[str, list] = {v: [] for v in (*PERSON_FIELDS.values(), *DERIVED_PERSON_INPUTS)}
    person_bu: list[int] = []
    person_hh: list[int] = []
    bu_hh: list[int] = []
    hh_cols: dict[str, list] = {
        k: []
        for k in (
            "local_authority",
            "region",
            "brma",
            "rent",
            "tenure_type",
            "council_tax",
            "council_tax_band",
            "savings",
        )
    }
    new_claimant: list[bool] = []
    married: list[bool] = []
    for h_index, hh in enumerate(households):
        units = hh.benefit_units
        first_bu = len(bu_hh)
        bu_hh.extend([h_index] * len(units))
        new_claimant.extend([hh.uc_new_claimant] * len(units))
        married.extend(is_married(hh, unit) for unit in units)
        position = {unit: first_bu + i for i, unit in enumerate(units)}
        head = main_tenant_index(hh)
        for index in sorted(range(len(hh.people)), key=lambda i: hh.people[i].benefit_unit):
            person = hh.people[index]
            person_bu.append(position[person.benefit_unit])
            person_hh.append(h_index)
            for attr, var in PERSON_FIELDS.items():
                person_cols[var].append(getattr(person, attr))
            for var, value in derived_inputs(person, index == head).items():
                person_cols[var].append(value)
            person_cols["would_claim_marriage_allowance"][-1] = claims_marriage_allowance(hh, person)
        hh_cols["local_authority"].append(hh.location.local_authority)
        hh_cols["region"].append(hh.location.region)
        hh_cols["brma"].append(hh.location.brma)
        hh_cols["rent"].append(hh.rent_per_year)
        hh_cols["tenure_type"].append(TENURES[hh.tenure])
        hh_cols["council_tax"].append(hh.council_tax_per_year)
        hh_cols["council_tax_band"].append(hh.council_tax_band)
        hh_cols["savings"].append(hh.savings)
    n_people, n_bu = len(person_bu), len(bu_hh)
    person = {k: np.asarray(v) for k, v in person_cols.items()}
    person.update({k: np.full(n_people, v) for k, v in PERSON_OVERRIDES.items()})
    benunit = {k: np.full(n_bu, v) for k, v in BENUNIT_OVERRIDES.items()}
    benunit[NEW_CLAIMANT_STATUS] = np.asarray(new_claimant, dtype=bool)
    benunit["is_married"] = np.asarray(married, dtype=bool)
    return PolicyEngineArrays(
        person_benunit=np.asarray(person_bu, dtype=np.int64),
        person_household=np.asarray(person_hh, dtype=np.int64),
        benunit_household=np.asarray(bu_hh, dtype=np.int64),
        person=person,
        benunit=benunit,
        household={k: np.asarray(v) for k, v in hh_cols.items()},
    )


def main_tenant_index(household: Household) -> int:
    """Where the main tenant or owner is in ``household.people``: the first adult of benefit unit 0."""
    return next(i for i, p in enumerate(household.people) if p.benefit_unit == 0 and not p.is_dependant)


def is_married(household: Household, unit: int) -> bool:
    """Whether benefit unit ``unit``'s couple are married or civil partners (PolicyEngine's presumption if unasked)."""
    couple = sum(1 for p in household.people if p.benefit_unit == unit and not p.is_dependant) == 2
    if unit == 0 and household.married is not None:
        return couple and household.married
    return couple


def claims_marriage_allowance(household: Household, person: Person) -> bool:
    """Whether this person's couple claim Marriage Allowance (PolicyEngine's default, true, unless answered)."""
    if person.benefit_unit == 0 and household.married is False:
        return False  # only spouses and civil partners can claim it (ITA 2007 s.55B)
    if person.benefit_unit == 0 and household.marriage_allowance is not None:
        return household.marriage_allowance
    return True


def derived_inputs(person: Person, is_head: bool) -> dict[str, object]:
    """The structural PolicyEngine inputs for one person (module docstring)."""
    return {
        "hours_worked": person.hours_worked * WEEKS_IN_YEAR,
        "is_household_head": is_head,
        "is_claimant_or_partner": not person.is_dependant,
        "is_in_non_advanced_education": person.is_young_person,
        "age_started_or_accepted_current_education_or_training": (
            float(min(person.age, YOUNG_PERSON_ENTRY_AGE)) if person.is_young_person else NOT_STARTED_AGE
        ),
        # UC Regs 2013 reg. 5(1)(b): a 19-year-old stays a qualifying young person until the 1 September after
        # their 19th birthday; the annual check assumes the year asked about is before it (PolicyEngine: not).
        "is_before_universal_credit_qualifying_young_person_terminal_date": person.is_young_person,
        "would_claim_marriage_allowance": True,  # set per household in to_arrays (claims_marriage_allowance)
    }


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def to_situation(household: Household | Sequence[Household], year: int) -> dict:
    """The same inputs as a ``policyengine_uk.Simulation(situation=...)`` dictionary (one or more households)."""
    households = [household] if isinstance(household, Household) else list(household)
    arrays = to_arrays(households)
    people = {}
    for i in range(arrays.n_people):
        people[f"person_{i}"] = {
            SITUATION_RENAMES.get(var, var): {year: _plain(values[i])} for var, values in arrays.person.items()
        }
    benunits = {}
    for b in range(arrays.n_benunits):
        members = [f"person_{i}" for i in range(arrays.n_people) if arrays.person_benunit[i] == b]
        benunits[f"benunit_{b}"] = {"members": members}
        benunits[f"benunit_{b}"].update({var: {year: _plain(v[b])} for var, v in arrays.benunit.items()})
    houses = {}
    for h in range(arrays.n_households):
        house: dict = {"members": [f"person_{i}" for i in range(arrays.n_people) if arrays.person_household[i] == h]}
        house.update({var: {year: _plain(v[h])} for var, v in arrays.household.items()})
        houses[f"household_{h}"] = house
    return {"people": people, "benunits": benunits, "households": houses}
