"""Result containers shared by the estimators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Estimate:
    """A point value with a two-sided confidence interval.

    ``value``, ``lower`` and ``upper`` are floats for scalar input and numpy arrays (same shape as the
    broadcast input) for array input. Missing results are NaN. ``method`` names the interval method
    (per element it may be an array of strings, e.g. ``"Exact"``/``"Byars"`` for crude rates).
    """

    value: Any
    lower: Any
    upper: Any
    confidence: float
    method: Any = ""
