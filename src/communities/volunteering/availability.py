"""A volunteer's week pattern: the parts of weekdays they are usually free."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from .models.volunteers import Availability, PartOfDay, Volunteer

# Where one part of the day ends and the next begins (local time, hour of day).
AFTERNOON_FROM_HOUR = 12
EVENING_FROM_HOUR = 17


def weekly_slots(volunteer: Volunteer) -> set[tuple[int, str]]:
    """{(weekday, part_of_day)}: weekday 0 = Monday; part_of_day "morning", "afternoon" or "evening"."""
    return set(Availability.objects.filter(volunteer=volunteer).values_list("weekday", "part_of_day"))


def part_of_day(moment: datetime) -> str:
    hour = timezone.localtime(moment).hour if timezone.is_aware(moment) else moment.hour
    if hour < AFTERNOON_FROM_HOUR:
        return PartOfDay.MORNING
    return PartOfDay.AFTERNOON if hour < EVENING_FROM_HOUR else PartOfDay.EVENING


def slot_of(moment: datetime) -> tuple[int, str]:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.weekday(), part_of_day(moment)
