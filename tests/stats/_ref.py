"""Helpers for reading the reference tables in tests/fixtures."""

from __future__ import annotations

import csv
import math
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REL_TOL = 1e-6


def rows(table: str) -> list[dict[str, str]]:
    """Rows of ``tests/fixtures/<table>`` (e.g. ``"phe/rate.csv"``) as dicts of strings."""
    with (FIXTURES / table).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def num(s: str | None) -> float:
    """Parse a reference cell; empty = missing = NaN."""
    if s is None or s.strip() == "" or s.strip().upper() == "NA":
        return math.nan
    return float(s)


def close(actual: float, expected: float, rel: float = REL_TOL, abs_tol: float = 0.0) -> bool:
    """True if both are missing, or they agree to ``rel`` relative error."""
    a, e = float(actual), float(expected)
    if math.isnan(e):
        return math.isnan(a)
    return math.isclose(a, e, rel_tol=rel, abs_tol=abs_tol)


def assert_close(actual: float, expected: float, rel: float = REL_TOL, what: str = "") -> None:
    assert close(actual, expected, rel), f"{what}: got {actual!r}, expected {expected!r} (rel tol {rel})"
