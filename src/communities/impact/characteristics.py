"""The groups an impact assessment considers and the three aims of the public sector equality duty, read from
``data/characteristics.yaml`` (each with its legal or policy source and date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "characteristics.yaml"


@dataclass(frozen=True)
class Aim:
    code: str
    label: str
    text: str
    source: str
    source_date: date


@dataclass(frozen=True)
class Characteristic:
    code: str
    label: str
    kind: str  # "protected" (Equality Act 2010 s4) or "additional" (poverty, carers, Armed Forces)
    aims: tuple[str, ...]
    source: str
    source_date: date
    needed: str


@cache
def _load() -> tuple[tuple[Aim, ...], tuple[Characteristic, ...]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    aims = tuple(Aim(**entry) for entry in data["aims"])
    known = {aim.code for aim in aims}
    groups = []
    for entry in data["characteristics"]:
        unknown = set(entry["aims"]) - known
        if unknown:
            raise ValueError(f"{DATA.name}: {entry['code']} names unknown aims {sorted(unknown)}")
        groups.append(Characteristic(**{**entry, "aims": tuple(entry["aims"])}))
    return aims, tuple(groups)


def aims() -> tuple[Aim, ...]:
    return _load()[0]


def characteristics() -> tuple[Characteristic, ...]:
    return _load()[1]


def by_code() -> dict[str, Characteristic]:
    return {c.code: c for c in characteristics()}


def choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in characteristics()]
