"""Who an amber or red alert opens an incident for: the cohorts in ``data/cohorts.yaml``, each mapped to the
emergency register's needs codes (and an age), with its source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

COHORTS_FILE = Path(__file__).resolve().parent / "data" / "cohorts.yaml"


class CohortDataError(Exception):
    """The cohorts file is wrong; the message names the hazard, cohort and field."""


@dataclass(frozen=True)
class Cohort:
    hazard: str
    code: str
    label: str
    register_needs: tuple[str, ...]
    min_age: int | None
    source: str

    @property
    def on_register(self) -> bool:
        return bool(self.register_needs or self.min_age)


def _known_needs() -> set[str] | None:
    try:
        from communities.resilience import needs
    except ImportError:
        return None
    return set(needs.codes())


@lru_cache(maxsize=4)
def load(path: Path = COHORTS_FILE) -> dict[str, tuple[Cohort, ...]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    known = _known_needs()
    result = {}
    for hazard in ("heat", "cold"):
        rows = data.get(hazard)
        if not isinstance(rows, list) or not rows:
            raise CohortDataError(f"{path.name}: {hazard} needs a list of cohorts")
        result[hazard] = tuple(_cohort(path.name, hazard, index, row, known) for index, row in enumerate(rows, 1))
    return result


def _cohort(name: str, hazard: str, index: int, row: dict, known: set[str] | None) -> Cohort:
    where = f"{name}: {hazard} cohort {index}"
    for key in ("code", "label", "source"):
        if not str(row.get(key) or "").strip():
            raise CohortDataError(f"{where}: {key} is required")
    codes = tuple(row.get("register_needs") or ())
    unknown = [code for code in codes if known is not None and code not in known]
    if unknown:
        raise CohortDataError(f"{where} ({row['code']}): register_needs {', '.join(unknown)} are not register needs")
    min_age = row.get("min_age")
    if min_age is not None and (not isinstance(min_age, int) or not 0 < min_age < 120):
        raise CohortDataError(f"{where} ({row['code']}): min_age must be a whole number of years, not {min_age!r}")
    return Cohort(hazard, row["code"], row["label"], codes, min_age, row["source"])


def for_hazard(hazard: str) -> tuple[Cohort, ...]:
    return load()[hazard]


def register_needs(hazard: str) -> list[str]:
    """Every register need code the hazard's cohorts name, once each, in the file's order."""
    seen: dict[str, None] = {}
    for cohort in for_hazard(hazard):
        seen.update(dict.fromkeys(cohort.register_needs))
    return list(seen)


def min_age(hazard: str) -> int | None:
    ages = [cohort.min_age for cohort in for_hazard(hazard) if cohort.min_age]
    return min(ages) if ages else None
