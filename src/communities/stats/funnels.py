"""Funnel-plot control limits and significance for proportions, ratios (SMR/ISR) and rates/DSRs.

Published sources: Spiegelhalter D.J. (2005) "Funnel plots for comparing institutional
performance", Statistics in Medicine 24:1185-1202 and "Handling over-dispersion of performance
indicators", Qual. Saf. Health Care 14:347-351; APHO Technical Briefing 2 "Statistical process
control methods in public health intelligence" (2008) (Wilson-based limits for proportions,
exact Poisson limits for counts, 95% "2 sigma" and 99.8% "3 sigma" lines); the x-axis grid follows the
published PHE funnel-plot tool conventions (100 geometrically spaced points).

* Proportions: baseline p0 = sum(x) / sum(n); at population N the line is the observed proportion
  whose Wilson limit touches p0, p0 -/+ z sqrt(p0 (1 - p0) / N), capped to [0, 100].
* Ratios: for O observed events the expected count at which O lies on a line is the exact Poisson
  limit of O (chi-square form); line = O / E (``ratio_type="count"`` subtracts 1, ``"isr"`` x 100).
* Rates / DSRs: denominators derived as multiplier x events / rate; baseline b = sum(events) /
  sum(denominators); for E events the line sits at E b / Poisson-limit(E) x multiplier with the
  population P = Poisson-limit(E) / b (per year: / ``years_of_data``).

The reference tool finds the Poisson limits by bisection; we use the exact chi-square quantile, which
differs from it by up to ~5e-5 relative.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats as _st

from ._common import FloatArray, as_float
from .rates import poisson_interval

__all__ = [
    "Z_2SIGMA",
    "Z_3SIGMA",
    "funnel_axis",
    "proportion_funnel",
    "proportion_funnel_significance",
    "rate_funnel",
    "rate_funnel_significance",
    "ratio_funnel",
    "ratio_funnel_significance",
]

Z_2SIGMA = float(_st.norm.ppf(0.975))
Z_3SIGMA = float(_st.norm.ppf(0.999))
NOT_SIG, LOW_25, LOW_1, HIGH_25, HIGH_1 = (
    "Not significant",
    "Low (0.025)",
    "Low (0.001)",
    "High (0.025)",
    "High (0.001)",
)
DSR_NA = "Not applicable for events less than 10 for dsrs"


def _r_round(x: float) -> float:
    """R's round(): halves to even."""
    return float(np.round(x))


def _floor_sig(x: float, digits: int) -> float:
    if x <= 0:
        return 0.0
    p = 10 ** (math.floor(math.log10(x)) - digits + 1)
    return math.floor(x / p) * p


def _ceil_sig(x: float, digits: int) -> float:
    if x <= 0:
        return 0.0
    p = 10 ** (math.floor(math.log10(x)) - digits + 1)
    return math.ceil(round(x / p, 9)) * p


def _axis_limits(den: FloatArray) -> tuple[float, float]:
    lo, hi = float(np.min(den)), float(np.max(den))
    axis_min = 0.0 if hi > 2 * lo else _floor_sig(lo * 0.95, 1)
    return axis_min, _ceil_sig(hi * 1.05, 2)


def _grid(axis_min: float, axis_max: float, offset: int) -> FloatArray:
    g = [max(1.0, axis_min)]
    for j in range(2, 101):
        k = j - offset
        prev = g[-1]
        g.append(max(_r_round((axis_max / prev) ** (1 / (101 - k)) * prev), prev + 1))
    return np.array(g)


