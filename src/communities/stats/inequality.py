"""Slope index of inequality (SII) and relative index of inequality (RII) with simulated limits.

Published sources: Low A., Low A. (2004) "Measuring the gap: quantifying and comparing local health
inequalities", J. Public Health 26:388-395 (SII by weighted regression on the cumulative-population
mid-points, simulated confidence limits); Mackenbach J.P., Kunst A.E. (1997) Soc. Sci. Med.
44:757-771 (SII/RII); the Fingertips Public Health Technical Guidance (OHID/PHE), slope index of
inequality (log / logit transformation for rates / proportions).

With population shares a_j and mid-points x_j (cumulative share before j + a_j / 2) the weighted
least-squares line y = b0 + b1 x gives SII = b1 x multiplier and RII = (b0 + b1) / b0. With
``transform=True`` the regression is on log(y) (rates) or logit(y) (proportions) and
SII = (g(b0 + b1) - g(b0)) x multiplier, RII = g(b0 + b1) / g(b0), g the inverse transform. A
negative multiplier flips the SII and inverts the RII. Limits: each quantile value is redrawn
``repetitions`` times from Normal(value, SE) (on the log/logit scale for rates/proportions). Without a
transformation the limits are order statistics of the simulated SII/RII. With one they are computed the
way PHEindicatormethods (>= 2.0, ``phe_sii``, R/SII_function.R; read December 2026) does: the order
statistics of the simulated *slope* on the log/logit scale, s, are placed on a line through the fitted
value at x = 1/2, m = b0 + b1 / 2, and back-transformed: SII limit = (g(m + s/2) - g(m - s/2)) x
multiplier, RII limit = g(m + s/2) / g(m - s/2) (with a negative multiplier the upper slope gives the
lower limit and the RII is inverted). Recomputing the SII per draw instead gives intervals 1-7 %
narrower than the reference (issue #19). Vectorised over areas and draws; seedable.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._common import FloatArray, as_float, confidence_level

__all__ = ["SIIResult", "sii"]

VALUE_PLAIN, VALUE_RATE, VALUE_PROPORTION = 0, 1, 2
Z95 = 1.959963984540054


@dataclass(frozen=True, slots=True)
class SIIResult:
    """Point values of shape ``(...)``; limits of shape ``(levels, ...)`` in ``confidence`` order."""

    sii: Any
    rii: Any
    intercept: Any
    sii_lower: Any
    sii_upper: Any
    rii_lower: Any
    rii_upper: Any
    confidence: tuple[float, ...]
    repetitions: int


def _fwd(y: FloatArray, value_type: int) -> FloatArray:
    if value_type == VALUE_RATE:
        return np.log(y)
    if value_type == VALUE_PROPORTION:
        return np.log(y / (1 - y))
    return y


def _inv(y: FloatArray, value_type: int) -> FloatArray:
    if value_type == VALUE_RATE:
        return np.exp(y)
    if value_type == VALUE_PROPORTION:
        return 1 / (1 + np.exp(-y))
    return y


def _fit(y: FloatArray, coef_slope: FloatArray, a: FloatArray, xbar: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Weighted LS slope and intercept over the last axis (y may carry extra leading draw axes)."""
    slope = np.einsum("...k,...k->...", y, coef_slope)  # einsum avoids a (draws x k) temporary
    intercept = np.einsum("...k,...k->...", y, a) - slope * xbar
    return slope, intercept


