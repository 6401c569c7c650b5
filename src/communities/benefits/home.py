"""Home energy assessment for one household: LILEE fuel poverty, Warm Homes: Local Grant, ECO4 Flex.

Combines PolicyEngine UK incomes with the pure rules in ``fuel_poverty.py`` and ``grants.py``:
- income after housing costs: PolicyEngine ``hbai_household_net_income_ahc`` (HBAI definition; rent is
  deducted; mortgage interest, water and service charges are not in our household model, so AHC
  income is overstated for owners with a mortgage - a cautious bias for fuel poverty);
- gross household income for Warm Homes: PolicyEngine ``household_gross_income`` (market income plus
  benefits, *entitled* amounts - the guidance's definition must be confirmed);
- means-tested benefit route: entitled to, or receiving, UC, Pension Credit, Housing Benefit or CTR.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .engine import BenefitsEngine, get_engine
from .fuel_poverty import FuelPovertyResult, lilee
from .grants import GrantResult, HomeCircumstances, eco4_flex, warm_homes_local_grant
from .household import Household

MEANS_TESTED = ("universal_credit", "pension_credit", "housing_benefit", "council_tax_reduction")
HOME_VARIABLES = ("hbai_household_net_income_ahc", "household_gross_income", *MEANS_TESTED)


@dataclass(frozen=True)
class HomeAssessment:
    fuel_poverty: FuelPovertyResult | None  # None when EPC band or energy costs are unknown
    warm_homes_local_grant: GrantResult
    eco4_flex: GrantResult
    income_after_housing_costs: float
    gross_household_income: float
    means_tested_benefits: frozenset[str]


def assess_home(
    household: Household,
    year: int,
    *,
    epc_band: str | None,
    energy_costs_per_year: float | None = None,
    imd_decile: int | None = None,
    proxies: Iterable[str] = (),
    referrals: Iterable[str] = (),
    median_equivalised_ahc_income: float | None = None,
    engine: BenefitsEngine | None = None,
) -> HomeAssessment:
    """Fuel poverty and grant eligibility for ``household`` (EPC band A-G, energy costs £/year)."""
    engine = engine or get_engine()
    _, v = engine.calculate_households([household], year, HOME_VARIABLES)
    ahc = float(v["hbai_household_net_income_ahc"][0])
    gross = float(v["household_gross_income"][0])
    receiving = household.current_benefits
    benefits = frozenset(name for name in MEANS_TESTED if float(v[name].sum()) > 0 or receiving.get(name, 0.0) > 0)
    fuel = None
    if epc_band is not None and energy_costs_per_year is not None:
        fuel = lilee(
            efficiency_band=epc_band,
            income_after_housing_costs=ahc,
            energy_costs=energy_costs_per_year,
            ages=[p.age for p in household.people],
            median_equivalised_ahc_income=median_equivalised_ahc_income,
        )
    home = HomeCircumstances(
        tenure=household.tenure,
        epc_band=epc_band,
        gross_household_income=max(0.0, gross),
        means_tested_benefits=benefits,
        imd_decile=imd_decile,
        proxies=frozenset(proxies) | ({"council_tax_reduction"} & benefits),
        referrals=frozenset(referrals),
    )
    return HomeAssessment(
        fuel_poverty=fuel,
        warm_homes_local_grant=warm_homes_local_grant(home),
        eco4_flex=eco4_flex(home),
        income_after_housing_costs=round(ahc, 2),
        gross_household_income=round(gross, 2),
        means_tested_benefits=benefits,
    )
