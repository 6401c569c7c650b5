"""Comparison of areas with a benchmark, as OHID Fingertips does it (vectorised).

Published sources: the Fingertips Public Health Technical Guidance (OHID/PHE), comparing indicator
values with a benchmark (confidence-interval overlap at 95% and 99.8%); APHO Technical Briefing 2 "Statistical process
control methods in public health intelligence" (2008, control limits around a benchmark for
proportions (Wilson form) and for rates/DSRs (exact Poisson)); Spiegelhalter D.J. (2005) "Funnel
plots for comparing institutional performance", Stat. Med. 24:1185-1202.

Labels follow Fingertips: ``Better``, ``Same``, ``Worse``, and ``Best``/``Worst`` for the two-level
(95% and 99.8%) comparison; with polarity ``"neutral"`` (no better/worse direction) the labels are
``Higher``/``Same``/``Lower``; ``None`` when no comparison is possible (missing value or limits,
polarity not applicable, invalid denominator). ``Same`` is shown to users as "Similar".
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats as _st

from ._common import as_float

__all__ = [
    "RAG_COLOURS",
    "Polarity",
    "apply_polarity",
    "compare_ci_overlap",
    "compare_ci_overlap_two_levels",
    "compare_double_ci_overlap",
    "compare_spc_dsr",
    "compare_spc_proportion",
    "rag",
]

Polarity = Literal["high_is_good", "low_is_good", "neutral", "not_applicable"]
Labels = NDArray[np.str_]

_SWAP = {"Better": "Worse", "Worse": "Better", "Best": "Worst", "Worst": "Best"}
_NEUTRAL = {"Better": "Higher", "Worse": "Lower", "Best": "Highest", "Worst": "Lowest"}
_POLARITY_ALIASES = {
    "high_is_good": "high_is_good",
    "raghighisgood": "high_is_good",
    "1": "high_is_good",
    "rag - high is good": "high_is_good",
    "low_is_good": "low_is_good",
    "raglowisgood": "low_is_good",
    "0": "low_is_good",
    "rag - low is good": "low_is_good",
    "neutral": "neutral",
    "blueorangeblue": "neutral",
    "bob": "neutral",
    "99": "neutral",
    "not_applicable": "not_applicable",
    "-1": "not_applicable",
    "notapplicable": "not_applicable",
}

RAG_COLOURS: dict[str, str] = {
    "Best": "dark-green",
    "Better": "green",
    "Same": "amber",
    "Worse": "red",
    "Worst": "dark-red",
    "Higher": "dark-blue",
    "Highest": "dark-blue",
    "Lower": "light-blue",
    "Lowest": "light-blue",
    "None": "grey",
}


def _polarity(p: str | int) -> str:
    key = str(p).strip().lower()
    if key not in _POLARITY_ALIASES:
        raise ValueError(f"unknown polarity {p!r}; use high_is_good, low_is_good, neutral or not_applicable")
    return _POLARITY_ALIASES[key]


def _remap(r: NDArray[np.str_], mapping: dict[str, str]) -> NDArray[np.str_]:
    out = r.astype(object)
    for src, dst in mapping.items():
        out[r == src] = dst
    return out


def apply_polarity(raw: ArrayLike, polarity: str | int) -> Labels:
    """Turn raw labels (area higher = Better/Best) into labels for the indicator's polarity."""
    r = np.asarray(raw).astype(str)
    pol = _polarity(polarity)
    if pol == "high_is_good":
        return r
    if pol == "low_is_good":
        return np.asarray(_remap(r, _SWAP), dtype=str)
    if pol == "neutral":
        return np.asarray(_remap(r, _NEUTRAL), dtype=str)
    return np.full(r.shape, "None")


def rag(labels: ArrayLike) -> Labels:
    """Map comparison labels to colour names (green/amber/red, blues for no polarity, grey for None)."""
    return np.asarray(np.vectorize(lambda s: RAG_COLOURS.get(str(s), "grey"), otypes=[object])(labels), dtype=str)


def _missing(*arrays: NDArray[np.float64]) -> NDArray[np.bool_]:
    m = np.zeros(np.broadcast_shapes(*(a.shape for a in arrays)), dtype=bool)
    for a in arrays:
        m = m | np.isnan(a)
    return m


