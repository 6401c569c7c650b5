"""Means with Student's t confidence intervals.

Method: Student (1908) "The probable error of a mean", Biometrika 6:1-25; APHO Technical Briefing 3
(2008) section on means. Sample SD with n - 1 denominator; ``mean +/- t(1-(1-C)/2, n-1) sd/sqrt(n)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as _st

from ._common import as_float, confidence_level, scalar_or_array

__all__ = ["MeanEstimate", "mean_from_summary", "mean_interval"]


@dataclass(frozen=True, slots=True)
class MeanEstimate:
    value: Any
    lower: Any
    upper: Any
    total: Any
    count: Any
    sd: Any
    confidence: float
    method: str = "Student's t-distribution"


def mean_from_summary(mean: ArrayLike, sd: ArrayLike, count: ArrayLike, confidence: float = 0.95) -> MeanEstimate:
    """t interval from a mean, sample SD and count (vectorised). Count < 2 gives NaN limits."""
    m, s, n = as_float(mean, "mean"), as_float(sd, "sd"), as_float(count, "count")
    with np.errstate(invalid="ignore"):
        if np.any(s < 0):
            raise ValueError("standard deviations must be greater than or equal to zero")
        if np.any(n < 1):
            raise ValueError("counts must be at least 1")
    c = confidence_level(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        df = np.where(n >= 2, n - 1, np.nan)
        half = _st.t.ppf(c + (1 - c) / 2, df) * s / np.sqrt(n)
    return MeanEstimate(
        value=scalar_or_array(m),
        lower=scalar_or_array(m - half),
        upper=scalar_or_array(m + half),
        total=scalar_or_array(m * n),
        count=scalar_or_array(n),
        sd=scalar_or_array(s),
        confidence=float(confidence),
    )


def mean_interval(values: ArrayLike, confidence: float = 0.95, axis: int = -1) -> MeanEstimate:
    """Mean of ``values`` along ``axis`` (NaN = missing, ignored) with a Student's t interval.

    A 2-D array (areas x observations, NaN-padded) gives one estimate per area.
    """
    v = as_float(values, "values")
    if v.ndim == 0:
        v = v.reshape(1)
    n = np.sum(~np.isnan(v), axis=axis).astype(float)
    if np.any(n < 1):
        raise ValueError("each group must contain at least one non-missing value")
    total = np.nansum(v, axis=axis)
    mean = total / n
    with np.errstate(invalid="ignore", divide="ignore"):
        dev = v - np.expand_dims(mean, axis)
        sd = np.sqrt(np.nansum(dev * dev, axis=axis) / (n - 1))
    res = mean_from_summary(mean, np.where(n >= 2, sd, 0.0), n, confidence)
    return MeanEstimate(
        value=res.value,
        lower=res.lower,
        upper=res.upper,
        total=scalar_or_array(total),
        count=res.count,
        sd=scalar_or_array(np.where(n >= 2, sd, np.nan)),
        confidence=res.confidence,
    )
