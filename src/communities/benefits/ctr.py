"""Working-age Council Tax Reduction (local scheme) as pure, configurable rules.

PolicyEngine UK models the pension-age CTR scheme (prescribed nationally) but not most councils'
working-age schemes, including Stockton-on-Tees'. This module applies a scheme described in
``data/ctr_scheme.yaml``: the default-scheme structure (SI 2012/2886) - maximum support as a share
of the (optionally band-capped) liability, minus non-dependant deductions, minus a taper on income
above the applicable amount - or an income-banded scheme. Local figures are flagged as unconfirmed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .datafiles import load
from .household import COUNCIL_TAX_BANDS

# Council tax band ratios to band D (Local Government Finance Act 1992 s.5(1)).
BAND_RATIOS = {
    "A": 6 / 9,
    "B": 7 / 9,
    "C": 8 / 9,
    "D": 1.0,
    "E": 11 / 9,
    "F": 13 / 9,
    "G": 15 / 9,
    "H": 18 / 9,
}
WEEKS = 52
#: Applicable amount figures in plain English, for advisers (never the configuration key).
FIGURE_NAMES = {
    "single_under_25": "the personal allowance for a single person under 25",
    "single_25_plus": "the personal allowance for a single person aged 25 or over",
    "lone_parent": "the personal allowance for a lone parent",
    "couple": "the personal allowance for a couple",
    "child_dependant": "the amount allowed for each child",
    "disability_premium_single": "the disability premium",
    "disability_premium_couple": "the disability premium for a couple",
    "enhanced_disability_single": "the enhanced disability premium",
    "enhanced_disability_couple": "the enhanced disability premium for a couple",
    "disabled_child_premium": "the disabled child premium",
    "carer_premium": "the carer premium",
    "family_premium": "the family premium",
}


class FigureUnknown(ValueError):
    """A figure the assessment needs is not known for the year (``None`` in ``data/ctr_scheme.yaml``)."""

    def __init__(self, key: str, year: int) -> None:
        self.key, self.year = key, year
        super().__init__(f"applicable_amounts.{year}.{key}: unknown")

    @property
    def plain(self) -> str:
        return FIGURE_NAMES.get(self.key, self.key.replace("_", " "))


@dataclass(frozen=True)
class CTRScheme:
    """A working-age CTR scheme (see ``data/ctr_scheme.yaml`` for the meaning of each field)."""

    name: str
    structure: str
    maximum_support_rate: float
    taper_rate: float
    capital_limit: float
    tariff_threshold: float
    tariff_step: float
    tariff_per_week: float
    band_cap: str | None
    minimum_award_per_week: float
    applicable_amounts: dict[int, dict[str, float | None]]
    earnings_disregard: dict[str, float]
    family_premium_applies: bool = False
    income_bands: tuple[tuple[float, float], ...] = ()
    local_figures_confirmed: bool = False
    source: str = ""
    council: str = "the council"
    apply_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CTRScheme:
        def rate(key: str, lo: float = 0.0, hi: float = 1.0) -> float:
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
                raise ValueError(f"{key}: must be a number from {lo} to {hi}, got {value!r}")
            return float(value)

        structure = data.get("structure")
        if structure not in ("taper", "income_bands"):
            raise ValueError(f"structure: must be 'taper' or 'income_bands', got {structure!r}")
        band_cap = data.get("band_cap")
        if band_cap is not None and band_cap not in COUNCIL_TAX_BANDS:
            raise ValueError(f"band_cap: must be a council tax band A-H or null, got {band_cap!r}")
        bands = []
        for i, band in enumerate(data.get("income_bands") or []):
            try:
                bands.append((float(band["max_weekly_excess"]), float(band["support_rate"])))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"income_bands[{i}]: needs max_weekly_excess and support_rate") from exc
        if structure == "income_bands" and not bands:
            raise ValueError("income_bands: required when structure is 'income_bands'")
        tariff = data.get("tariff_income") or {}
        amounts = data.get("applicable_amounts")
        if not isinstance(amounts, dict) or not amounts:
            raise ValueError("applicable_amounts: must map tax years to amounts")
        return cls(
            name=str(data.get("scheme", "unnamed")),
            structure=structure,
            maximum_support_rate=rate("maximum_support_rate"),
            taper_rate=rate("taper_rate"),
            capital_limit=rate("capital_limit", 0, 1e7),
            tariff_threshold=float(tariff.get("threshold", 6000)),
            tariff_step=float(tariff.get("step", 250)),
            tariff_per_week=float(tariff.get("per_week", 1.0)),
            band_cap=band_cap,
            minimum_award_per_week=rate("minimum_award_per_week", 0, 1000),
            applicable_amounts={int(y): dict(v) for y, v in amounts.items()},
            earnings_disregard={k: float(v) for k, v in (data.get("earnings_disregard") or {}).items()},
            family_premium_applies=bool(data.get("family_premium_applies", False)),
            income_bands=tuple(sorted(bands)),
            local_figures_confirmed=bool(data.get("local_figures_confirmed", False)),
            source=str(data.get("source", "")),
            council=str(data.get("council", "the council")),
            apply_at=str(data.get("apply_at", "")),
        )


def default_scheme() -> CTRScheme:
    """The shipped Stockton-on-Tees working-age scheme (default-scheme figures, to be confirmed)."""
    return CTRScheme.from_dict(load("ctr_scheme"))


@dataclass(frozen=True)
class CTRApplicant:
    """What a working-age CTR assessment needs, annual amounts in £."""

    annual_liability: float
    band: str
    claimant_age: int
    is_couple: bool = False
    children: int = 0
    disabled_children: int = 0
    disability_premium: bool = False
    enhanced_disability_premium: bool = False
    carer: bool = False
    income_per_year: float = 0.0  # assessable income (Child Benefit already excluded)
    earnings_per_year: float = 0.0  # net earnings included in income_per_year
    capital: float = 0.0
    passported: bool = False  # on income-related ESA, income-based JSA or Income Support
    non_dependant_deductions_per_year: float = 0.0

    def __post_init__(self) -> None:
        for name in (
            "annual_liability",
            "income_per_year",
            "earnings_per_year",
            "capital",
            "non_dependant_deductions_per_year",
        ):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value) or value < 0:
                raise ValueError(f"{name}: must be a number 0 or more, got {value!r}")
        if self.band not in COUNCIL_TAX_BANDS:
            raise ValueError(f"band: must be A-H, got {self.band!r}")
        if not 16 <= self.claimant_age <= 120:
            raise ValueError(f"claimant_age: must be 16-120, got {self.claimant_age!r}")
        for name in ("children", "disabled_children"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name}: must be 0 or more")


@dataclass(frozen=True)
class CTRResult:
    amount_per_year: float
    maximum_per_year: float
    applicable_amount_per_year: float
    excess_income_per_year: float
    reason: str
    local_figures_confirmed: bool
    #: True when a figure for the year is not known and an earlier year's was used: the amount can only be higher.
    at_least: bool = False


def applicable_amount_per_week(
    applicant: CTRApplicant, scheme: CTRScheme, year: int, *, earlier_if_unknown: bool = False
) -> float:
    """The applicable amount; an unknown figure raises :class:`FigureUnknown`, or with ``earlier_if_unknown`` takes
    the latest earlier year's figure (allowances are up-rated or frozen, never cut, so the result is a lower bound)."""
    if year not in scheme.applicable_amounts:
        raise ValueError(f"year: the CTR scheme has no applicable amounts for {year}")
    a = scheme.applicable_amounts[year]

    def get(key: str) -> float:
        value = a.get(key)
        if value is None and earlier_if_unknown:
            earlier = [y for y in scheme.applicable_amounts if y < year and scheme.applicable_amounts[y].get(key)]
            value = scheme.applicable_amounts[max(earlier)][key] if earlier else None
        if value is None:
            raise FigureUnknown(key, year)
        return float(value)

    lone_parent = not applicant.is_couple and applicant.children > 0
    if applicant.is_couple:
        total = get("couple")
    elif lone_parent:
        total = get("lone_parent")
    else:
        total = get("single_25_plus") if applicant.claimant_age >= 25 else get("single_under_25")
    if applicant.children:
        total += applicant.children * get("child_dependant")
        total += get("family_premium") if scheme.family_premium_applies else 0.0
    total += applicant.disabled_children * get("disabled_child_premium")
    if applicant.disability_premium:
        total += get("disability_premium_couple" if applicant.is_couple else "disability_premium_single")
    if applicant.enhanced_disability_premium:
        total += get("enhanced_disability_couple" if applicant.is_couple else "enhanced_disability_single")
    if applicant.carer:
        total += get("carer_premium")
    return total


