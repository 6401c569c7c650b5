"""Impact of volunteering: approved hours and volunteers by the volunteers' home ward and IMD decile, and the value
of volunteer time at a configurable hourly value with its source. Aggregates only; no one is named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.db.models import Count, Sum

from .models import CommunityEvent, HoursLog

VALUES_FILE = Path(__file__).resolve().parent / "data" / "hourly_values.yaml"


@dataclass(frozen=True)
class HourlyValue:
    value: Decimal
    source: str
    source_date: str
    applies_from: str


@cache
def _shipped_values() -> list[dict]:
    rows = yaml.safe_load(VALUES_FILE.read_text(encoding="utf-8"))
    return sorted(rows, key=lambda row: str(row["from"]))


def hourly_value(on: date) -> HourlyValue:
    """The council's own figure (setting VOLUNTEERING_HOURLY_VALUE: value, source, source_date) or the shipped
    National Living Wage row in force on ``on``."""
    own = getattr(settings, "VOLUNTEERING_HOURLY_VALUE", None)
    if own:
        return HourlyValue(Decimal(str(own["value"])), own["source"], str(own["source_date"]),
                           str(own.get("from", "")))
    rows = [row for row in _shipped_values() if str(row["from"]) <= on.isoformat()] or _shipped_values()[:1]
    row = rows[-1]
    return HourlyValue(Decimal(row["value"]), row["source"], str(row["source_date"]), str(row["from"]))


@dataclass(frozen=True)
class AreaLine:
    name: str
    volunteers: int
    hours: Decimal


def _approved(start: date, end: date):
    return HoursLog.objects.filter(status="approved", on_date__gte=start, on_date__lte=end)


def by_ward(start: date, end: date) -> list[AreaLine]:
    rows = (_approved(start, end).values("volunteer__ward__name")
            .annotate(volunteers=Count("volunteer", distinct=True), hours=Sum("hours")).order_by("-hours"))
    return [AreaLine(r["volunteer__ward__name"] or "Home ward not known", r["volunteers"], r["hours"])
            for r in rows]


def by_imd_decile(start: date, end: date) -> list[AreaLine]:
    rows = (_approved(start, end).values("volunteer__lsoa__imd2025_decile")
            .annotate(volunteers=Count("volunteer", distinct=True), hours=Sum("hours"))
            .order_by("volunteer__lsoa__imd2025_decile"))
    return [AreaLine(f"Decile {r['volunteer__lsoa__imd2025_decile']}" if r["volunteer__lsoa__imd2025_decile"]
                     else "Not known", r["volunteers"], r["hours"]) for r in rows]


@dataclass(frozen=True)
class Summary:
    start: date
    end: date
    hours: Decimal
    volunteers: int
    value: HourlyValue
    worth: Decimal
    events: int
    bags: int
    area_m2: int


def summary(start: date, end: date) -> Summary:
    totals = _approved(start, end).aggregate(hours=Sum("hours"), volunteers=Count("volunteer", distinct=True))
    hours = totals["hours"] or Decimal("0")
    value = hourly_value(end)
    events = CommunityEvent.objects.filter(session__starts_at__date__gte=start, session__starts_at__date__lte=end,
                                           outcomes_recorded_at__isnull=False)
    outcomes = events.aggregate(n=Count("pk"), bags=Sum("bags_collected"), area=Sum("area_covered_m2"))
    return Summary(start=start, end=end, hours=hours, volunteers=totals["volunteers"], value=value,
                   worth=(hours * value.value).quantize(Decimal("1")), events=outcomes["n"],
                   bags=outcomes["bags"] or 0, area_m2=outcomes["area"] or 0)
