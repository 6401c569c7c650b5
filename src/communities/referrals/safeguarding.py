"""The council's safeguarding contacts (data with sources: data/safeguarding.yaml, or REFERRALS_SAFEGUARDING_FILE)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "safeguarding.yaml"
REQUIRED = ("key", "title", "team", "phone", "source", "source_date")


@dataclass(frozen=True)
class Contact:
    key: str
    title: str
    team: str
    phone: str
    source: str
    source_date: str
    hours: str = ""
    out_of_hours: str = ""
    more: str = ""


@dataclass(frozen=True)
class Safeguarding:
    emergency: str
    contacts: tuple[Contact, ...]


def load(path: Path) -> Safeguarding:
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise ImproperlyConfigured(f"Safeguarding contacts file {path} cannot be read: {exc}") from exc
    contacts = []
    for number, row in enumerate(data.get("contacts") or [], start=1):
        missing = [key for key in REQUIRED if not row.get(key)]
        if missing:
            raise ImproperlyConfigured(f"{path}: contact {number} has no {', '.join(missing)}")
        contacts.append(Contact(**{**row, "source_date": str(row["source_date"])}))
    if not contacts:
        raise ImproperlyConfigured(f"{path}: give at least one safeguarding contact")
    return Safeguarding(emergency=str(data.get("emergency", "")), contacts=tuple(contacts))


@functools.cache
def _cached(path: str) -> Safeguarding:
    return load(Path(path))


def safeguarding_contacts() -> Safeguarding:
    return _cached(settings.REFERRALS_SAFEGUARDING_FILE or str(DEFAULT_FILE))