def funnel_axis(
    denominators: ArrayLike,
    kind: Literal["proportion", "ratio", "rate"] = "proportion",
    baseline: float | None = None,
    years_of_data: float = 1.0,
) -> FloatArray:
    """The 100-point x grid: populations (proportions), expected counts (ratios) or events (rates).

    For rates pass the derived denominators, the baseline events-per-person ``b`` and ``years_of_data``.
    """
    den = as_float(denominators, "denominators")
    den = den[~np.isnan(den)]
    if den.size == 0:
        raise ValueError("at least one denominator is needed for a funnel plot")
    if kind == "proportion":
        return _grid(*_axis_limits(den), offset=0)
    if kind == "ratio":
        return _grid(*_axis_limits(den), offset=1)
    if kind == "rate":
        if baseline is None:
            raise ValueError("rate funnels need the baseline")
        amin, amax = _axis_limits(den / years_of_data)
        amin, amax = amin * years_of_data, amax * years_of_data
        return _grid(math.floor(amin * baseline), math.ceil(amax * baseline), offset=0)
    raise ValueError("kind must be 'proportion', 'ratio' or 'rate'")


# --- proportions -----------------------------------------------------------------------------------------
def proportion_funnel(
    numerators: ArrayLike,
    denominators: ArrayLike,
    multiplier: float = 100.0,
    population: ArrayLike | None = None,
) -> dict[str, FloatArray]:
    """Control lines for a proportion funnel (keys as the PHE tool: ``Lower2s0025limit`` ...)."""
    x, n = as_float(numerators), as_float(denominators)
    ok = ~(np.isnan(x) | np.isnan(n))
    if np.any(x[ok] < 0) or np.any(n[ok] <= 0) or np.any(x[ok] > n[ok]):
        raise ValueError("numerators must be 0..denominator and denominators greater than zero")
    p0 = x[ok].sum() / n[ok].sum()
    grid = funnel_axis(n[ok], "proportion") if population is None else as_float(population)
    out: dict[str, FloatArray] = {"Population": grid}
    for name, z in (("2s0025", Z_2SIGMA), ("3s0001", Z_3SIGMA)):
        half = z * np.sqrt(p0 * (1 - p0) / grid)
        out[f"Lower{name}limit"] = np.clip((p0 - half) * multiplier, 0, 100)
        out[f"Upper{name}limit"] = np.clip((p0 + half) * multiplier, 0, 100)
    out["Baseline"] = np.full(grid.shape, p0 * multiplier)
    return out


def _label(
    lo998: NDArray[np.bool_], lo95: NDArray[np.bool_], hi998: NDArray[np.bool_], hi95: NDArray[np.bool_]
) -> NDArray[np.str_]:
    return np.select([lo998, lo95, hi998, hi95], [LOW_1, LOW_25, HIGH_1, HIGH_25], default=NOT_SIG)


def proportion_funnel_significance(numerators: ArrayLike, denominators: ArrayLike) -> NDArray[np.str_]:
    """High/Low (0.025 / 0.001) or Not significant for each area against the proportion funnel."""
    x, n = as_float(numerators), as_float(denominators)
    p0 = np.nansum(x) / np.nansum(n)
    p = x / n
    h2, h3 = Z_2SIGMA * np.sqrt(p0 * (1 - p0) / n), Z_3SIGMA * np.sqrt(p0 * (1 - p0) / n)
    return _label(p < p0 - h3, p < p0 - h2, p > p0 + h3, p > p0 + h2)


# --- ratios ------------------------------------------------------------------------------------------------
def _exp_on_lines(events: FloatArray) -> dict[str, FloatArray]:
    """Expected counts at which ``events`` lie on each line (exact Poisson limits of the events)."""
    out = {}
    for name, c in (("2s", 0.95), ("3s", 0.998)):
        out[f"lower_{name}"] = _st.chi2.ppf(c + (1 - c) / 2, 2 * events + 2) / 2
        with np.errstate(invalid="ignore"):
            out[f"upper_{name}"] = np.where(events > 0, _st.chi2.ppf((1 - c) / 2, 2 * events) / 2, np.nan)
    return out


