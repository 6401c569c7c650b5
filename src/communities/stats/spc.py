"""XmR statistical process control charts with the NHS England "Making Data Count" (MDC) rules.

Published sources: NHS England / NHS Improvement (2019, updated 2021) "Making Data Count: Getting
started" and "Making Data Count: Strengthening your decisions" (XmR limits, the four special-cause
rules, variation and assurance icons); Wheeler D.J. (1995) *Advanced Topics in Statistical Process
Control* (2.66 = 3/d2 with d2 = 1.128; the D4 = 3.267 screen for outlying moving ranges);
Nelson L.S. (1984) "The Shewhart control chart - tests for special causes", J. Qual. Technol.
16:237-239. Behaviour matches the NHS-R Community "plot the dots" conventions (MIT-licensed reference
data in tests/fixtures/spc):

* mean of the baseline points; moving ranges |y_i - y_(i-1)|; optional screening drops moving ranges
  >= 3.267 x mean MR once (``screen_outliers=False`` reproduces the MDC Excel tool);
* limits mean +/- 2.66 mean MR; "near" lines at two sigma, mean +/- 1.7733 mean MR;
* rules, in precedence order: a point outside the limits; a trend of ``trend_length`` (7) points
  each strictly higher/lower than the previous one; two of three consecutive points beyond the same
  two-sigma line (all three on the same side of the mean); a run of ``run_length`` (7) points on one
  side of the mean;
* rebasing: each ``rebase`` position starts a new segment with its own limits; ``fix_after_n_points``
  freezes the limits after the first k points of each segment; segments shorter than
  ``warning_threshold`` (13) carry trial limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from ._common import FloatArray, as_float

__all__ = [
    "LIMIT_CONSTANT",
    "NEAR_CONSTANT",
    "SCREEN_CONSTANT",
    "XmRResult",
    "XmRTable",
    "assurance",
    "part_of_run",
    "point_type",
    "run_one_side",
    "special_cause_label",
    "trend_points",
    "two_in_three_flagged",
    "two_in_three_window",
    "xmr",
    "xmr_limits",
    "xmr_table",
]

LIMIT_CONSTANT = 2.66
NEAR_CONSTANT = 2.66 * 2 / 3
SCREEN_CONSTANT = 3.267
Direction = Literal["increase", "decrease", "neutral"]
IntArray = NDArray[np.int64]


# --- individual rules (vectorised over one series) ---------------------------------------------------
def run_one_side(relative_to_mean: ArrayLike, n: int = 7) -> IntArray:
    """1 at the n-th and later points of a run of ``n`` points on one side of the mean (0 breaks).

    All rule functions work along the last axis, so many series can be flagged at once.
    """
    s = np.asarray(relative_to_mean, dtype=np.int64)
    out = np.zeros(s.shape, dtype=np.int64)
    if s.shape[-1] >= n:
        w = sliding_window_view(s, n, axis=-1)
        out[..., n - 1 :] = np.all(w == 1, axis=-1) | np.all(w == -1, axis=-1)
    return out


def part_of_run(marker: ArrayLike, n: int = 7) -> IntArray:
    """Spread a marker at the n-th point of a run/trend back over the n points it covers."""
    m = np.asarray(marker, dtype=np.int64) != 0
    size = m.shape[-1]
    out = np.zeros(m.shape, dtype=np.int64)
    for k in range(min(n, size)):  # n is small; each shift is vectorised
        out[..., : size - k] |= m[..., k:]
    return out


def trend_points(y: ArrayLike, n: int = 7) -> IntArray:
    """+1 / -1 at the n-th and later points of n points each strictly higher / lower than the last."""
    v = as_float(y, "values")
    out = np.zeros(v.shape, dtype=np.int64)
    if v.shape[-1] >= n:
        w = sliding_window_view(np.sign(np.diff(v, axis=-1)), n - 1, axis=-1)
        out[..., n - 1 :] = np.where(np.all(w > 0, axis=-1), 1, np.where(np.all(w < 0, axis=-1), -1, 0))
    return out


def two_in_three_window(close_to_limits: ArrayLike, relative_to_mean: ArrayLike) -> IntArray:
    """1 for every point of a 3-point window with >= 2 points near a limit, all on one side."""
    c = np.asarray(close_to_limits, dtype=np.int64)
    s = np.asarray(relative_to_mean, dtype=np.int64)
    out = np.zeros(c.shape, dtype=np.int64)
    if c.shape[-1] >= 3:
        wc, ws = sliding_window_view(c, 3, axis=-1), sliding_window_view(s, 3, axis=-1)
        ok = (wc.sum(axis=-1) >= 2) & (np.all(ws == 1, axis=-1) | np.all(ws == -1, axis=-1))
        width = ok.shape[-1]
        for k in range(3):
            out[..., k : k + width] |= ok
    return out


def two_in_three_flagged(close_to_limits: ArrayLike, relative_to_mean: ArrayLike) -> IntArray:
    """The near-limit points inside a qualifying two-in-three window."""
    c = np.asarray(close_to_limits, dtype=np.int64)
    return two_in_three_window(c, relative_to_mean) & (c != 0)


def special_cause_label(
    y: ArrayLike,
    relative_to_mean: ArrayLike,
    trend_flag: ArrayLike,
    run_flag: ArrayLike,
    two_in_three_flag: ArrayLike,
    outside_flag: ArrayLike,
    run_length: int = 7,
    trend_length: int = 7,
) -> NDArray[np.str_]:
    """Label each point by the first rule that applies: outside limits, trend, two-in-three, run.

    Above/Below come from the point's side of the mean; Increasing/Decreasing from the y values (the
    step to the next point when that point is also in the trend, else the step from the previous one).
    The MDC label texts name the run and trend lengths ("7 Points Above CL" by default).
    """
    v = as_float(y)
    side = np.asarray(relative_to_mean, dtype=np.int64)
    tr = np.asarray(trend_flag) != 0
    d = np.diff(v, axis=-1)
    pad = np.full((*v.shape[:-1], 1), np.nan)
    nxt = np.concatenate([d, pad], axis=-1)
    prv = np.concatenate([pad, d], axis=-1)
    next_in = np.concatenate([tr[..., 1:], np.zeros((*tr.shape[:-1], 1), dtype=bool)], axis=-1)
    step = np.where(next_in, nxt, prv)
    above = side > 0
    return np.select(
        [np.asarray(outside_flag) != 0, tr, np.asarray(two_in_three_flag) != 0, np.asarray(run_flag) != 0],
        [
            np.where(above, "Above UCL", "Below LCL"),
            np.where(
                step > 0,
                f"{trend_length} Point Trend (Increasing)",
                f"{trend_length} Point Trend (Decreasing)",
            ),
            np.where(above, "2 in 3 Above CL", "2 in 3 Below CL"),
            np.where(above, f"{run_length} Points Above CL", f"{run_length} Points Below CL"),
        ],
        default="Common Cause",
    )


def point_type(labels: ArrayLike, improvement_direction: Direction = "increase") -> NDArray[np.str_]:
    """common_cause / special_cause_improvement / _concern / _neutral_high / _neutral_low."""
    lab = np.asarray(labels, dtype=str)
    up = np.char.find(lab, "Above") >= 0
    up |= np.char.find(lab, "Increasing") >= 0
    down = (np.char.find(lab, "Below") >= 0) | (np.char.find(lab, "Decreasing") >= 0)
    sign = np.where(up, 1, np.where(down, -1, 0))
    if improvement_direction == "neutral":
        return np.where(
            sign > 0,
            "special_cause_neutral_high",
            np.where(sign < 0, "special_cause_neutral_low", "common_cause"),
        )
    d = {"increase": 1, "decrease": -1}.get(improvement_direction)
    if d is None:
        raise ValueError("improvement_direction must be 'increase', 'decrease' or 'neutral'")
    prod = sign * d
    return np.where(prod > 0, "special_cause_improvement", np.where(prod < 0, "special_cause_concern", "common_cause"))


def assurance(
    lpl: float, upl: float, target: float | None, improvement_direction: Direction = "increase"
) -> str | None:
    """MDC assurance icon against a target: consistent_pass / consistent_fail / inconsistent."""
    if target is None or improvement_direction == "neutral" or any(np.isnan(x) for x in (lpl, upl, target)):
        return None
    if improvement_direction == "increase":
        return "consistent_fail" if target > upl else "consistent_pass" if target < lpl else "inconsistent"
    if improvement_direction == "decrease":
        return "consistent_pass" if target > upl else "consistent_fail" if target < lpl else "inconsistent"
    raise ValueError("improvement_direction must be 'increase', 'decrease' or 'neutral'")


# --- limits -------------------------------------------------------------------------------------------
def _limits_nd(base: FloatArray, screen_outliers: bool) -> tuple[FloatArray, FloatArray]:
    """(mean, mean moving range) over the last axis of complete series."""
    mean = base.mean(axis=-1)
    if base.shape[-1] < 2:
        return mean, np.full(mean.shape, np.nan)
    mr = np.abs(np.diff(base, axis=-1))
    mmr = mr.mean(axis=-1)
    if screen_outliers:
        keep = mr < SCREEN_CONSTANT * mmr[..., None]
        n_keep = keep.sum(axis=-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            screened = np.where(keep, mr, 0.0).sum(axis=-1) / n_keep
        mmr = np.where(n_keep > 0, screened, mmr)
    return mean, mmr


def xmr_limits(values: ArrayLike, screen_outliers: bool = True) -> tuple[float, float, float, float]:
    """(mean, mean_moving_range, lower process limit, upper process limit) for baseline points."""
    v = as_float(values, "values").ravel()
    v = v[~np.isnan(v)]
    if v.size == 0:
        raise ValueError("at least one non-missing value is needed for XmR limits")
    mean, mmr = (float(x) for x in _limits_nd(v, screen_outliers))
    return mean, mmr, mean - LIMIT_CONSTANT * mmr, mean + LIMIT_CONSTANT * mmr


def _judge(
    ys: FloatArray, mean: FloatArray, mmr: FloatArray, run_length: int, trend_length: int
) -> tuple[IntArray, NDArray[np.bool_], NDArray[np.bool_], NDArray[np.str_]]:
    """Apply the MDC rules along the last axis given each series' mean and mean moving range."""
    m, mm = mean[..., None], mmr[..., None]
    lo, hi = m - LIMIT_CONSTANT * mm, m + LIMIT_CONSTANT * mm
    rel = np.sign(ys - m).astype(np.int64)
    outside = (ys > hi) | (ys < lo)
    close = ~outside & ((ys > m + NEAR_CONSTANT * mm) | (ys < m - NEAR_CONSTANT * mm))
    tr = part_of_run(trend_points(ys, trend_length), trend_length)
    run = part_of_run(run_one_side(rel, run_length), run_length)
    two = two_in_three_flagged(close.astype(np.int64), rel)
    labels = special_cause_label(ys, rel, tr, run, two, outside.astype(np.int64), run_length, trend_length)
    return rel, outside, close, labels


