"""When a driver is free: the weekly pattern, minus holidays and absences, plus extra time offered."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from communities.transport.availability import windows
from communities.transport.services import drivers

from .conftest import at

pytestmark = pytest.mark.django_db


def _next(weekday, after):
    day = after + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def test_the_weekly_pattern_gives_the_days_windows(scheme_driver, tomorrow):
    monday, saturday = _next(0, tomorrow), _next(5, tomorrow)
    assert windows(scheme_driver, monday) == [(at(monday, 9), at(monday, 17))]
    assert windows(scheme_driver, saturday) == []


def test_a_holiday_removes_time_and_extra_time_adds_it(scheme_driver, coordinator, tomorrow):
    tuesday = _next(1, tomorrow)
    drivers.add_availability_exception(actor=coordinator, driver=scheme_driver, kind="unavailable",
                                       starts_at=at(tuesday, 12), ends_at=at(tuesday, 13), reason="Dentist")
    assert windows(scheme_driver, tuesday) == [(at(tuesday, 9), at(tuesday, 12)), (at(tuesday, 13), at(tuesday, 17))]
    drivers.add_availability_exception(actor=coordinator, driver=scheme_driver, kind="extra",
                                       starts_at=at(tuesday, 17), ends_at=at(tuesday, 19))
    assert windows(scheme_driver, tuesday)[-1] == (at(tuesday, 13), at(tuesday, 19))
    drivers.add_availability_exception(actor=coordinator, driver=scheme_driver, kind="holiday",
                                       starts_at=at(tuesday, 0), ends_at=at(tuesday + timedelta(days=7), 0))
    assert windows(scheme_driver, tuesday) == []
    assert windows(scheme_driver, tuesday + timedelta(days=7)) == [(at(tuesday + timedelta(days=7), 9),
                                                                    at(tuesday + timedelta(days=7), 17))]


def test_an_inactive_driver_is_never_free(scheme_driver, tomorrow):
    scheme_driver.is_active = False
    assert windows(scheme_driver, _next(0, tomorrow)) == []


def test_impossible_times_are_refused(scheme_driver, coordinator, tomorrow):
    with pytest.raises(ValidationError) as caught:
        drivers.set_weekly_availability(actor=coordinator, driver=scheme_driver,
                                        slots=[(0, time(9), time(12)), (1, time(14), time(13))])
    assert caught.value.message_dict["slots"] == ["Time 2: the end (13:00) must be after the start (14:00)"]
    with pytest.raises(ValidationError) as caught:
        drivers.add_availability_exception(actor=coordinator, driver=scheme_driver, kind="holiday",
                                           starts_at=at(tomorrow, 12), ends_at=at(tomorrow, 9))
    assert caught.value.message_dict["ends_at"] == ["The end must be after the start"]
