"""Fixtures for the transport room: the council's scheme with a coordinator, a passenger (consent, home and surgery
in the loaded Stockton geography), two drivers with checks and weekly times, and a car."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from communities.accounts.models import User
from communities.organisations.models import Membership, Role
from communities.people.models import ConsentPurpose, HowGiven, LawfulBasis, Person
from communities.places.models import Postcode

from ..support.conftest import acting


@pytest.fixture
def coordinator(personas, council):
    return acting(personas["coordinator"], council)


@pytest.fixture
def postcodes(db):
    """Two real postcodes in the council's area, some way apart."""
    rows = list(Postcode.objects.filter(latitude__isnull=False, ward__isnull=False).order_by("postcode")
                .values_list("postcode", flat=True))
    return rows[0], rows[len(rows) // 2]


def make_driver_user(email: str, organisation) -> User:
    from ..conftest import make_user

    user = make_user(email, full_name=email.split("@")[0].title())
    Membership.objects.create(user=user, organisation=organisation, role=Role.DRIVER)
    return user


@pytest.fixture
def passenger(coordinator, council, postcodes):
    from communities.transport.services import passengers

    person = Person.objects.create(first_name="Edna", last_name="Traveller", phone="01642 000000")
    made = passengers.register_passenger(
        actor=coordinator, organisation=council, person=person,
        eligibility={"no_suitable_public_transport": True, "mobility_needs": True, "mobility_detail": "Uses a stick",
                     "wheelchair_user": False, "escort_needed": False, "eligibility_note": ""},
        home_address="1 High Street", home_postcode=postcodes[0],
        consent={"lawful_basis": LawfulBasis.CONSENT, "how_given": HowGiven.VERBAL_PHONE})
    passengers.add_address(actor=coordinator, passenger=made, label="Surgery", address="The Health Centre",
                           postcode=postcodes[1])
    return made


def addresses(passenger):
    home = passenger.addresses.get(is_home=True)
    return home, passenger.addresses.exclude(pk=home.pk).get()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def full_checks(driver, by, vehicle=None, on=None):
    """Every check current: DBS, licence (share code the day before), insurance, training, MOT if a vehicle."""
    from communities.transport.services import drivers

    on = on or timezone.localdate() - timedelta(days=10)
    drivers.record_compliance(actor=by, driver=driver, kind="enhanced_dbs", checked_on=on)
    drivers.record_compliance(actor=by, driver=driver, kind="licence_check", checked_on=on,
                              share_code_made_on=on - timedelta(days=1))
    drivers.record_compliance(actor=by, driver=driver, kind="insurance", checked_on=on,
                              expires_on=on + timedelta(days=365))
    drivers.record_compliance(actor=by, driver=driver, kind="training", checked_on=on)
    if vehicle is not None:
        drivers.record_compliance(actor=by, driver=driver, kind="mot", checked_on=on, vehicle=vehicle,
                                  expires_on=on + timedelta(days=365))


@pytest.fixture
def scheme_driver(coordinator, council, postcodes):
    from communities.transport.services import drivers

    user = make_driver_user("dave.driver@example.org", council)
    driver = drivers.register_driver(actor=coordinator, organisation=council, user=user, home_postcode=postcodes[0],
                                     phone="07700 900000")
    car = drivers.add_vehicle(actor=coordinator, organisation=council, registration="ab12 cde",
                              description="Blue Ford Focus", seats=3, wheelchair_spaces=0,
                              first_registered=timezone.localdate() - timedelta(days=6 * 365), owner=driver)
    full_checks(driver, coordinator, car)
    drivers.set_weekly_availability(actor=coordinator, driver=driver,
                                    slots=[(d, time(9), time(17)) for d in range(5)])
    return driver


def consent_purpose():
    return ConsentPurpose.TRANSPORT


def schedule(trip, driver, by):
    """What the daily plan does on publishing (transport.planning): driver, planned time, confirmed, and the
    driver's assignment to the passenger until the end of the day."""
    from communities.people.services import assign_person, end_of_day
    from communities.transport.models import Trip

    Trip.objects.filter(pk=trip.pk).update(status="scheduled", driver=driver, planned_pickup_at=trip.earliest_pickup,
                                           confirmed_at=timezone.now())
    assign_person(actor=by, organisation=trip.organisation, person=trip.passenger.person, assignee=driver.user,
                  kind="trip", reason=f"Trip {trip.reference}", ends_at=end_of_day(trip.service_date))
    trip.refresh_from_db()
    return trip


def book(coordinator, passenger, day, *, purpose="health_appointment", start=(10, 0), end=(10, 30), **extra):
    from communities.transport.services.bookings import Journey, book_trip

    home, surgery = addresses(passenger)
    journey = Journey(service_date=day, purpose=purpose, pickup=home, dropoff=surgery,
                      earliest_pickup=time(*start), latest_pickup=time(*end), **extra)
    return book_trip(actor=coordinator, passenger=passenger, journey=journey)
