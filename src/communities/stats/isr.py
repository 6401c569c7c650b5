"""Indirectly standardised ratios (SMR / ISR) and indirectly standardised rates.

Method: Breslow N.E., Day N.E. (1987) *Statistical Methods in Cancer Research Vol. II* ch. 2
(indirect standardisation); APHO Technical Briefing 3 (2008); Fingertips Public Health Technical
Guidance (OHID/PHE), indirectly standardised ratios. Expected E = sum(n_i R_i / P_i) over bands with a reference
rate and a local population; ratio = O / E with limits of O (exact Poisson if O < 10, Byar's
otherwise - see :mod:`.rates`) divided by E. The indirectly standardised *rate* multiplies the
ratio by the crude reference rate sum(R)/sum(P).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from ._common import FloatArray, as_float, scalar_or_array
from .rates import poisson_interval

__all__ = ["ISREstimate", "expected_counts", "isr"]


@dataclass(frozen=True, slots=True)
class ISREstimate:
    value: Any
    lower: Any
    upper: Any
    observed: Any
    expected: Any
    reference_rate: Any
    confidence: float
    method: Any


def expected_counts(populations: ArrayLike, ref_counts: ArrayLike, ref_populations: ArrayLike) -> FloatArray:
    """Expected events sum(n_i * R_i / P_i) over the last axis; missing bands contribute nothing."""
    n = as_float(populations, "population")
    r = as_float(ref_counts, "reference count")
    p = as_float(ref_populations, "reference population")
    with np.errstate(invalid="ignore"):
        if np.any(n < 0):
            raise ValueError("populations must all be greater than or equal to zero")
        if np.any(r < 0):
            raise ValueError("reference counts must all be greater than or equal to zero")
        if np.any(p <= 0):
            raise ValueError("reference populations must all be greater than zero")
    return np.nansum(n * r / p, axis=-1)


def isr(
    counts: ArrayLike | None,
    populations: ArrayLike,
    ref_counts: ArrayLike,
    ref_populations: ArrayLike,
    kind: Literal["ratio", "rate"] = "ratio",
    multiplier: float = 1.0,
    confidence: float = 0.95,
    observed: ArrayLike | None = None,
) -> ISREstimate:
    """Indirectly standardised ratio (``kind="ratio"``, x ``multiplier`` 1 or 100) or rate
    (``kind="rate"``, reference rate per ``multiplier`` e.g. 100,000).

    ``counts``/``populations``: shape ``(..., bands)``; reference arrays broadcast against them.
    ``observed`` (shape ``(...)``) overrides the summed counts (observed totals supplied separately).
    """
    if observed is not None:
        o = as_float(observed, "observed")
    elif counts is not None:
        c = as_float(counts, "count")
        with np.errstate(invalid="ignore"):
            if np.any(c < 0):
                raise ValueError("numerators must all be greater than or equal to zero")
        o = np.nansum(c, axis=-1)
    else:
        raise ValueError("counts or observed must be given")
    with np.errstate(invalid="ignore"):
        if np.any(o < 0):
            raise ValueError("observed counts must be greater than or equal to zero")
    e = expected_counts(populations, ref_counts, ref_populations)
    if np.any(e <= 0):
        raise ValueError("expected counts must be greater than zero")
    lo, up, labels = poisson_interval(o, confidence)
    if kind == "ratio":
        scale = multiplier / e
        ref_rate = np.full(np.shape(e), np.nan)
    elif kind == "rate":
        rc = as_float(ref_counts, "reference count")
        rp = as_float(ref_populations, "reference population")
        ref_rate = np.nansum(rc, axis=-1) / np.nansum(rp, axis=-1) * multiplier
        ref_rate = np.broadcast_to(ref_rate, np.shape(e)).astype(float)
        scale = ref_rate / e
    else:
        raise ValueError(f"kind must be 'ratio' or 'rate', got {kind!r}")
    return ISREstimate(
        value=scalar_or_array(o * scale),
        lower=scalar_or_array(lo * scale),
        upper=scalar_or_array(up * scale),
        observed=scalar_or_array(o),
        expected=scalar_or_array(e),
        reference_rate=scalar_or_array(ref_rate),
        confidence=float(confidence),
        method=labels.item() if labels.ndim == 0 else labels,
    )
