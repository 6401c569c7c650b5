"""Outcome measures as data: each instrument is a YAML file in ``data/instruments/`` (or in the directory named by
``SUPPORT_INSTRUMENTS_DIR``) with its source and date, its items, each item's answers (a 0-10 style scale or a list
of options) and, where the publisher gives them, bands ("thresholds") for reporting.

Shipped: ONS4 personal well-being and the ONS direct question on loneliness (both Open Government Licence). No
licensed instrument (SWEMWBS, the Outcomes Star family) is shipped: a council holding a licence adds the file. An
instrument that is added up (UCLA 3-item loneliness) says ``scoring: sum``; ONS4 says ``scoring: separate`` and is
never added up anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DATA_DIR = Path(__file__).resolve().parent / "data" / "instruments"
SCORINGS = ("separate", "sum")


@dataclass(frozen=True)
class Band:
    band: str
    min: int
    max: int


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    text: str
    hint: str
    minimum: int
    maximum: int
    options: tuple[tuple[int, str], ...]  # (value, label); empty for a numeric scale
    higher_is_better: bool
    thresholds: tuple[Band, ...]

    def check(self, value) -> str:
        """"" if ``value`` is an allowed answer, else a plain-English error naming the question."""
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{self.label}: enter a whole number from {self.minimum} to {self.maximum}"
        if self.options and value not in {v for v, _ in self.options}:
            return f"{self.label}: choose one of the answers"
        if not self.minimum <= value <= self.maximum:
            return f"{self.label}: the score must be from {self.minimum} to {self.maximum}, not {value}"
        return ""

    def band(self, value: int | None) -> str:
        if value is None:
            return ""
        return next((b.band for b in self.thresholds if b.min <= value <= b.max), "")

    def answer_label(self, value: int | None) -> str:
        if value is None:
            return "Not answered"
        if self.options:
            return dict(self.options).get(value, str(value))
        return f"{value} out of {self.maximum}"


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    short_name: str
    version: str
    scoring: str
    licence: str
    source: str
    source_date: date
    introduction: str
    thresholds_source: str
    items: tuple[Item, ...]

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def total(self, answers: dict[str, int]) -> int | None:
        """The sum of the answers for an instrument scored by adding up; None for ONS4 and other separate scores."""
        if self.scoring != "sum" or any(answers.get(i.code) is None for i in self.items):
            return None
        return sum(answers[i.code] for i in self.items)


def _item(raw: dict, where: str) -> Item:
    for key in ("code", "label", "text"):
        if not raw.get(key):
            raise ImproperlyConfigured(f"{where}: an item has no {key}")
    options = tuple((int(o["value"]), str(o["label"])) for o in raw.get("options") or ())
    if options:
        low, high = min(v for v, _ in options), max(v for v, _ in options)
    elif raw.get("scale"):
        low, high = int(raw["scale"]["min"]), int(raw["scale"]["max"])
    else:
        raise ImproperlyConfigured(f"{where}, item {raw['code']}: give a scale (min, max) or options")
    bands = tuple(Band(str(b["band"]), int(b["min"]), int(b["max"])) for b in raw.get("thresholds") or ())
    for value in range(low, high + 1) if bands else ():
        if sum(b.min <= value <= b.max for b in bands) != 1:
            raise ImproperlyConfigured(f"{where}, item {raw['code']}: thresholds must place {value} in one band")
    return Item(code=str(raw["code"]), label=str(raw["label"]), text=" ".join(str(raw["text"]).split()),
                hint=str(raw.get("hint") or ""), minimum=low, maximum=high, options=options,
                higher_is_better=bool(raw.get("higher_is_better", True)), thresholds=bands)


def parse(raw: dict, where: str) -> Instrument:
    for key in ("code", "name", "source", "source_date", "items"):
        if not raw.get(key):
            raise ImproperlyConfigured(f"{where}: {key} is missing (every instrument needs a source and its date)")
    if raw.get("scoring", "separate") not in SCORINGS:
        raise ImproperlyConfigured(f"{where}: scoring must be one of {', '.join(SCORINGS)}")
    if not isinstance(raw["source_date"], date):
        raise ImproperlyConfigured(f"{where}: source_date must be a date (YYYY-MM-DD)")
    if raw.get("thresholds_source") is None and any(i.get("thresholds") for i in raw["items"]):
        raise ImproperlyConfigured(f"{where}: thresholds need a thresholds_source")
    items = tuple(_item(i, where) for i in raw["items"])
    if len({i.code for i in items}) != len(items):
        raise ImproperlyConfigured(f"{where}: item codes must be different")
    return Instrument(
        code=str(raw["code"]), name=str(raw["name"]), short_name=str(raw.get("short_name") or raw["name"]),
        version=str(raw.get("version") or ""), scoring=raw.get("scoring", "separate"),
        licence=str(raw.get("licence") or ""), source=" ".join(str(raw["source"]).split()),
        source_date=raw["source_date"], introduction=" ".join(str(raw.get("introduction") or "").split()),
        thresholds_source=" ".join(str(raw.get("thresholds_source") or "").split()), items=items,
    )


def _directories() -> list[Path]:
    extra = getattr(settings, "SUPPORT_INSTRUMENTS_DIR", "")
    return [DATA_DIR, *([Path(extra)] if extra else [])]


@lru_cache(maxsize=1)
def _load(directories: tuple[Path, ...]) -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    for directory in directories:
        for path in sorted(directory.glob("*.yaml")):
            instrument = parse(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, path.name)
            found[instrument.code] = instrument  # a council's file replaces a shipped one of the same code
    return found


def instruments() -> dict[str, Instrument]:
    return _load(tuple(_directories()))


def instrument(code: str) -> Instrument:
    try:
        return instruments()[code]
    except KeyError as exc:
        raise KeyError(f"No outcome measure called {code!r}") from exc
