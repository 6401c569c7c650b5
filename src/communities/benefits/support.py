"""Household Support Fund / food support pointers: needs categories for the directory (no Django)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .datafiles import load

SIGNALS = frozenset(
    {
        "unclaimed_benefits",
        "low_income",
        "fuel_poverty_risk",
        "free_school_meals",
        "healthy_start",
        "carer",
    }
)


@dataclass(frozen=True)
class Pointer:
    key: str
    label: str
    because: str


def pointers(signals: Iterable[str]) -> list[Pointer]:
    """Categories whose trigger is among ``signals`` (see ``SIGNALS``), in the data file's order."""
    given = set(signals)
    unknown = given - SIGNALS
    if unknown:
        raise ValueError(f"signals: unknown signal(s) {', '.join(sorted(unknown))}")
    return [
        Pointer(c["key"], c["label"], c["when"]) for c in load("support_pointers")["categories"] if c["when"] in given
    ]
