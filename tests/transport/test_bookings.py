"""Bookings: by phone with a return, from a referral, every week with weeks off; bad times, impossible windows and
addresses outside the area refused with a clear error naming the field."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.people.models import Consent
from communities.transport.models import RegularBooking, Trip, TripStatusChange
from communities.transport.services import bookings, passengers

from .conftest import addresses, book

pytestmark = pytest.mark.django_db


def test_a_phone_booking_with_a_return_makes_two_requested_trips_with_history(coordinator, passenger, tomorrow):
    outward, back = book(coordinator, passenger, tomorrow, appointment_at=time(11), return_earliest=time(12),
                         return_latest=time(12, 30))
    assert (outward.status, back.status, back.return_of) == ("requested", "requested", outward)
    assert (back.pickup_postcode, back.dropoff_postcode) == (outward.dropoff_postcode, outward.pickup_postcode)
    assert TripStatusChange.objects.filter(trip__in=[outward, back], to_status="requested", by=coordinator).count() == 2
    assert AuditEvent.objects.filter(object_type="transport.Trip", object_id=str(outward.pk)).exists()


@pytest.mark.parametrize("extra, field, words", [
    ({"start": (10, 0), "end": (9, 0)}, "latest_pickup", "must be the same as or after the earliest"),
    ({"start": (6, 0), "end": (11, 0)}, "latest_pickup", "at most 4 hours"),
    ({"appointment_at": time(10, 1)}, "appointment_at", "cannot arrive by 10:01"),
    ({"return_earliest": time(12)}, "return_latest", "both return pickup times"),
    ({"appointment_at": time(11), "return_earliest": time(10, 45), "return_latest": time(11, 30)},
     "return_earliest", "after the passenger arrives"),
    ({"escort_count": 4}, "escort_count", "0 to 3 escorts"),
])
def test_impossible_bookings_are_refused_naming_the_field(coordinator, passenger, tomorrow, extra, field, words):
    with pytest.raises(ValidationError) as caught:
        book(coordinator, passenger, tomorrow, **extra)
    assert words in " ".join(caught.value.message_dict[field])
    assert not Trip.objects.exists()


def test_a_time_already_past_is_refused(coordinator, passenger):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        book(coordinator, passenger, yesterday)
    assert "has already passed" in caught.value.message_dict["earliest_pickup"][0]


def test_an_address_outside_the_council_area_is_refused(coordinator, passenger):
    with pytest.raises(ValidationError) as caught:
        passengers.add_address(actor=coordinator, passenger=passenger, label="Clinic", address="Somewhere",
                               postcode="SW1A 1AA")
    assert "not a postcode in" in caught.value.message_dict["postcode"][0]
    with pytest.raises(ValidationError) as caught:
        passengers.add_address(actor=coordinator, passenger=passenger, label="Clinic", address="Somewhere",
                               postcode="not a postcode")
    assert "Enter a real postcode" in caught.value.message_dict["postcode"][0]


def test_withdrawn_consent_stops_booking(coordinator, passenger, tomorrow):
    Consent.objects.filter(person=passenger.person).update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError) as caught:
        book(coordinator, passenger, tomorrow)
    assert "consent" in caught.value.message_dict["passenger"][0]


def test_an_escort_is_asked_for_when_the_passenger_needs_one(coordinator, passenger, tomorrow):
    passenger.escort_needed = True
    with pytest.raises(ValidationError) as caught:
        book(coordinator, passenger, tomorrow)
    assert "travels with an escort" in caught.value.message_dict["escort_count"][0]
    assert book(coordinator, passenger, tomorrow, escort_count=1)[0].people_travelling == 2


def _weekly(coordinator, passenger, first_day, **extra):
    home, surgery = addresses(passenger)
    journey = bookings.Journey(service_date=first_day, purpose="social_group", pickup=home, dropoff=surgery,
                               earliest_pickup=time(10), latest_pickup=time(10, 30), return_earliest=time(14),
                               return_latest=time(14, 30))
    return bookings.create_regular_booking(actor=coordinator, passenger=passenger, journey=journey,
                                           weekday=first_day.weekday(), ends_on=None, **extra)


def test_every_week_to_the_lunch_club_with_a_week_off(coordinator, passenger, tomorrow):
    regular = _weekly(coordinator, passenger, tomorrow)
    skipped = tomorrow + timedelta(days=7)
    bookings.skip_week(actor=coordinator, booking=regular, on=skipped, reason="Lunch club closed")
    made = bookings.make_regular_trips(first_day=tomorrow, days=21)
    days = sorted(set(Trip.objects.filter(regular_booking=regular).values_list("service_date", flat=True)))
    assert days == [tomorrow, tomorrow + timedelta(days=14)]
    assert made == 4  # outward and return, two weeks
    assert bookings.make_regular_trips(first_day=tomorrow, days=21) == 0  # safe to run twice
    # skipping a week whose trips exist already cancels them
    bookings.skip_week(actor=coordinator, booking=regular, on=tomorrow + timedelta(days=14), reason="Away")
    assert set(Trip.objects.filter(service_date=tomorrow + timedelta(days=14)).values_list("status", flat=True)) == {
        "cancelled"}


def test_a_regular_booking_must_start_on_its_weekday(coordinator, passenger, tomorrow):
    home, surgery = addresses(passenger)
    journey = bookings.Journey(service_date=tomorrow, purpose="shopping", pickup=home, dropoff=surgery,
                               earliest_pickup=time(10), latest_pickup=time(10, 30))
    with pytest.raises(ValidationError) as caught:
        bookings.create_regular_booking(actor=coordinator, passenger=passenger, journey=journey,
                                        weekday=(tomorrow.weekday() + 1) % 7, ends_on=None)
    assert "must fall on a" in caught.value.message_dict["service_date"][0]
    assert not RegularBooking.objects.exists()


def test_a_passenger_needs_a_reason_to_be_eligible_and_consent(coordinator, council, postcodes):
    from communities.people.models import Person

    person = Person.objects.create(first_name="No", last_name="Reason")
    with pytest.raises(ValidationError) as caught:
        passengers.register_passenger(
            actor=coordinator, organisation=council, person=person,
            eligibility={"no_suitable_public_transport": False, "mobility_needs": False, "wheelchair_user": False},
            home_address="2 Low Street", home_postcode=postcodes[0])
    assert set(caught.value.message_dict) == {"no_suitable_public_transport", "how_given"}
