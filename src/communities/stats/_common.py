"""Shared helpers for :mod:`communities.stats` (input coercion, validation, z values)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats as _st

FloatArray = NDArray[np.float64]


def as_float(x: ArrayLike | None, name: str = "value") -> FloatArray:
    """Coerce ``x`` to a float64 ndarray (``None`` -> NaN); raises ValueError for non-numeric input."""
    if x is None:
        return np.asarray(np.nan, dtype=float)
    try:
        return np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:  # pragma: no cover - message path
        raise ValueError(f"{name} must be numeric") from exc


def confidence_level(confidence: float) -> float:
    """Normalise a confidence level given as 0.95 or 95 to a fraction in (0, 1).

    Raises ValueError outside 0.9-1 (90%-100%), as PHEindicatormethods does.
    """
    c = float(confidence)
    if c >= 1.0:
        c = c / 100.0
    if not (0.9 <= c < 1.0):
        raise ValueError(f"confidence level must be between 90 and 100 (or 0.9 and 1), got {confidence!r}")
    return c


def z_value(confidence: float) -> float:
    """Two-sided standard-normal critical value: Phi^-1(C + (1 - C) / 2). 95% -> 1.959964."""
    c = confidence_level(confidence)
    return float(_st.norm.ppf(c + (1.0 - c) / 2.0))


def scalar_or_array(x: FloatArray) -> Any:
    """Return a Python float for 0-d arrays, else the array itself."""
    return float(x) if np.ndim(x) == 0 else x
