"""Minimum pay by age (National Living Wage and National Minimum Wage), dated data in ``data/pay_rates.yaml``.

The what-if page suggests the hourly pay a person would get at the legal minimum in the check's tax year.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

from .templatetags.money_tags import pounds

DATA_FILE = Path(__file__).resolve().parent / "data" / "pay_rates.yaml"
BANDS = ("aged_21_and_over", "aged_18_to_20", "under_18", "apprentice")


@dataclass(frozen=True)
class PayRates:
    starts: date
    aged_21_and_over: Decimal
    aged_18_to_20: Decimal
    under_18: Decimal
    apprentice: Decimal
    source: str

    def for_age(self, age: int | None) -> Decimal:
        if age is None or age >= 21:
            return self.aged_21_and_over
        return self.aged_18_to_20 if age >= 18 else self.under_18


@functools.cache
def all_rates(path: Path = DATA_FILE) -> tuple[PayRates, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = []
    for row in data.get("rates") or []:
        missing = [band for band in ("from", *BANDS) if row.get(band) is None]
        if missing or not isinstance(row["from"], date):
            raise ImproperlyConfigured(f"{path}: a row of pay rates has no {', '.join(missing) or 'valid from date'}")
        rows.append(PayRates(starts=row["from"], source=data["source"],
                             **{band: Decimal(str(row[band])).quantize(Decimal("0.01")) for band in BANDS}))
    if not rows:
        raise ImproperlyConfigured(f"{path} has no pay rates")
    return tuple(sorted(rows, key=lambda r: r.starts))


def rates_for(tax_year: int) -> PayRates:
    """The rates in force on the first day of the tax year (6 April); the earliest known before any data."""
    first_day = date(tax_year, 4, 6)
    known = all_rates()
    in_force = [r for r in known if r.starts <= first_day]
    return in_force[-1] if in_force else known[0]


def hint(tax_year: int) -> str:
    """Plain-English minimum pay for the tax year, for the what-if form."""
    r = rates_for(tax_year)
    return (f"From {r.starts.day} {r.starts:%B %Y} the National Living Wage (aged 21 and over) is "
            f"{pounds(r.aged_21_and_over)} an hour; the minimum for ages 18 to 20 is {pounds(r.aged_18_to_20)}, "
            f"and for under 18s and apprentices {pounds(r.under_18)}.")
