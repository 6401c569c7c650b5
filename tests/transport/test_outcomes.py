"""Trip outcomes by the driver (own trips only) or a coordinator; finished trips locked; requests turned away."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.transport.models import Trip
from communities.transport.services import outcomes

from ..support.conftest import acting
from .conftest import book, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_trip(coordinator, passenger, scheme_driver):
    """A trip today whose pickup window has started, with the scheme driver confirmed."""
    now = timezone.localtime()
    trip = book(coordinator, passenger, now.date() + timedelta(days=1))[0]
    Trip.objects.filter(pk=trip.pk).update(service_date=now.date(), earliest_pickup=now - timedelta(minutes=30),
                                           latest_pickup=now - timedelta(minutes=15))
    trip.refresh_from_db()
    return schedule(trip, scheme_driver, coordinator)


def test_the_driver_records_done_and_the_trip_is_locked(today_trip, scheme_driver, council):
    driver_user = acting(scheme_driver.user, council)
    done = outcomes.record_outcome(actor=driver_user, trip=today_trip, outcome="completed", seen_status="scheduled",
                                   miles_driven=Decimal("7.5"), volunteer_minutes=55)
    assert (done.status, done.miles_driven, done.outcome_recorded_by) == ("completed", Decimal("7.5"), driver_user)
    with pytest.raises(ValidationError) as caught:
        outcomes.record_outcome(actor=driver_user, trip=done, outcome="no_show", seen_status="completed",
                                miles_driven=Decimal("1"), volunteer_minutes=5)
    assert "This trip is locked" in caught.value.message_dict["outcome"][0]
    assert list(done.changes.values_list("to_status", flat=True)) == ["requested", "completed"]


def test_two_people_recording_at_once_one_wins(today_trip, coordinator, scheme_driver, council):
    """The second saw 'scheduled' too, but the conditional update finds the trip finished."""
    outcomes.record_outcome(actor=coordinator, trip=today_trip, outcome="no_show", seen_status="scheduled",
                            miles_driven=Decimal("3"), volunteer_minutes=20)
    stale = Trip.objects.get(pk=today_trip.pk)
    stale.status = "scheduled"  # what the driver's page still shows
    with pytest.raises(ValidationError) as caught:
        outcomes.record_outcome(actor=acting(scheme_driver.user, council), trip=stale, outcome="completed",
                                seen_status="scheduled", miles_driven=Decimal("7"), volunteer_minutes=40)
    assert "recorded it as passenger not there" in caught.value.message_dict["outcome"][0]
    assert Trip.objects.get(pk=today_trip.pk).status == "no_show"


@pytest.mark.parametrize("values, field", [
    ({"outcome": "completed", "miles_driven": None, "volunteer_minutes": 30}, "miles_driven"),
    ({"outcome": "completed", "miles_driven": Decimal("999"), "volunteer_minutes": 30}, "miles_driven"),
    ({"outcome": "completed", "miles_driven": Decimal("5"), "volunteer_minutes": 0}, "volunteer_minutes"),
    ({"outcome": "cancelled_late", "cancelled_by": ""}, "cancelled_by"),
    ({"outcome": "lost"}, "outcome"),
])
def test_bad_outcomes_are_refused_naming_the_field(today_trip, coordinator, values, field):
    with pytest.raises(ValidationError) as caught:
        outcomes.record_outcome(actor=coordinator, trip=today_trip, seen_status="scheduled", **values)
    assert field in caught.value.message_dict
    assert Trip.objects.get(pk=today_trip.pk).status == "scheduled"


def test_a_late_cancellation_says_who(today_trip, coordinator):
    trip = outcomes.record_outcome(actor=coordinator, trip=today_trip, outcome="cancelled_late",
                                   seen_status="scheduled", cancelled_by="passenger", note="Felt unwell")
    assert (trip.status, trip.cancelled_by, trip.miles_driven) == ("cancelled_late", "passenger", None)


def test_a_request_can_be_turned_away_only_while_waiting(coordinator, passenger, tomorrow):
    trip = book(coordinator, passenger, tomorrow)[0]
    with pytest.raises(ValidationError):
        outcomes.turn_away(actor=coordinator, trip=trip, reason=" ")
    turned = outcomes.turn_away(actor=coordinator, trip=trip, reason="No driver free; offered Thursday")
    assert turned.status == "turned_away"
    with pytest.raises(ValidationError):
        outcomes.turn_away(actor=coordinator, trip=turned, reason="Again")
