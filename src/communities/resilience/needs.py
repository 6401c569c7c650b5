"""The needs codes of the emergency register (data/needs.yaml, each with its Priority Services Register codes and the
source), and the call order they give. Helper rooms (weather-health alerts) map their cohorts to these codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

NEEDS_FILE = Path(__file__).resolve().parent / "data" / "needs.yaml"
STATE_PENSION_AGE = 66  # gov.uk "Check your State Pension age": 66 for everyone since 6 October 2020
LOWEST_TIER = 4  # an entry with no needs recorded is called after every tier in the file


@dataclass(frozen=True)
class Need:
    code: str
    label: str
    tier: int
    psr: tuple[str, ...]
    hint: str = ""


@lru_cache(maxsize=1)
def _load() -> dict:
    return yaml.safe_load(NEEDS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def needs() -> dict[str, Need]:
    """Every need by code, in the file's order."""
    return {
        code: Need(code=code, label=row["label"], tier=int(row["tier"]), psr=tuple(row.get("psr") or ()),
                   hint=row.get("hint", ""))
        for code, row in _load()["needs"].items()
    }


def codes() -> list[str]:
    return list(needs())


def choices() -> list[tuple[str, str]]:
    return [(need.code, need.label) for need in needs().values()]


def source() -> str:
    return _load()["source"]


def tier_source() -> str:
    return _load()["tier_source"]


def unknown(codes_given) -> list[str]:
    """The codes in ``codes_given`` that are not register needs (to name them in an error)."""
    known = needs()
    return [code for code in codes_given if code not in known]


def tier(codes_given) -> int:
    """The most urgent tier among the needs (1 first); LOWEST_TIER when none is recorded."""
    known = needs()
    return min((known[code].tier for code in codes_given if code in known), default=LOWEST_TIER)


def labels(codes_given) -> list[str]:
    known = needs()
    return [known[code].label for code in codes_given if code in known]