def tariff_income_per_week(capital: float, scheme: CTRScheme) -> float:
    if capital <= scheme.tariff_threshold:
        return 0.0
    return math.ceil((capital - scheme.tariff_threshold) / scheme.tariff_step) * scheme.tariff_per_week


def unknown_figures(applicant: CTRApplicant, scheme: CTRScheme, year: int) -> list[FigureUnknown]:
    """Every figure this applicant's assessment needs that is not known for ``year``."""
    missing = []
    for key in scheme.applicable_amounts.get(year, {}):
        if scheme.applicable_amounts[year][key] is None:
            try:
                applicable_amount_per_week(applicant, _only(scheme, year, key), year)
            except FigureUnknown as exc:
                missing.append(exc)
    return missing


def _only(scheme: CTRScheme, year: int, key: str) -> CTRScheme:
    """``scheme`` with every unknown figure of ``year`` but ``key`` set to 0 (to find which ones are needed)."""
    from dataclasses import replace

    amounts = {k: (v if k == key or v is not None else 0.0) for k, v in scheme.applicable_amounts[year].items()}
    return replace(scheme, applicable_amounts={**scheme.applicable_amounts, year: amounts})


def cannot_work_out(year: int, scheme: CTRScheme, missing: list[FigureUnknown]) -> str:
    """Plain English for an adviser when a figure is missing and no earlier year's can stand in."""
    what = " and ".join(sorted({m.plain for m in missing}))
    where = f" Apply to {scheme.council} to get their assessment: {scheme.apply_at}" if scheme.apply_at else ""
    return (
        f"We can't work out Council Tax Reduction for {year} to {year + 1} yet because we do not have {what} for "
        f"that year in {scheme.council}'s scheme.{where}"
    )


