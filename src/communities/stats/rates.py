"""Counts and crude rates: Byar's approximation and exact Poisson confidence limits.

Methods:

* Byar's approximation to the exact Poisson limits - Breslow N.E., Day N.E. (1987) *Statistical
  Methods in Cancer Research, Vol. II*, IARC Sci. Publ. 82, p. 69::

      lower = O (1 - 1/(9O) - z/(3 sqrt(O)))^3
      upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3

* Exact Poisson limits via the chi-square relationship - Ulm K. (1990) "A simple method to calculate
  the confidence interval of a standardized mortality ratio", Am. J. Epidemiol. 131:373-375::

      lower = chi2_quantile((1-C)/2, 2O) / 2,  upper = chi2_quantile(C + (1-C)/2, 2O + 2) / 2

* Switch rule (APHO Technical Briefing 3, 2008; OHID Fingertips methods): exact for O < 10,
  Byar's for O >= 10. Crude rate = O / n x multiplier.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats as _st

from ._common import FloatArray, as_float, confidence_level, scalar_or_array, z_value
from ._result import Estimate

__all__ = [
    "byars_lower",
    "byars_upper",
    "crude_rate",
    "exact_poisson_lower",
    "exact_poisson_upper",
    "poisson_interval",
]

EXACT_THRESHOLD = 10
Method = Literal["auto", "byars", "exact"]


def _counts(o: ArrayLike) -> FloatArray:
    oa = as_float(o, "count")
    with np.errstate(invalid="ignore"):
        if np.any(oa < 0):
            raise ValueError("numerators must be greater than or equal to zero")
    return oa


def byars_lower(o: ArrayLike, confidence: float = 0.95) -> FloatArray | float:
    """Byar's lower limit for an observed count; NaN where the formula goes negative (or O = 0)."""
    oa = _counts(o)
    z = z_value(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        lo = oa * (1 - 1 / (9 * oa) - z / (3 * np.sqrt(oa))) ** 3
    lo = np.where(oa == 0, 0.0, lo)
    lo = np.where(lo < 0, np.nan, lo)
    return scalar_or_array(lo)


def byars_upper(o: ArrayLike, confidence: float = 0.95) -> FloatArray | float:
    """Byar's upper limit for an observed count."""
    oa = _counts(o)
    z = z_value(confidence)
    o1 = oa + 1
    with np.errstate(invalid="ignore"):
        up = o1 * (1 - 1 / (9 * o1) + z / (3 * np.sqrt(o1))) ** 3
    return scalar_or_array(up)


def exact_poisson_lower(o: ArrayLike, confidence: float = 0.95) -> FloatArray | float:
    """Exact Poisson lower limit, chi2((1-C)/2, 2O)/2 (0 when O = 0)."""
    oa = _counts(o)
    c = confidence_level(confidence)
    with np.errstate(invalid="ignore"):
        lo = _st.chi2.ppf((1 - c) / 2, 2 * oa) / 2
    lo = np.where(oa == 0, 0.0, lo)
    return scalar_or_array(lo)


def exact_poisson_upper(o: ArrayLike, confidence: float = 0.95) -> FloatArray | float:
    """Exact Poisson upper limit, chi2(C + (1-C)/2, 2O + 2)/2."""
    oa = _counts(o)
    c = confidence_level(confidence)
    with np.errstate(invalid="ignore"):
        up = _st.chi2.ppf(c + (1 - c) / 2, 2 * oa + 2) / 2
    return scalar_or_array(up)


def poisson_interval(
    o: ArrayLike, confidence: float = 0.95, method: Method = "auto"
) -> tuple[FloatArray, FloatArray, NDArray[np.str_]]:
    """Limits for a Poisson count. ``method``: ``"auto"`` (exact for O < 10, Byar's otherwise),
    ``"byars"`` or ``"exact"``. Returns ``(lower, upper, method_labels)`` as arrays."""
    oa = _counts(o)
    if method == "byars":
        use_exact = np.zeros(oa.shape, dtype=bool)
    elif method == "exact":
        use_exact = np.ones(oa.shape, dtype=bool)
    elif method == "auto":
        use_exact = oa < EXACT_THRESHOLD
    else:
        raise ValueError(f"method must be 'auto', 'byars' or 'exact', got {method!r}")
    lo = np.asarray(byars_lower(oa, confidence), dtype=float).copy()
    up = np.asarray(byars_upper(oa, confidence), dtype=float).copy()
    if np.any(use_exact):  # exact limits only where they are used (chi-square quantiles are costly)
        lo[use_exact] = exact_poisson_lower(oa[use_exact], confidence)
        up[use_exact] = exact_poisson_upper(oa[use_exact], confidence)
    labels = np.where(np.isnan(oa), "", np.where(use_exact, "Exact", "Byars"))
    return lo, up, labels


def crude_rate(
    x: ArrayLike,
    n: ArrayLike,
    confidence: float = 0.95,
    multiplier: float = 100_000,
    method: Method = "auto",
) -> Estimate:
    """Crude rate ``x / n * multiplier`` with exact (x < 10) or Byar's (x >= 10) limits.

    A numerator larger than the denominator is allowed. Raises ValueError for negative numerators or
    non-positive denominators; NaN inputs give NaN outputs.
    """
    xa = _counts(x)
    na = as_float(n, "denominator")
    with np.errstate(invalid="ignore"):
        if np.any(na <= 0):
            raise ValueError("denominators must be greater than zero")
    lo, up, labels = poisson_interval(xa, confidence, method)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = xa / na * multiplier
        lower = lo / na * multiplier
        upper = up / na * multiplier
    return Estimate(
        value=scalar_or_array(np.asarray(value)),
        lower=scalar_or_array(np.asarray(lower)),
        upper=scalar_or_array(np.asarray(upper)),
        confidence=float(confidence),
        method=labels.item() if labels.ndim == 0 else labels,
    )
