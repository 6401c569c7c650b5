"""Recent-trend test over the last five points, as OHID Fingertips computes the trend arrow.

Published sources: OHID Fingertips "Technical guidance: recent trends" (test on the five most
recent points, 99.8% significance, chi-square with 1 df); Altman D.G. (1991) *Practical Statistics
for Medical Research* s. 10.7.4 (chi-square test for trend in proportions, no continuity
correction); weighted least squares with inverse-variance weights from the 95% CI width
(SE = (upper - lower) / 3.92). Outlier guard: the slope must keep its sign when each point is left
out in turn (a zero slope counts as positive).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from ._common import FloatArray, as_float

__all__ = ["CRITICAL_CHI_SQUARE_998", "TrendResult", "recent_trend"]

CRITICAL_CHI_SQUARE_998 = 9.549536  # chi-square, 1 df, 99.8%
N_POINTS = 5


@dataclass(frozen=True, slots=True)
class TrendResult:
    marker: str  # Increasing | Decreasing | NoChange | CannotBeCalculated
    significant: bool
    chi_square: float
    slope: float
    points_used: int


def _wls_slope(t: FloatArray, y: FloatArray, w: FloatArray) -> tuple[float, float]:
    sw, swt, swy = w.sum(), (w * t).sum(), (w * y).sum()
    swt2, swty = (w * t * t).sum(), (w * t * y).sum()
    den = sw * swt2 - swt**2
    b = (sw * swty - swt * swy) / den
    return float(b), float(np.sqrt(sw / den))


def _ols_slope(t: FloatArray, y: FloatArray) -> float:
    tc = t - t.mean()
    return float((tc * (y - y.mean())).sum() / (tc * tc).sum())


def _same_sign(slopes: list[float]) -> bool:
    signs = {s >= 0 for s in slopes}
    return len(signs) == 1


def recent_trend(
    years: ArrayLike,
    values: ArrayLike,
    lower95: ArrayLike,
    upper95: ArrayLike,
    counts: ArrayLike | None = None,
    denominators: ArrayLike | None = None,
    method: Literal["ci_weighted_regression", "chi_square_trend_proportions"] = "ci_weighted_regression",
    value_type: Literal["proportion", "crude_rate"] = "proportion",
    year_range: int = 1,
) -> TrendResult:
    """Recent-trend marker from the five most recent valid yearly points.

    Valid points are taken backwards from the latest year and stop at the first year with a missing
    value (or count / denominator when given); the 5 most recent with both limits are used. Fewer
    than 5, a value type other than proportion/crude rate, a year range other than 1 or a used year
    with count == denominator give ``CannotBeCalculated``. ``chi_square_trend_proportions`` (for the
    "SPC for proportions" comparator) needs counts and denominators.
    """
    cannot = TrendResult("CannotBeCalculated", False, 0.0, float("nan"), 0)
    if value_type not in ("proportion", "crude_rate") or year_range != 1:
        return cannot
    yr = as_float(years, "years")
    order = np.argsort(yr)[::-1]
    v, lo, up = (as_float(a)[order] for a in (values, lower95, upper95))
    c = as_float(counts)[order] if counts is not None else np.full(v.shape, 0.0)
    n = as_float(denominators)[order] if denominators is not None else np.full(v.shape, 1.0)
    yr = yr[order]
    use: list[int] = []
    for i in range(v.size):
        if (
            np.isnan(v[i])
            or (counts is not None and np.isnan(c[i]))
            or (denominators is not None and np.isnan(n[i]))
        ):
            break
        if not (np.isnan(lo[i]) or np.isnan(up[i])):
            use.append(i)
        if len(use) == N_POINTS:
            break
    if len(use) < N_POINTS:
        return cannot
    idx = np.array(use[::-1])  # oldest first
    if counts is not None and denominators is not None and np.any(c[idx] == n[idx]):
        return cannot
    t = np.arange(1.0, N_POINTS + 1)
    if method == "ci_weighted_regression":
        se = (up[idx] - lo[idx]) / 3.92
        w = 1 / se**2
        y = v[idx]
        b, se_b = _wls_slope(t, y, w)
        chi = (b / se_b) ** 2
        loo = [_wls_slope(np.delete(t, k), np.delete(y, k), np.delete(w, k))[0] for k in range(N_POINTS)]
    elif method == "chi_square_trend_proportions":
        if counts is None or denominators is None:
            raise ValueError("chi_square_trend_proportions needs counts and denominators")
        x, d = c[idx], n[idx]
        big_d, big_c = d.sum(), x.sum()
        ct, dt, dt2 = (x * t).sum(), (d * t).sum(), (d * t * t).sum()
        chi = float(
            big_d * (big_d * ct - big_c * dt) ** 2 / (big_c * (big_d - big_c) * (big_d * dt2 - dt**2))
        )
        y = np.log(x / (d - x))
        b = _ols_slope(t, y)
        loo = [_ols_slope(np.delete(t, k), np.delete(y, k)) for k in range(N_POINTS)]
    else:
        raise ValueError(f"unknown trend method {method!r}")
    significant = chi > CRITICAL_CHI_SQUARE_998 and _same_sign([b, *loo])
    marker = ("Increasing" if b > 0 else "Decreasing") if significant else "NoChange"
    return TrendResult(marker, bool(significant), float(chi), float(b), N_POINTS)
