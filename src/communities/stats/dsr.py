"""Directly standardised rates (DSR) with Dobson confidence limits.

Methods:

* Dobson A.J., Kuulasmaa K., Eberle E., Scherer J. (1991) "Confidence intervals for weighted sums of
  Poisson parameters", Statistics in Medicine 10:457-462 - limits of the weighted sum scaled from
  Byar's limits of the total count O::

      DSR = sum(x_i w_i / n_i) / sum(w_i);  var = sum(x_i (w_i/n_i)^2) / sum(w_i)^2
      limits = DSR + sqrt(var / O) (Byars(O) - O)

* Fingertips Public Health Technical Guidance (OHID/PHE), directly standardised rates, and APHO
  Technical Briefing 3 (2008): values suppressed when O < 10.
* Non-independent events (people with several events): variance combined over event frequencies,
  var = sum_k k^2 var_k (Fingertips Public Health Technical Guidance (OHID/PHE), DSRs for
  non-independent events; Dobson et al. 1991).
* Default standard population: European Standard Population 2013 (Eurostat 2013, see
  ``data/README.md``).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike

from ._common import FloatArray, as_float, scalar_or_array
from ._result import Estimate
from .rates import byars_lower, byars_upper

__all__ = ["ESP2013_BANDS", "dsr", "esp2013"]

MIN_COUNT = 10


@cache
def _load_esp2013() -> tuple[tuple[str, ...], tuple[float, ...]]:
    text = resources.files(__package__).joinpath("data/esp2013.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return tuple(r["ageband"] for r in rows), tuple(float(r["esp2013"]) for r in rows)


def esp2013() -> FloatArray:
    """European Standard Population 2013 weights, 19 bands 0-4 ... 90+ (sum 100,000)."""
    return np.array(_load_esp2013()[1])


ESP2013_BANDS: tuple[str, ...] = _load_esp2013()[0]


def dsr(
    counts: ArrayLike | None,
    populations: ArrayLike,
    standard: ArrayLike | None = None,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    frequencies: ArrayLike | None = None,
) -> Estimate:
    """Directly standardised rate over the last axis (age bands), Dobson limits.

    ``counts`` and ``populations`` have shape ``(..., bands)``; every leading index is one area /
    period, so a whole table is standardised in one call. Missing (NaN) counts are treated as 0.
    ``standard`` defaults to ESP 2013 (19 bands). For non-independent events pass ``frequencies`` of
    shape ``(..., bands, K)``: the number of people with 1..K events (``counts`` may then be None).
    Values and limits are NaN where the total count is below 10.

    Raises ValueError for negative counts, non-positive populations, negative standard populations or
    mismatched band counts.
    """
    pops = as_float(populations, "population")
    std = esp2013() if standard is None else as_float(standard, "standard population")
    if np.any(std < 0):
        raise ValueError("standard populations must all be greater than or equal to zero")
    if np.any(np.isnan(pops)) or np.any(pops <= 0):
        raise ValueError("populations must all be greater than zero")
    if pops.shape[-1] != std.shape[-1]:
        raise ValueError(
            f"number of age bands ({pops.shape[-1]}) does not match the standard population ({std.shape[-1]})"
        )
    wn = std / pops  # w_i / n_i
    wsum = np.sum(std, axis=-1)
    if frequencies is not None:
        f = np.nan_to_num(as_float(frequencies, "frequencies"))
        if np.any(f < 0):
            raise ValueError("frequencies must all be greater than or equal to zero")
        k = np.arange(1, f.shape[-1] + 1, dtype=float)
        x = np.sum(f * k, axis=-1)
        var = np.sum(np.sum(f * (wn**2)[..., None], axis=-2) * k**2, axis=-1) / wsum**2
        method = "Dobson, with confidence adjusted for non-independent events"
    else:
        if counts is None:
            raise ValueError("counts or frequencies must be given")
        x = np.nan_to_num(as_float(counts, "count"))
        if np.any(x < 0):
            raise ValueError("numerators must all be greater than or equal to zero")
        var = np.sum(x * wn**2, axis=-1) / wsum**2
        method = "Dobson"
    o = np.sum(x, axis=-1)
    rate = np.sum(x * wn, axis=-1) / wsum
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.sqrt(var / o)
        lower = rate + scale * (np.asarray(byars_lower(o, confidence)) - o)
        upper = rate + scale * (np.asarray(byars_upper(o, confidence)) - o)
    small = o < MIN_COUNT
    nan = np.nan
    return Estimate(
        value=scalar_or_array(np.where(small, nan, rate * multiplier)),
        lower=scalar_or_array(np.where(small, nan, lower * multiplier)),
        upper=scalar_or_array(np.where(small, nan, upper * multiplier)),
        confidence=float(confidence),
        method=method,
    )