def _indices(
    y: FloatArray,
    value_type: int,
    transform: bool,
    multiplier: float,
    slope_coef: FloatArray,
    a: FloatArray,
    xbar: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(SII, RII, intercept) for values ``y`` on the analysis scale if ``transform`` else natural."""
    b1, b0 = _fit(y, slope_coef, a, xbar)
    if transform:
        top, base = _inv(b0 + b1, value_type), _inv(b0, value_type)
        s, r, icpt = (top - base) * multiplier, top / base, base
    else:
        s, r, icpt = b1 * multiplier, (b0 + b1) / b0, b0
    if multiplier < 0:
        r = 1 / r
    return s, r, icpt


def sii(
    values: ArrayLike,
    populations: ArrayLike,
    se: ArrayLike | None = None,
    lower: ArrayLike | None = None,
    upper: ArrayLike | None = None,
    value_type: int = VALUE_PLAIN,
    transform: bool = False,
    multiplier: float = 1.0,
    confidence: float | Sequence[float] = 0.95,
    repetitions: int = 100_000,
    rng: np.random.Generator | int | None = None,
) -> SIIResult:
    """SII and RII over the last axis (quantiles ordered most to least deprived).

    ``values``/``populations`` (and ``se`` or 95% ``lower``/``upper``) have shape ``(..., k)``.
    ``value_type``: 0 plain (e.g. life expectancy), 1 rate, 2 proportion (0..1 scale). SE, when not
    given (or when ``transform`` is True), is (upper - lower) / (2 x 1.959964) on the analysis scale.
    ``rng``: a numpy Generator or seed for the simulation. Groups with missing values or populations
    give NaN (with a warning); more than 10 quantiles gives a warning.

    Raises ValueError for negative populations or SEs, proportions or limits outside 0..1, rates or
    limits <= 0 on the log scale, and missing SE together with missing limits.
    """
    y = as_float(values, "values")
    pop = as_float(populations, "populations")
    if value_type not in (VALUE_PLAIN, VALUE_RATE, VALUE_PROPORTION):
        raise ValueError("value_type must be 0 (plain), 1 (rate) or 2 (proportion)")
    if y.shape != pop.shape:
        raise ValueError("values and populations must have the same shape")
    levels = tuple(confidence_level(c) for c in (confidence if isinstance(confidence, Sequence) else [confidence]))
    with np.errstate(invalid="ignore"):
        if np.any(pop < 0):
            raise ValueError("some groups contain a negative population")
    lo = as_float(lower, "lower") if lower is not None else np.full(y.shape, np.nan)
    up = as_float(upper, "upper") if upper is not None else np.full(y.shape, np.nan)
    s = as_float(se, "se") if (se is not None and not transform) else np.full(y.shape, np.nan)
    with np.errstate(invalid="ignore"):
        if np.any(s < 0):
            raise ValueError("some groups contain a negative standard error")
        if value_type == VALUE_PROPORTION and (
            np.any((y <= 0) | (y >= 1)) or np.any((lo < 0) | (lo > 1)) or np.any((up < 0) | (up > 1))
        ):
            raise ValueError("proportions must be strictly between 0 and 1 and their confidence limits between 0 and 1")
        if value_type == VALUE_RATE and (np.any(y <= 0) or np.any(lo <= 0) or np.any(up <= 0)):
            raise ValueError("rates and their confidence limits must be greater than zero for a log transform")
    if y.shape[-1] > 10:
        warnings.warn("more than 10 quantiles: SII results may be unreliable", UserWarning, stacklevel=2)
    missing_group = np.any(np.isnan(y) | np.isnan(pop), axis=-1)
    if np.any(missing_group):
        warnings.warn("some groups have missing values or populations; their SII is NaN", UserWarning, stacklevel=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        derived = (_fwd(up, value_type) - _fwd(lo, value_type)) / (2 * Z95)
    s = np.where(np.isnan(s), derived, s)
    if np.any(np.isnan(s) & ~missing_group[..., None]):
        raise ValueError("standard errors or confidence limits are needed for every quantile")

    pop = np.where(missing_group[..., None], 1.0, pop)
    a = pop / np.sum(pop, axis=-1, keepdims=True)
    x = np.cumsum(a, axis=-1) - a / 2
    xbar = np.sum(a * x, axis=-1)
    xc = x - xbar[..., None]
    slope_coef = a * xc / np.sum(a * xc * xc, axis=-1, keepdims=True)

    with np.errstate(invalid="ignore", divide="ignore"):
        y_fit = _fwd(y, value_type) if transform else y
        sii_v, rii_v, icpt = _indices(y_fit, value_type, transform, multiplier, slope_coef, a, xbar)
        gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        reps = int(repetitions)
        if reps < 10:
            raise ValueError("repetitions must be at least 10")
        centre = _fwd(y, value_type)
        draws = gen.standard_normal((reps, *y.shape))  # in-place ops: no extra (draws x k) copies
        draws *= s
        draws += centre  # on the analysis scale
        if not transform:
            if value_type == VALUE_RATE:
                np.exp(draws, out=draws)
            elif value_type == VALUE_PROPORTION:
                np.negative(draws, out=draws)
                np.exp(draws, out=draws)
                draws += 1
                np.reciprocal(draws, out=draws)
        lo_idx = [max(int(np.round(reps * (1 - c) / 2)) - 1, 0) for c in levels]
        hi_idx = [min(int(np.round(reps * (c + (1 - c) / 2))) - 1, reps - 1) for c in levels]
        kth = sorted(set(lo_idx + hi_idx))
        if transform:
            slopes, _ = _fit(draws, slope_coef, a, xbar)
            slopes = np.partition(slopes, kth, axis=0)  # only the needed order statistics, not a full sort
            b1, b0 = _fit(y_fit, slope_coef, a, xbar)
            limits = _back_transformed_limits(slopes, b0 + b1 / 2, lo_idx, hi_idx, value_type, multiplier)
        else:
            sims, simr, _ = _indices(draws, value_type, transform, multiplier, slope_coef, a, xbar)
            sims = np.partition(sims, kth, axis=0)
            simr = np.partition(simr, kth, axis=0)
            limits = (
                [sims[i] for i in lo_idx], [sims[i] for i in hi_idx],
                [simr[i] for i in lo_idx], [simr[i] for i in hi_idx],
            )

    def nanmask(arr: FloatArray) -> FloatArray:
        return np.where(missing_group, np.nan, arr)

    return SIIResult(
        sii=_out(nanmask(sii_v)),
        rii=_out(nanmask(rii_v)),
        intercept=_out(nanmask(icpt)),
        sii_lower=np.stack([nanmask(v) for v in limits[0]]),
        sii_upper=np.stack([nanmask(v) for v in limits[1]]),
        rii_lower=np.stack([nanmask(v) for v in limits[2]]),
        rii_upper=np.stack([nanmask(v) for v in limits[3]]),
        confidence=levels,
        repetitions=reps,
    )


def _back_transformed_limits(
    slopes: FloatArray,
    midpoint: FloatArray,
    lo_idx: list[int],
    hi_idx: list[int],
    value_type: int,
    multiplier: float,
) -> tuple[list[FloatArray], ...]:
    """(SII lower, SII upper, RII lower, RII upper) per level from ordered slopes on the log/logit scale.

    Each slope quantile s is a line through the fitted value at x = 1/2 (``midpoint``); its ends are
    back-transformed: SII = (g(m + s/2) - g(m - s/2)) x multiplier, RII = g(m + s/2) / g(m - s/2).
    g is increasing, so both grow with s; a negative multiplier swaps the ends and inverts the RII.
    """

    def at(s: FloatArray) -> tuple[FloatArray, FloatArray]:
        top, base = _inv(midpoint + s / 2, value_type), _inv(midpoint - s / 2, value_type)
        return (top - base) * multiplier, top / base

    low, high = [at(slopes[i]) for i in lo_idx], [at(slopes[i]) for i in hi_idx]
    if multiplier < 0:
        return [h[0] for h in high], [lo[0] for lo in low], [1 / h[1] for h in high], [1 / lo[1] for lo in low]
    return [lo[0] for lo in low], [h[0] for h in high], [lo[1] for lo in low], [h[1] for h in high]


def _out(x: FloatArray) -> Any:
    return float(x) if np.ndim(x) == 0 else x
