"""Recent-trend test over the last five points, as OHID Fingertips computes the trend arrow.

Published sources: the Fingertips Public Health Technical Guidance (OHID/PHE,
https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/), recent trends:
test on the five most recent points at 99.8% significance, chi-square with 1 df; Altman D.G. (1991)
*Practical Statistics for Medical Research*, chi-squared test for trend in proportions (no continuity
correction); weighted least squares with inverse-variance weights from the 95% CI width
(SE = (upper - lower) / 3.92). Outlier guard: the slope must keep its sign when each point is left
out in turn (a zero slope counts as positive).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._common import FloatArray, as_float

__all__ = ["CRITICAL_CHI_SQUARE_998", "TrendResult", "TrendTable", "recent_trend", "recent_trend_table"]

CRITICAL_CHI_SQUARE_998 = 9.549536  # chi-square, 1 df, 99.8%
N_POINTS = 5


@dataclass(frozen=True, slots=True)
class TrendResult:
    marker: str  # Increasing | Decreasing | NoChange | CannotBeCalculated
    significant: bool
    chi_square: float
    slope: float
    points_used: int


def _wls(t: FloatArray, y: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Weighted LS slope and its SE over the last axis."""
    sw, swt, swy = w.sum(-1), (w * t).sum(-1), (w * y).sum(-1)
    swt2, swty = (w * t * t).sum(-1), (w * t * y).sum(-1)
    den = sw * swt2 - swt**2
    return (sw * swty - swt * swy) / den, np.sqrt(sw / den)


def _leave_one_out(t: FloatArray, y: FloatArray, w: FloatArray) -> FloatArray:
    """Slopes with each of the points left out in turn, shape (..., n)."""
    n = t.shape[-1]
    keep = ~np.eye(n, dtype=bool)  # row k drops point k
    tt = np.broadcast_to(t[..., None, :], (*t.shape[:-1], n, n))[..., keep].reshape(*t.shape[:-1], n, n - 1)
    yy = np.broadcast_to(y[..., None, :], (*y.shape[:-1], n, n))[..., keep].reshape(*y.shape[:-1], n, n - 1)
    ww = np.broadcast_to(w[..., None, :], (*w.shape[:-1], n, n))[..., keep].reshape(*w.shape[:-1], n, n - 1)
    return _wls(tt, yy, ww)[0]


@dataclass(frozen=True, slots=True)
class TrendTable:
    """Vectorised trend results, one entry per series (shape of the leading axes)."""

    marker: NDArray[np.str_]
    significant: NDArray[np.bool_]
    chi_square: FloatArray
    slope: FloatArray


def recent_trend_table(
    values: ArrayLike,
    lower95: ArrayLike,
    upper95: ArrayLike,
    counts: ArrayLike | None = None,
    denominators: ArrayLike | None = None,
    method: Literal["ci_weighted_regression", "chi_square_trend_proportions"] = "ci_weighted_regression",
) -> TrendTable:
    """Recent-trend markers for many series at once.

    Arrays have shape ``(..., years)`` with consecutive 1-year periods along the last axis, oldest
    first (NaN = missing). Each series is judged as :func:`recent_trend` describes.
    """
    v, lo, up = as_float(values, "values"), as_float(lower95, "lower95"), as_float(upper95, "upper95")
    c = as_float(counts, "counts") if counts is not None else None
    d = as_float(denominators, "denominators") if denominators is not None else None
    present = ~np.isnan(v)
    if c is not None:
        present &= ~np.isnan(c)
    if d is not None:
        present &= ~np.isnan(d)
    # walk back from the latest year: stop at the first year with a missing value / count / denominator
    reachable = np.flip(np.cumprod(np.flip(present, -1), axis=-1), -1).astype(bool)
    usable = reachable & ~np.isnan(lo) & ~np.isnan(up)
    rank_from_end = np.flip(np.cumsum(np.flip(usable, -1), axis=-1), -1)
    sel = usable & (rank_from_end <= N_POINTS)
    enough = sel.sum(-1) == N_POINTS
    # gather the selected points in time order (rows without enough points get dummy data)
    order = np.argsort(~sel, axis=-1, kind="stable")[..., :N_POINTS]
    if v.shape[-1] < N_POINTS:
        order = np.zeros((*v.shape[:-1], N_POINTS), dtype=np.int64)

    def take(a: FloatArray) -> FloatArray:
        return np.take_along_axis(a, order, axis=-1)

    t = np.broadcast_to(np.arange(1.0, N_POINTS + 1), (*v.shape[:-1], N_POINTS))
    with np.errstate(invalid="ignore", divide="ignore"):
        if c is not None and d is not None:
            enough &= ~np.any(take(c) == take(d), axis=-1)
        if method == "ci_weighted_regression":
            w = 1 / ((take(up) - take(lo)) / 3.92) ** 2
            y = take(v)
            b, se_b = _wls(t, y, w)
            chi = (b / se_b) ** 2
            loo = _leave_one_out(t, y, w)
        elif method == "chi_square_trend_proportions":
            if c is None or d is None:
                raise ValueError("chi_square_trend_proportions needs counts and denominators")
            x, n = take(c), take(d)
            big_d, big_c = n.sum(-1), x.sum(-1)
            ct, dt, dt2 = (x * t).sum(-1), (n * t).sum(-1), (n * t * t).sum(-1)
            chi = big_d * (big_d * ct - big_c * dt) ** 2 / (big_c * (big_d - big_c) * (big_d * dt2 - dt**2))
            y = np.log(x / (n - x))
            ones = np.ones_like(y)
            b = _wls(t, y, ones)[0]
            loo = _leave_one_out(t, y, ones)
        else:
            raise ValueError(f"unknown trend method {method!r}")
        pos = b >= 0
        same = np.all((loo >= 0) == pos[..., None], axis=-1)
        significant = enough & (chi > CRITICAL_CHI_SQUARE_998) & same
    marker = np.where(
        ~enough,
        "CannotBeCalculated",
        np.where(significant, np.where(b > 0, "Increasing", "Decreasing"), "NoChange"),
    )
    return TrendTable(
        marker=marker,
        significant=significant,
        chi_square=np.where(enough, chi, 0.0),
        slope=np.where(enough, b, np.nan),
    )


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
    """Recent-trend marker from the five most recent valid yearly points of one series.

    Valid points are taken backwards from the latest year and stop at the first year with a missing
    value (or count / denominator when given); the 5 most recent with both limits are used. Fewer
    than 5, a value type other than proportion/crude rate, a year range other than 1 or a used year
    with count == denominator give ``CannotBeCalculated``. ``chi_square_trend_proportions`` (for the
    "SPC for proportions" comparator) needs counts and denominators. Years need not be sorted;
    missing years should be passed as NaN values. See :func:`recent_trend_table` for many series.
    """
    if value_type not in ("proportion", "crude_rate") or year_range != 1:
        return TrendResult("CannotBeCalculated", False, 0.0, float("nan"), 0)
    order = np.argsort(as_float(years, "years"))
    res = recent_trend_table(
        as_float(values)[order],
        as_float(lower95)[order],
        as_float(upper95)[order],
        None if counts is None else as_float(counts)[order],
        None if denominators is None else as_float(denominators)[order],
        method,
    )
    marker = str(res.marker)
    return TrendResult(
        marker,
        bool(res.significant),
        float(res.chi_square),
        float(res.slope),
        0 if marker == "CannotBeCalculated" else N_POINTS,
    )
