"""The retention schedule and lawful basis per record type: data (data/schedule.yaml), overridable per council.

``DATA_PROTECTION_SCHEDULE_FILE`` names a YAML file whose rows replace the defaults key by key, so a council that has
agreed its own schedule changes a period, a source or a lawful basis without touching code.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "schedule.yaml"

LAWFUL_BASES = {
    "consent": "UK GDPR Article 6(1)(a): consent",
    "contract": "UK GDPR Article 6(1)(b): contract",
    "legal_obligation": "UK GDPR Article 6(1)(c): legal obligation",
    "vital_interests": "UK GDPR Article 6(1)(d): vital interests",
    "public_task": "UK GDPR Article 6(1)(e): public task",
    "legitimate_interests": "UK GDPR Article 6(1)(f): legitimate interests",
}
# UK GDPR Article 17(3)(b): no right to erasure where processing is needed for a legal obligation or a public task.
ERASURE_REFUSED_BASES = frozenset({"legal_obligation", "public_task"})
ACTIONS = frozenset({"anonymise", "delete", "pseudonymise"})
REQUIRED = ("description", "lawful_basis", "lawful_basis_detail", "after", "then", "source", "source_date")


@dataclass(frozen=True)
class RecordType:
    key: str
    description: str
    lawful_basis: str
    lawful_basis_detail: str
    retain: dict | None
    after: str
    then: str
    source: str
    source_date: date

    @property
    def lawful_basis_label(self) -> str:
        return LAWFUL_BASES[self.lawful_basis]

    @property
    def erasure_allowed(self) -> bool:
        return self.lawful_basis not in ERASURE_REFUSED_BASES

    @property
    def erasure_refusal(self) -> str:
        """Why erasure is refused, in words to give the resident; empty when it is allowed."""
        if self.erasure_allowed:
            return ""
        return (f"Kept: the right to erasure does not apply (UK GDPR Article 17(3)(b)) because the lawful basis is "
                f"{self.lawful_basis_label}: {self.lawful_basis_detail}")

    @property
    def period(self) -> str:
        if not self.retain:
            return "No automatic end"
        unit, number = next(iter(self.retain.items()))
        return f"{number} {unit[:-1] if number == 1 else unit}"

    def cutoff(self, today: date) -> date | None:
        """Records whose retention started on or before this date have reached the end of their period."""
        if not self.retain:
            return None
        unit, number = next(iter(self.retain.items()))
        if unit == "days":
            return date.fromordinal(today.toordinal() - number)
        months = number * 12 if unit == "years" else number
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ImproperlyConfigured(f"The retention schedule {path} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise ImproperlyConfigured(f"The retention schedule {path} must map record types to rows")
    return data


def _record_type(key: str, row: dict, path: Path) -> RecordType:
    missing = [name for name in REQUIRED if not row.get(name)]
    if missing:
        raise ImproperlyConfigured(f"Record type {key!r} in {path} has no {', '.join(missing)}")
    if row["lawful_basis"] not in LAWFUL_BASES:
        raise ImproperlyConfigured(
            f"Record type {key!r} in {path}: lawful_basis {row['lawful_basis']!r} is not one of {sorted(LAWFUL_BASES)}"
        )
    if row["then"] not in ACTIONS:
        raise ImproperlyConfigured(f"Record type {key!r} in {path}: then must be one of {sorted(ACTIONS)}")
    retain = row.get("retain")
    if retain is not None and (
        not isinstance(retain, dict) or len(retain) != 1 or next(iter(retain)) not in ("years", "months", "days")
        or not isinstance(next(iter(retain.values())), int) or next(iter(retain.values())) < 0
    ):
        raise ImproperlyConfigured(
            f"Record type {key!r} in {path}: retain must be {{years: N}}, {{months: N}}, {{days: N}} or null"
        )
    source_date = row["source_date"]
    if not isinstance(source_date, date):
        raise ImproperlyConfigured(f"Record type {key!r} in {path}: source_date must be a date (YYYY-MM-DD)")
    return RecordType(
        key=key, description=row["description"], lawful_basis=row["lawful_basis"],
        lawful_basis_detail=row["lawful_basis_detail"], retain=retain, after=row["after"], then=row["then"],
        source=row["source"], source_date=source_date,
    )


@functools.cache
def _load(override: str) -> dict[str, RecordType]:
    rows = _read(DEFAULT_FILE)
    if override:
        path = Path(override)
        for key, changes in _read(path).items():
            if not isinstance(changes, dict):
                raise ImproperlyConfigured(f"Record type {key!r} in {path} must be a mapping of keys to values")
            rows[key] = {**rows.get(key, {}), **changes}
    return {key: _record_type(key, row, DEFAULT_FILE if not override else Path(override)) for key, row in rows.items()}


def record_types() -> dict[str, RecordType]:
    return _load(getattr(settings, "DATA_PROTECTION_SCHEDULE_FILE", "") or "")


def record_type(key: str) -> RecordType:
    try:
        return record_types()[key]
    except KeyError as exc:
        raise ImproperlyConfigured(f"Record type {key!r} is not in the retention schedule (schedule.yaml)") from exc


def clear_cache() -> None:
    """Forget the loaded schedule (tests that change DATA_PROTECTION_SCHEDULE_FILE, or a changed file)."""
    _load.cache_clear()