def _variation_icon(ptype: NDArray[np.str_], labels: NDArray[np.str_]) -> NDArray[np.str_]:
    """Variation icon from the point type and label of a (last) point: adds _high/_low for special cause."""
    high = (np.char.find(labels, "Above") >= 0) | (np.char.find(labels, "Increasing") >= 0)
    sided = (ptype == "special_cause_improvement") | (ptype == "special_cause_concern")
    return np.where(sided, np.char.add(ptype, np.where(high, "_high", "_low")), ptype)


@dataclass(frozen=True, slots=True)
class XmRTable:
    """Vectorised XmR results: per-point arrays ``(..., T)``, per-series arrays ``(...)``."""

    mean: FloatArray
    lpl: FloatArray
    upl: FloatArray
    mean_moving_range: FloatArray
    relative_to_mean: IntArray
    outside_limits: NDArray[np.bool_]
    close_to_limits: NDArray[np.bool_]
    special_cause_type: NDArray[np.str_]
    point_type: NDArray[np.str_]
    variation: NDArray[np.str_]
    assurance: NDArray[np.object_]
    trial_limits: NDArray[np.bool_]


def xmr_table(
    values: ArrayLike,
    improvement_direction: Direction = "increase",
    targets: ArrayLike | None = None,
    fix_after_n_points: int | None = None,
    screen_outliers: bool = True,
    run_length: int = 7,
    trend_length: int = 7,
    warning_threshold: int = 13,
) -> XmRTable:
    """XmR charts for many complete series at once (shape ``(..., T)``, time along the last axis).

    Same rules as :func:`xmr` (one segment per series, no rebasing); ``targets`` (shape ``(...)``,
    NaN = none) gives the assurance icons.
    """
    y = as_float(values, "values")
    if y.ndim == 0 or y.shape[-1] == 0 or np.any(np.isnan(y)):
        raise ValueError("values must be complete series (no missing values) along the last axis")
    if run_length < 2 or trend_length < 2:
        raise ValueError("run_length and trend_length must be at least 2")
    base = y if fix_after_n_points is None else y[..., :fix_after_n_points]
    mean, mmr = _limits_nd(base, screen_outliers)
    rel, outside, close, labels = _judge(y, mean, mmr, run_length, trend_length)
    ptype = point_type(labels, improvement_direction)
    lpl, upl = mean - LIMIT_CONSTANT * mmr, mean + LIMIT_CONSTANT * mmr
    tgt = np.broadcast_to(as_float(targets, "targets") if targets is not None else np.nan, mean.shape)
    assure = np.empty(mean.shape, dtype=object)
    for idx in np.ndindex(mean.shape):
        t = float(tgt[idx])
        assure[idx] = assurance(float(lpl[idx]), float(upl[idx]), None if np.isnan(t) else t, improvement_direction)
    return XmRTable(
        mean=mean,
        lpl=lpl,
        upl=upl,
        mean_moving_range=mmr,
        relative_to_mean=rel,
        outside_limits=outside,
        close_to_limits=close,
        special_cause_type=labels,
        point_type=ptype,
        variation=_variation_icon(ptype[..., -1], labels[..., -1]),
        assurance=assure,
        trial_limits=np.full(mean.shape, y.shape[-1] < warning_threshold),
    )