def working_age_ctr(applicant: CTRApplicant, year: int, scheme: CTRScheme | None = None) -> CTRResult:
    """Working-age Council Tax Reduction under ``scheme`` (default: the shipped Stockton scheme).

    A figure unknown for ``year`` is taken from the latest earlier year (the amount is then a lower bound,
    ``at_least``, and the reason says which figure); with no earlier figure it raises :class:`FigureUnknown`.
    """
    scheme = scheme or default_scheme()
    missing = unknown_figures(applicant, scheme, year)
    result = _assess(applicant, year, scheme)
    if not missing or result.amount_per_year >= round(result.maximum_per_year, 2) or result.excess_income_per_year == 0:
        return result  # the missing figure cannot change the amount (maximum support, or no income test applied)
    what = " and ".join(sorted({m.plain for m in missing}))
    note = (
        f" We do not yet have {what} for {year} to {year + 1} in {scheme.council}'s scheme, so this uses the "
        f"{year - 1} to {year} figure: the real amount can only be the same or higher."
    )
    if scheme.apply_at:
        note += f" Apply to get the council's assessment: {scheme.apply_at}"
    return CTRResult(
        result.amount_per_year,
        result.maximum_per_year,
        result.applicable_amount_per_year,
        result.excess_income_per_year,
        result.reason + note,
        result.local_figures_confirmed,
        at_least=True,
    )


def _assess(applicant: CTRApplicant, year: int, scheme: CTRScheme) -> CTRResult:
    confirmed = scheme.local_figures_confirmed
    liability = applicant.annual_liability
    if scheme.band_cap is not None and BAND_RATIOS[applicant.band] > BAND_RATIOS[scheme.band_cap]:
        liability *= BAND_RATIOS[scheme.band_cap] / BAND_RATIOS[applicant.band]
    maximum = max(0.0, liability * scheme.maximum_support_rate - applicant.non_dependant_deductions_per_year)
    applicable = applicable_amount_per_week(applicant, scheme, year, earlier_if_unknown=True) * WEEKS
    if applicant.annual_liability == 0:
        return CTRResult(0.0, 0.0, applicable, 0.0, "No council tax to pay.", confirmed)
    if applicant.capital > scheme.capital_limit:
        return CTRResult(
            0.0,
            maximum,
            applicable,
            0.0,
            f"Savings are above the £{scheme.capital_limit:,.0f} limit.",
            confirmed,
        )
    if applicant.passported:
        return CTRResult(
            round(maximum, 2),
            maximum,
            applicable,
            0.0,
            "Maximum support: on an income-related benefit.",
            confirmed,
        )
    kind = "couple" if applicant.is_couple else ("lone_parent" if applicant.children else "single")
    disregard = min(applicant.earnings_per_year, scheme.earnings_disregard.get(kind, 0.0) * WEEKS)
    income = applicant.income_per_year - disregard
    income += tariff_income_per_week(applicant.capital, scheme) * WEEKS
    excess = max(0.0, income - applicable)
    if scheme.structure == "taper":
        amount = max(0.0, maximum - scheme.taper_rate * excess)
    else:
        weekly_excess = excess / WEEKS
        rate = next((r for limit, r in scheme.income_bands if weekly_excess <= limit), 0.0)
        amount = maximum * rate / scheme.maximum_support_rate if scheme.maximum_support_rate else 0.0
    if amount < scheme.minimum_award_per_week * WEEKS:
        amount = 0.0
    amount = round(amount, 2)
    if amount == 0:
        reason = "Income is too high for a reduction under the scheme."
    elif amount < round(maximum, 2):
        reason = "Partial reduction: income is above the applicable amount."
    else:
        reason = "Maximum support."
    return CTRResult(amount, maximum, applicable, excess, reason, confirmed)
