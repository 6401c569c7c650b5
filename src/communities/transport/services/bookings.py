"""Booking trips: one journey with an optional return, by phone or from a referral; regular weekly journeys with
weeks off; the trips those regular bookings make for the days ahead.

Times are checked before anything is written: the pickup window in order and not in the past, an appointment the
passenger can reach from the earliest pickup (by the scheduler's planning assumption for journey times), a return
after the arrival. Each refusal names the field and says what would work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import BookedVia, Passenger, PassengerAddress, RegularBooking, RegularBookingException, Status, Trip
from .common import journey_minutes, long_date, record_status

MAX_ESCORTS = 3
LONGEST_WINDOW = timedelta(hours=4)


@dataclass(frozen=True)
class Journey:
    """What the coordinator enters for one booking (times are local clock times on ``service_date``)."""

    service_date: date
    purpose: str
    pickup: PassengerAddress
    dropoff: PassengerAddress
    earliest_pickup: time
    latest_pickup: time
    appointment_at: time | None = None
    return_earliest: time | None = None
    return_latest: time | None = None
    escort_count: int = 0
    purpose_detail: str = ""
    notes: str = ""


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _window_errors(journey: Journey, now: datetime) -> dict:
    errors = {}
    earliest, latest = _at(journey.service_date, journey.earliest_pickup), _at(journey.service_date,
                                                                                 journey.latest_pickup)
    if latest < earliest:
        errors["latest_pickup"] = (f"The latest pickup ({_clock(latest)}) must be the same as or after the earliest "
                                   f"({_clock(earliest)})")
    elif latest - earliest > LONGEST_WINDOW:
        errors["latest_pickup"] = "The pickup window can be at most 4 hours: agree a closer time with the passenger"
    if earliest < now:
        errors["earliest_pickup"] = f"The earliest pickup ({long_date(journey.service_date)} " \
                                    f"{_clock(earliest)}) has already passed"
    if journey.service_date > now.date() + timedelta(days=settings.TRANSPORT_BOOK_DAYS_AHEAD):
        errors["service_date"] = f"Trips can be booked up to {settings.TRANSPORT_BOOK_DAYS_AHEAD} days ahead"
    return errors


def _journey_errors(passenger: Passenger, journey: Journey, now: datetime) -> dict:
    errors = _window_errors(journey, now)
    if journey.pickup.pk == journey.dropoff.pk:
        errors["dropoff"] = "The drop-off must be a different place from the pickup"
    for field, address in (("pickup", journey.pickup), ("dropoff", journey.dropoff)):
        if address.passenger_id != passenger.pk:
            errors[field] = "Choose one of this passenger's addresses"
    if not 0 <= journey.escort_count <= MAX_ESCORTS:
        errors["escort_count"] = f"A passenger can bring 0 to {MAX_ESCORTS} escorts"
    elif passenger.escort_needed and journey.escort_count == 0:
        errors["escort_count"] = "This passenger travels with an escort: say how many are coming"
    if errors:
        return errors
    minutes = journey_minutes(journey.pickup.latitude, journey.pickup.longitude, journey.dropoff.latitude,
                              journey.dropoff.longitude)
    arrive = _at(journey.service_date, journey.earliest_pickup) + timedelta(minutes=minutes)
    if journey.appointment_at is not None and _at(journey.service_date, journey.appointment_at) < arrive:
        errors["appointment_at"] = (
            f"Picked up at {journey.earliest_pickup:%H:%M} at the earliest, the passenger cannot arrive by "
            f"{journey.appointment_at:%H:%M}: the journey takes about {round(minutes)} minutes. Make the pickup "
            f"earlier or the appointment later")
    if (journey.return_earliest is None) != (journey.return_latest is None):
        errors["return_latest"] = "Enter both return pickup times, or neither for a single journey"
    elif journey.return_earliest is not None:
        back_earliest = _at(journey.service_date, journey.return_earliest)
        back_latest = _at(journey.service_date, journey.return_latest)
        if back_latest < back_earliest:
            errors["return_latest"] = "The latest return pickup must be the same as or after the earliest"
        else:
            arrived = max(arrive, _at(journey.service_date, journey.appointment_at or time.min))
            if back_earliest < arrived:
                errors["return_earliest"] = (f"The return pickup must be after the passenger arrives (about "
                                             f"{_clock(arrived)})")
    return errors


def check_passenger(passenger: Passenger) -> None:
    from .passengers import has_transport_consent

    if not passenger.is_active:
        raise ValidationError({"passenger": "This passenger no longer travels with the scheme"})
    if not has_transport_consent(passenger.person):
        raise ValidationError({"passenger": "The passenger's consent for the Volunteer Driver Service has been "
                                            "withdrawn or has expired: record it again before booking"})


def _leg(passenger, journey: Journey, *, start: time, end: time, frm, to, arrive_by, **extra) -> Trip:
    return Trip(
        passenger=passenger, organisation=passenger.organisation, service_date=journey.service_date,
        purpose=journey.purpose, purpose_detail=journey.purpose_detail[:200], notes=journey.notes[:300],
        pickup_address=frm.address, pickup_postcode=frm.postcode, pickup_latitude=frm.latitude,
        pickup_longitude=frm.longitude, dropoff_address=to.address, dropoff_postcode=to.postcode,
        dropoff_latitude=to.latitude, dropoff_longitude=to.longitude,
        earliest_pickup=_at(journey.service_date, start), latest_pickup=_at(journey.service_date, end),
        appointment_at=_at(journey.service_date, arrive_by) if arrive_by else None,
        needs_wheelchair_space=passenger.wheelchair_user, escort_count=journey.escort_count, **extra)


def _save_legs(*, actor, passenger, journey: Journey, via: str, note: str, request=None, **links) -> list[Trip]:
    now = timezone.now()
    outward = _leg(passenger, journey, start=journey.earliest_pickup, end=journey.latest_pickup, frm=journey.pickup,
                   to=journey.dropoff, arrive_by=journey.appointment_at, booked_by=actor, booked_via=via,
                   requested_at=now, **links)
    outward.save()
    trips = [outward]
    if journey.return_earliest is not None:
        back = _leg(passenger, journey, start=journey.return_earliest, end=journey.return_latest,
                    frm=journey.dropoff, to=journey.pickup, arrive_by=None, booked_by=actor, booked_via=via,
                    requested_at=now, return_of=outward, **links)
        back.save()
        trips.append(back)
    for trip in trips:
        record_status(trip=trip, from_status="", to_status=Status.REQUESTED, by=actor, note=note, request=request,
                      fields={"passenger": str(passenger.pk), "service_date": journey.service_date.isoformat()})
    return trips


def book_trip(*, actor, passenger: Passenger, journey: Journey, via: str = BookedVia.PHONE, referral=None,
              request=None) -> list[Trip]:
    """Book the outward trip and, when return times are given, the return. Returns the trips made."""
    check_passenger(passenger)
    errors = _journey_errors(passenger, journey, timezone.now())
    if referral is not None and referral.person_id != passenger.person_id:
        errors["referral"] = "The referral is about someone else"
    if errors:
        raise ValidationError(errors)
    note = f"Booked from referral {referral.reference}" if referral is not None else BookedVia(via).label
    with transaction.atomic():
        return _save_legs(actor=actor, passenger=passenger, journey=journey, via=via, note=note, request=request,
                          referral=referral)


def create_regular_booking(*, actor, passenger: Passenger, journey: Journey, weekday: int, ends_on: date | None,
                           request=None) -> RegularBooking:
    """Every week on ``weekday`` from ``journey.service_date`` (the first such day) until ``ends_on``."""
    from communities.audit.services import Action, record

    check_passenger(passenger)
    errors = _journey_errors(passenger, journey, timezone.now())
    errors.pop("service_date", None)
    if journey.service_date.weekday() != weekday:
        errors["service_date"] = f"The first journey must fall on a {_weekday_name(weekday)}"
    if ends_on is not None and ends_on < journey.service_date:
        errors["ends_on"] = "The last week must be on or after the first"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        booking = RegularBooking.objects.create(
            passenger=passenger, organisation=passenger.organisation, weekday=weekday, purpose=journey.purpose,
            purpose_detail=journey.purpose_detail[:200], pickup=journey.pickup, dropoff=journey.dropoff,
            earliest_pickup=journey.earliest_pickup, latest_pickup=journey.latest_pickup,
            arrive_by=journey.appointment_at, return_earliest_pickup=journey.return_earliest,
            return_latest_pickup=journey.return_latest, escort_count=journey.escort_count,
            starts_on=journey.service_date, ends_on=ends_on, created_by=actor)
        record(actor=actor, organisation=passenger.organisation, action=Action.CREATE, obj=booking, request=request,
               fields={"passenger": str(passenger.pk), "weekday": weekday, "starts_on": journey.service_date})
    return booking


def _weekday_name(weekday: int) -> str:
    return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]


def skip_week(*, actor, booking: RegularBooking, on: date, reason: str, request=None) -> RegularBookingException:
    """The regular journey does not happen on ``on``; a trip already made for that day is cancelled."""
    from communities.audit.services import Action, record

    if on.weekday() != booking.weekday:
        raise ValidationError({"on": f"This booking is for {_weekday_name(booking.weekday)}s: choose one"})
    if on < timezone.localdate():
        raise ValidationError({"on": "That day has already passed"})
    with transaction.atomic():
        exception, _ = RegularBookingException.objects.get_or_create(booking=booking, on=on,
                                                                     defaults={"reason": reason[:200]})
        for trip in Trip.objects.select_for_update().filter(regular_booking=booking, service_date=on,
                                                            status=Status.REQUESTED):
            Trip.objects.filter(pk=trip.pk).update(status=Status.CANCELLED, cancelled_by="passenger")
            record_status(trip=trip, from_status=trip.status, to_status=Status.CANCELLED, by=actor,
                          note=f"Regular booking skipped: {reason}"[:300], request=request)
        record(actor=actor, organisation=booking.organisation, action=Action.UPDATE, obj=booking, request=request,
               fields={"skipped": on.isoformat(), "reason": reason})
    return exception


def regular_journey(booking: RegularBooking, day: date) -> Journey:
    return Journey(service_date=day, purpose=booking.purpose, purpose_detail=booking.purpose_detail,
                   pickup=booking.pickup, dropoff=booking.dropoff, earliest_pickup=booking.earliest_pickup,
                   latest_pickup=booking.latest_pickup, appointment_at=booking.arrive_by,
                   return_earliest=booking.return_earliest_pickup, return_latest=booking.return_latest_pickup,
                   escort_count=booking.escort_count)


def make_regular_trips(*, organisation=None, first_day: date | None = None, days: int | None = None) -> int:
    """Trips for every regular booking on each day from ``first_day`` for ``days`` days (default: the next
    ``TRANSPORT_REGULAR_DAYS_AHEAD``), skipping weeks off; safe to run twice. Returns how many trips it made."""
    first_day = first_day or timezone.localdate() + timedelta(days=1)
    days = days or settings.TRANSPORT_REGULAR_DAYS_AHEAD
    bookings = RegularBooking.objects.select_related("passenger__person", "pickup", "dropoff")
    if organisation is not None:
        bookings = bookings.filter(organisation=organisation)
    made = 0
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for booking in bookings.active(day).filter(weekday=day.weekday()).exclude(exceptions__on=day):
            if not booking.passenger.is_active or Trip.objects.filter(regular_booking=booking,
                                                                      service_date=day).exists():
                continue
            try:
                with transaction.atomic():
                    made += len(_save_legs(actor=booking.created_by, passenger=booking.passenger,
                                           journey=regular_journey(booking, day), via=BookedVia.RECURRING,
                                           note=f"Regular booking: {booking}", regular_booking=booking))
            except IntegrityError:
                continue  # another run made it first
    return made


def make_regular_trips_task() -> dict:
    """Periodic task (settings.PERIODIC_TASKS): the regular bookings' trips for the days ahead."""
    return {"trips_made": make_regular_trips()}
