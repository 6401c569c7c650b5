"""When a driver is free on a day: their weekly pattern, minus holidays and other absences, plus extra time offered.

``windows(driver, day)`` is the contract the daily plan (``transport.planning``) relies on.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import AvailabilityException, Driver, ExceptionKind

Window = tuple[datetime, datetime]


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _merge(windows: list[Window]) -> list[Window]:
    merged: list[Window] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(windows: list[Window], gap: Window) -> list[Window]:
    gap_start, gap_end = gap
    kept: list[Window] = []
    for start, end in windows:
        if gap_end <= start or gap_start >= end:
            kept.append((start, end))
            continue
        if start < gap_start:
            kept.append((start, gap_start))
        if gap_end < end:
            kept.append((gap_end, end))
    return kept


def windows(driver: Driver, day: date) -> list[Window]:
    """The times ``driver`` is free on ``day`` (aware datetimes, in order, not overlapping); empty if inactive."""
    if not driver.is_active:
        return []
    day_start, day_end = _at(day, time.min), _at(day + timedelta(days=1), time.min)
    pattern = [(_at(day, slot.starts), _at(day, slot.ends))
               for slot in driver.weekly_availability.all() if slot.weekday == day.weekday()]
    exceptions = AvailabilityException.objects.filter(driver=driver, starts_at__lt=day_end, ends_at__gt=day_start)
    free = _merge(pattern + [(max(e.starts_at, day_start), min(e.ends_at, day_end))
                             for e in exceptions if e.kind == ExceptionKind.EXTRA])
    for absence in exceptions:
        if absence.kind != ExceptionKind.EXTRA:
            free = _subtract(free, (absence.starts_at, absence.ends_at))
    return free