@dataclass(frozen=True, slots=True)
class XmRResult:
    """Per-point arrays (same order as the input) and per-segment summaries."""

    y: FloatArray
    segment: IntArray
    mean: FloatArray
    lpl: FloatArray
    upl: FloatArray
    near_lpl: FloatArray
    near_upl: FloatArray
    moving_range: FloatArray
    mean_moving_range: FloatArray
    relative_to_mean: IntArray
    outside_limits: NDArray[np.bool_]
    close_to_limits: NDArray[np.bool_]
    special_cause_type: NDArray[np.str_]
    point_type: NDArray[np.str_]
    trial_limits: NDArray[np.bool_]
    variation: list[str]  # variation icon per segment (point type of its last point, with side)
    assurance: str | None  # assurance icon for the last segment
    summary: list[dict[str, Any]]


def xmr(
    values: ArrayLike,
    improvement_direction: Direction = "increase",
    target: float | None = None,
    rebase: ArrayLike | None = None,
    fix_after_n_points: int | None = None,
    screen_outliers: bool = True,
    run_length: int = 7,
    trend_length: int = 7,
    warning_threshold: int = 13,
) -> XmRResult:
    """XmR chart for one ordered series with the MDC rules, icons and rebasing.

    ``rebase``: positions (0-based indices) at which a new segment (recalculated limits) starts.
    Facets (several series) are handled by calling once per series, or use :func:`xmr_table` for many
    complete series without rebasing.
    """
    y = as_float(values, "values").ravel()
    if y.size == 0 or np.any(np.isnan(y)):
        raise ValueError("values must be a non-empty series without missing values")
    if run_length < 2 or trend_length < 2:
        raise ValueError("run_length and trend_length must be at least 2")
    if fix_after_n_points is not None and fix_after_n_points < 2:
        raise ValueError("fix_after_n_points must be at least 2")
    seg = np.zeros(y.size, dtype=np.int64)
    if rebase is not None:
        for r in np.unique(np.asarray(rebase, dtype=np.int64)):
            if 0 < r < y.size:
                seg[r:] += 1
    n = y.size
    mean, lpl, upl, mmr = (np.empty(n) for _ in range(4))
    mr = np.r_[np.nan, np.abs(np.diff(y))]
    mr[np.r_[False, seg[1:] != seg[:-1]]] = np.nan
    labels = np.empty(n, dtype=object)
    side = np.zeros(n, dtype=np.int64)
    trial = np.zeros(n, dtype=bool)
    summary: list[dict[str, Any]] = []
    for s in np.unique(seg):
        idx = np.flatnonzero(seg == s)
        ys = y[idx]
        base = ys if fix_after_n_points is None else ys[:fix_after_n_points]
        m, mm, lo, hi = xmr_limits(base, screen_outliers)
        mean[idx], mmr[idx], lpl[idx], upl[idx] = m, mm, lo, hi
        rel, _, _, labels[idx] = _judge(ys, np.asarray(m), np.asarray(mm), run_length, trend_length)
        side[idx] = rel
        trial[idx] = idx.size < warning_threshold
        summary.append(
            {
                "segment": int(s),
                "n": int(idx.size),
                "mean": m,
                "lpl": lo,
                "upl": hi,
                "mean_moving_range": mm,
                "trial_limits": bool(idx.size < warning_threshold),
            }
        )
    lab = labels.astype(str)
    ptype = point_type(lab, improvement_direction)
    near_lpl, near_upl = mean - NEAR_CONSTANT * mmr, mean + NEAR_CONSTANT * mmr
    variation = []
    for s in summary:
        last = int(np.flatnonzero(seg == s["segment"])[-1])
        pt = str(_variation_icon(ptype[last : last + 1], lab[last : last + 1])[0])
        variation.append(pt)
        s["variation"] = pt
        s["common_cause_points"] = int(np.sum(ptype[seg == s["segment"]] == "common_cause"))
        s["special_cause_improvement_points"] = int(np.sum(ptype[seg == s["segment"]] == "special_cause_improvement"))
    return XmRResult(
        y=y,
        segment=seg,
        mean=mean,
        lpl=lpl,
        upl=upl,
        near_lpl=near_lpl,
        near_upl=near_upl,
        moving_range=mr,
        mean_moving_range=mmr,
        relative_to_mean=side,
        outside_limits=(y > upl) | (y < lpl),
        close_to_limits=~((y > upl) | (y < lpl)) & ((y > near_upl) | (y < near_lpl)),
        special_cause_type=lab,
        point_type=ptype,
        trial_limits=trial,
        variation=variation,
        assurance=assurance(float(lpl[-1]), float(upl[-1]), target, improvement_direction),
        summary=summary,
    )
