"""Issue #19, item 0: the three errors in our mapping of a household onto PolicyEngine UK's inputs.

The fast-path equivalence test shares the mapping, so it cannot see these; each test here fails on the old mapping.
Exact hand-worked amounts for households of these shapes are in ``tests/fixtures/benefits/oracle/`` (test_oracle.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from communities.benefits.household import Household, Person
from communities.benefits.pe_inputs import WEEKS_IN_YEAR, to_arrays, to_situation
from communities.benefits.results import check_household, local_ctr_applicant


@pytest.fixture(scope="module")
def engine():
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


# A tenant aged 35 with a child, and her father aged 72 living with them (a non-dependant older than the tenant).
GRANDPARENT = Household(
    people=(Person(age=35), Person(age=6), Person(age=72, benefit_unit=1, state_pension=11973.0)),
    tenure="social_rent_council",
    rent_per_year=5200.0,
    council_tax_band="A",
    council_tax_per_year=1500.0,
)


def test_main_tenant_is_the_household_head_in_both_paths() -> None:
    arrays = to_arrays([GRANDPARENT])
    assert arrays.person["is_household_head"].tolist() == [True, False, False]
    people = to_situation(GRANDPARENT, 2025)["people"]
    assert [p["is_household_head"][2025] for p in people.values()] == [True, False, False]
    # The first adult of benefit unit 0 as entered, even when listed after others or identical to another person.
    tenant = Person(age=30)
    couple = Household(people=(Person(age=60, benefit_unit=1), Person(age=2), tenant, tenant))
    assert to_arrays([couple]).person["is_household_head"].tolist() == [False, True, False, False]


def test_rent_goes_to_the_main_tenant_not_an_older_non_dependant(engine) -> None:
    r = check_household(GRANDPARENT, 2025, engine=engine)
    uc = r.get("universal_credit")
    # The housing element is the rent less the grandfather's housing cost contribution (£93.02 a month, 2025/26).
    assert uc.elements["housing_costs_element"] == pytest.approx(5200.0 - 93.02 * 12, abs=0.01)
    assert r.other_benefit_units[0]["housing_benefit"] == 0  # the old mapping gave him £5,200 of Housing Benefit


def test_hours_are_passed_as_policyengine_annual_hours() -> None:
    h = Household(people=(Person(age=40, employment_income=15000.0, hours_worked=37.5),))
    assert to_arrays([h]).person["hours_worked"].tolist() == [37.5 * WEEKS_IN_YEAR]


def _working_pensioner(hours: float) -> Household:
    return Household(
        people=(Person(age=70, state_pension=9000.0, employment_income=6000.0, hours_worked=hours),),
        tenure="private_rent",
        rent_per_year=6000.0,
        council_tax_band="A",
        council_tax_per_year=1400.0,
    )


def test_thirty_hours_earns_the_additional_earnings_disregard(engine) -> None:
    """HB Regs (SPC) 2006 Sch. 4 para 9: £17.10 a week more disregarded at 30 hours (aged 25+); at 29, not."""
    below = check_household(_working_pensioner(29.0), 2025, engine=engine).get("housing_benefit").entitled_per_year
    at = check_household(_working_pensioner(30.0), 2025, engine=engine).get("housing_benefit").entitled_per_year
    # Housing Benefit's taper is 65 % of excess income: the extra disregard is worth 65 % of £17.10 a week.
    assert at - below == pytest.approx(0.65 * 17.10 * 52, abs=0.01)


def test_couple_with_a_17_year_old_in_education_can_be_entered(engine) -> None:
    h = Household(
        people=(
            Person(age=40, employment_income=12000.0, hours_worked=20.0),
            Person(age=38),
            Person(age=17, in_education=True),
        ),
        tenure="social_rent_council",
        rent_per_year=5200.0,
        council_tax_band="A",
        council_tax_per_year=1400.0,
    )
    assert len(h.adults) == 2 and len(h.children) == 1
    uc = check_household(h, 2025, engine=engine).get("universal_credit")
    assert uc.elements["child_element"] == pytest.approx(339.00 * 12, abs=0.01)  # first child born before 6 April 2017


def test_a_17_year_old_not_in_education_is_an_adult() -> None:
    with pytest.raises(ValueError, match="benefit unit 0 has 3 adults"):
        Household(people=(Person(age=40), Person(age=38), Person(age=17)))
    with pytest.raises(ValueError, match="in_education"):
        Household(people=(Person(age=40), Person(age=12, in_education=True)))


def test_lone_parent_with_a_young_person_is_not_a_couple_for_local_ctr(engine) -> None:
    h = Household(
        people=(Person(age=40, employment_income=6000.0, hours_worked=16.0), Person(age=17, in_education=True)),
        tenure="social_rent_council",
        rent_per_year=5200.0,
        council_tax_band="A",
        council_tax_per_year=1400.0,
    )
    _, v = engine.calculate_households([h], 2025)
    applicant = local_ctr_applicant(h, v)
    assert (applicant.is_couple, applicant.children, applicant.claimant_age) == (False, 1, 40)
    arrays = to_arrays([h])
    assert np.array_equal(arrays.person["is_claimant_or_partner"], [True, False])
    assert arrays.person["is_in_non_advanced_education"].tolist() == [False, True]
    # UC counts the young person as a child (the £339.00 first-child element, 2025/26).
    assert check_household(h, 2025, engine=engine).get("universal_credit").elements["child_element"] == 4068.0


def test_a_19_year_old_in_education_is_still_a_qualifying_young_person(engine) -> None:
    """Course begun before 19: Child Benefit to the 20th birthday, UC to the 1 September after the 19th (reg. 5)."""
    h = Household(
        people=(Person(age=45), Person(age=19, in_education=True)),
        tenure="social_rent_council",
        rent_per_year=5200.0,
        council_tax_band="A",
        council_tax_per_year=1400.0,
    )
    r = check_household(h, 2025, engine=engine)
    assert r.get("universal_credit").elements["child_element"] == pytest.approx(339.00 * 12, abs=0.01)
    assert r.get("child_benefit").entitled_per_year == pytest.approx(26.05 * 52, abs=0.01)
