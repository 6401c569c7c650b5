"""Proportions with Wilson score confidence intervals.

Method: Wilson E.B. (1927) "Probable inference, the law of succession, and statistical inference",
J. Am. Stat. Assoc. 22:209-212; as recommended for public-health proportions in APHO/PHE "Technical
Briefing 3: Commonly used public health statistics and their confidence intervals" (2008) and the
Fingertips Public Health Technical Guidance (OHID/PHE), confidence intervals for proportions. No
continuity correction::

    lower, upper = (2x + z^2 -/+ z*sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2))
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._common import FloatArray, as_float, scalar_or_array, z_value
from ._result import Estimate

__all__ = ["proportion", "wilson_interval"]


def _validate(x: FloatArray, n: FloatArray) -> None:
    with np.errstate(invalid="ignore"):
        if np.any(x < 0):
            raise ValueError("numerators must be greater than or equal to zero")
        if np.any(n <= 0):
            raise ValueError("denominators must be greater than zero")
        if np.any(x > n):
            raise ValueError("numerators must be less than or equal to denominator for a proportion statistic")


def wilson_interval(
    x: ArrayLike, n: ArrayLike, confidence: float = 0.95
) -> tuple[FloatArray | float, FloatArray | float]:
    """Wilson score limits (as proportions, 0..1) for ``x`` events out of ``n``.

    Vectorised over broadcastable ``x`` and ``n``; NaN inputs give NaN limits. ``x`` need not be an
    integer. Raises ValueError for x < 0, n <= 0 or x > n.
    """
    xa, na = as_float(x, "numerator"), as_float(n, "denominator")
    _validate(xa, na)
    z = z_value(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = 2 * xa + z * z
        half = z * np.sqrt(z * z + 4 * xa * (1 - xa / na))
        denom = 2 * (na + z * z)
        lower = (centre - half) / denom
        upper = (centre + half) / denom
    # x == 0 and x == n are exact by the formula up to rounding; pin them.
    lower = np.where(xa == 0, 0.0, lower)
    upper = np.where(xa == na, 1.0, upper)
    return scalar_or_array(lower), scalar_or_array(upper)


def proportion(x: ArrayLike, n: ArrayLike, confidence: float = 0.95, multiplier: float = 1.0) -> Estimate:
    """Proportion ``x / n * multiplier`` with a Wilson score interval scaled by ``multiplier``.

    ``multiplier`` 1 gives a proportion, 100 a percentage. Vectorised; missing inputs give NaN.
    """
    xa, na = as_float(x, "numerator"), as_float(n, "denominator")
    lower, upper = wilson_interval(xa, na, confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = xa / na * multiplier
    return Estimate(
        value=scalar_or_array(np.asarray(value)),
        lower=scalar_or_array(np.asarray(lower) * multiplier),
        upper=scalar_or_array(np.asarray(upper) * multiplier),
        confidence=float(confidence),
        method="Wilson",
    )