def compare_ci_overlap(
    value: ArrayLike, lower: ArrayLike, upper: ArrayLike, benchmark: ArrayLike, polarity: str | int
) -> Labels:
    """``Same`` if the benchmark lies inside the area's CI (ends included), else Better/Worse."""
    v, lo, up, b = (as_float(a) for a in (value, lower, upper, benchmark))
    raw = np.where((b >= lo) & (b <= up), "Same", np.where(v > b, "Better", "Worse"))
    raw = np.where(_missing(v, lo, up, b), "None", raw)
    return apply_polarity(raw, polarity)


def compare_ci_overlap_two_levels(
    value: ArrayLike,
    lower95: ArrayLike,
    upper95: ArrayLike,
    lower998: ArrayLike,
    upper998: ArrayLike,
    benchmark: ArrayLike,
    polarity: str | int,
) -> Labels:
    """Two-level comparison: Same inside the 95% CI; Better/Worse between the 95% and 99.8% limits;
    Best/Worst beyond the 99.8% CI (raw labels, area higher = Better/Best)."""
    v, l95, u95, l99, u99, b = (as_float(a) for a in (value, lower95, upper95, lower998, upper998, benchmark))
    raw = np.select(
        [(b >= l95) & (b <= u95), (b >= l99) & (b < l95), b < l99, (b > u95) & (b <= u99), b > u99],
        ["Same", "Better", "Best", "Worse", "Worst"],
        default="None",
    )
    raw = np.where(_missing(v, l95, u95, l99, u99, b), "None", raw)
    return apply_polarity(raw, polarity)


def compare_double_ci_overlap(
    value: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    benchmark: ArrayLike,
    benchmark_lower: ArrayLike,
    benchmark_upper: ArrayLike,
    polarity: str | int,
) -> Labels:
    """``Same`` when the two 95% intervals overlap (touching counts), else Better/Worse."""
    v, lo, up, b, bl, bu = (as_float(a) for a in (value, lower, upper, benchmark, benchmark_lower, benchmark_upper))
    overlap = (lo <= bu) & (bl <= up)
    raw = np.where(overlap, "Same", np.where(v > b, "Better", "Worse"))
    raw = np.where(_missing(v, lo, up, b, bl, bu), "None", raw)
    return apply_polarity(raw, polarity)


def spc_proportion_limits(
    denominator: ArrayLike, benchmark: ArrayLike, z: float, unit: float = 100.0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson-form control limits (as proportions) around P0 = benchmark / unit for denominator N."""
    n = as_float(denominator)
    e = n * as_float(benchmark) / unit
    with np.errstate(invalid="ignore", divide="ignore"):
        half = z * np.sqrt(z * z + 4 * e * (1 - e / n))
        lo = (2 * e + z * z - half) / (2 * (n + z * z))
        up = (2 * e + z * z + half) / (2 * (n + z * z))
    return lo, up


def compare_spc_proportion(
    value: ArrayLike,
    denominator: ArrayLike,
    benchmark: ArrayLike,
    polarity: str | int,
    z: float = 1.959964,
    unit: float = 100.0,
) -> Labels:
    """Area proportion against Wilson control limits around the benchmark (APHO TB2)."""
    v, n, b = as_float(value), as_float(denominator), as_float(benchmark)
    lo, up = spc_proportion_limits(n, b, z, unit)
    p = v / unit
    raw = np.where(p > up, "Better", np.where(p < lo, "Worse", "Same"))
    raw = np.where(_missing(v, n, b) | ~(n > 0), "None", raw)
    return apply_polarity(raw, polarity)


def compare_spc_dsr(
    value: ArrayLike,
    denominator: ArrayLike,
    benchmark: ArrayLike,
    polarity: str | int,
    tail_probability: float = 0.025,
    unit: float = 100_000.0,
) -> Labels:
    """Area rate against exact Poisson control limits for E = benchmark x denominator / unit."""
    v, n, b = as_float(value), as_float(denominator), as_float(benchmark)
    e = b * n / unit
    with np.errstate(invalid="ignore", divide="ignore"):
        lo = _st.chi2.ppf(tail_probability, 2 * e) / 2 / n * unit
        up = _st.chi2.ppf(1 - tail_probability, 2 * e + 2) / 2 / n * unit
    raw = np.where(v > up, "Better", np.where(v < lo, "Worse", "Same"))
    raw = np.where(_missing(v, n, b) | ~(n > 0), "None", raw)
    return apply_polarity(raw, polarity)
