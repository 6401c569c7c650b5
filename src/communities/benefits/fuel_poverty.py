"""Fuel poverty by the Low Income Low Energy Efficiency (LILEE) definition (England).

A household is fuel poor when (1) its home's fuel poverty energy efficiency rating is band D or
below and (2) its equivalised residual income - income after housing costs, minus modelled energy
costs - is below the poverty line (60 % of median equivalised AHC income). Parameters and sources:
``data/fuel_poverty.yaml``. The median is not shipped (unknown offline): pass it or configure it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .datafiles import load

EPC_BANDS = ("A", "B", "C", "D", "E", "F", "G")


@dataclass(frozen=True)
class FuelPovertyResult:
    fuel_poor: bool
    low_energy_efficiency: bool
    low_income: bool
    residual_income_equivalised: float
    poverty_line: float
    reason: str


def equivalisation_factor(ages: Sequence[int]) -> float:
    """HBAI AHC equivalence factor for a household's members (first adult = eldest)."""
    f = load("fuel_poverty")["income_equivalisation"]
    if not ages:
        raise ValueError("ages: at least one person is needed")
    adults = sorted((a for a in ages if a >= 16), reverse=True)
    if not adults:
        raise ValueError("ages: at least one person aged 16 or over is needed")
    factor = f["first_adult"] + f["other_adult"] * (len(adults) - 1)
    for age in ages:
        if age < 0:
            raise ValueError(f"ages: must be 0 or more, got {age}")
        if age < 16:
            factor += f["child_14_plus"] if age >= 14 else f["child_under_14"]
    return factor


def poverty_line(median_equivalised_ahc_income: float | None = None) -> float:
    p = load("fuel_poverty")
    median = median_equivalised_ahc_income
    if median is None:
        median = p["median_equivalised_ahc_income_per_year"]
    if median is None:
        raise ValueError(
            "median_equivalised_ahc_income: unknown - pass it or set "
            "median_equivalised_ahc_income_per_year in data/fuel_poverty.yaml"
        )
    if isinstance(median, bool) or not isinstance(median, int | float) or median <= 0:
        raise ValueError(f"median_equivalised_ahc_income: must be a positive number, got {median!r}")
    return p["poverty_line_share_of_median"] * float(median)


def lilee(
    *,
    efficiency_band: str,
    income_after_housing_costs: float,
    energy_costs: float,
    ages: Sequence[int],
    median_equivalised_ahc_income: float | None = None,
) -> FuelPovertyResult:
    """Apply the LILEE test. Money is £ per year; ``efficiency_band`` is the FPEER/EPC band A-G."""
    band = str(efficiency_band).strip().upper()
    if band not in EPC_BANDS:
        raise ValueError(f"efficiency_band: must be one of A-G, got {efficiency_band!r}")
    for name, value in (
        ("income_after_housing_costs", income_after_housing_costs),
        ("energy_costs", energy_costs),
    ):
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValueError(f"{name}: must be a number, got {value!r}")
    if energy_costs < 0:
        raise ValueError(f"energy_costs: must be 0 or more, got {energy_costs!r}")
    p = load("fuel_poverty")
    line = poverty_line(median_equivalised_ahc_income)
    factor = equivalisation_factor(ages)
    fuel_factor = factor  # fuel-cost factors unknown offline (see data file)
    residual = income_after_housing_costs / factor - energy_costs / fuel_factor
    low_ee = band in p["low_efficiency_bands"]
    low_income = residual < line
    if low_ee and low_income:
        reason = "Fuel poor (LILEE): home rated D or below and income after housing and energy costs is low."
    elif low_ee:
        reason = "Not fuel poor: income after housing and energy costs is above the poverty line."
    elif low_income:
        reason = "Not fuel poor by LILEE: the home is rated C or better, but income is low."
    else:
        reason = "Not fuel poor."
    return FuelPovertyResult(low_ee and low_income, low_ee, low_income, round(residual, 2), line, reason)