def ratio_funnel(observed: ArrayLike, expected: ArrayLike, events: ArrayLike | None = None) -> dict[str, FloatArray]:
    """Lines for an observed/expected ratio funnel by observed events (``*_exp_events``, ``*_count`` =
    ratio - 1, ``*_isr`` = ratio x 100)."""
    o, e = as_float(observed), as_float(expected)
    if np.any(o < 0) or np.any(e <= 0):
        raise ValueError("observed must be >= 0 and expected > 0")
    grid = funnel_axis(e, "ratio") if events is None else as_float(events)
    out: dict[str, FloatArray] = {"Observed_events": grid}
    for key, exp_ev in _exp_on_lines(grid).items():
        ratio = grid / exp_ev
        out[f"{key}_exp_events"] = exp_ev
        out[f"{key}_count"] = ratio - 1
        out[f"{key}_isr"] = ratio * 100
    return out


def ratio_funnel_significance(observed: ArrayLike, expected: ArrayLike) -> NDArray[np.str_]:
    """Compare ratio 1 with the area's O/E limits (exact if O < 10, else Byar's) at 95% and 99.8%."""
    o, e = as_float(observed), as_float(expected)
    lo95, up95, _ = poisson_interval(o, 0.95)
    lo998, up998, _ = poisson_interval(o, 0.998)
    return _label(up998 / e < 1, up95 / e < 1, lo998 / e > 1, lo95 / e > 1)


# --- rates -------------------------------------------------------------------------------------------------
def _rate_denominators(
    events: FloatArray, rates: FloatArray, multiplier: float, denominators: FloatArray | None, rate_type: str
) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        d = multiplier * events / rates
    zero = events == 0
    if rate_type == "crude" and denominators is not None:
        d = np.where(zero, denominators, d)
    else:
        d = np.where(zero, np.nan, d)
    return d


def rate_funnel(
    events: ArrayLike,
    rates: ArrayLike,
    rate_type: Literal["dsr", "crude"] = "dsr",
    multiplier: float = 100_000,
    years_of_data: float = 1.0,
    denominators: ArrayLike | None = None,
    grid: ArrayLike | None = None,
) -> dict[str, FloatArray]:
    """Lines for a rate/DSR funnel by events: ``*_population_1_year``, ``*_limit``, ``baseline``."""
    ev, r = as_float(events), as_float(rates)
    if np.any(ev < 0):
        raise ValueError("events must be greater than or equal to zero")
    den = _rate_denominators(ev, r, multiplier, None if denominators is None else as_float(denominators), rate_type)
    ok = ~np.isnan(den)
    b = float(np.nansum(ev[ok]) / np.nansum(den[ok]))
    g = funnel_axis(den[ok], "rate", baseline=b, years_of_data=years_of_data) if grid is None else as_float(grid)
    out: dict[str, FloatArray] = {"Events": g}
    for key, exp_ev in _exp_on_lines(g).items():
        pop = exp_ev / b
        out[f"{key}_population_1_year"] = pop / years_of_data
        out[f"{key}_limit"] = g / pop * multiplier
    out["baseline"] = np.full(g.shape, b * multiplier)
    return out


def rate_funnel_significance(
    events: ArrayLike,
    rates: ArrayLike,
    rate_type: Literal["dsr", "crude"] = "dsr",
    multiplier: float = 100_000,
    denominators: ArrayLike | None = None,
) -> NDArray[np.str_]:
    """Compare the baseline with each area's rate limits (exact if events < 10, else Byar's).

    DSR areas with fewer than 10 events are labelled "Not applicable for events less than 10 for dsrs".
    """
    ev, r = as_float(events), as_float(rates)
    den = _rate_denominators(ev, r, multiplier, None if denominators is None else as_float(denominators), rate_type)
    ok = ~np.isnan(den)
    b = np.nansum(ev[ok]) / np.nansum(den[ok])
    lo95, up95, _ = poisson_interval(ev, 0.95)
    lo998, up998, _ = poisson_interval(ev, 0.998)
    with np.errstate(invalid="ignore", divide="ignore"):
        lab = _label(up998 / den < b, up95 / den < b, lo998 / den > b, lo95 / den > b)
    if rate_type == "dsr":
        lab = np.where(ev < 10, DSR_NA, lab)
    return lab
