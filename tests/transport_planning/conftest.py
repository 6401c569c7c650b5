"""A small scheme for tomorrow: two council drivers with cars and valid checks, passengers with trips."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from communities.organisations.models import Membership, Role
from communities.people.models import Involvement, Person
from communities.transport.models import (
    ComplianceItem,
    ComplianceKind,
    Driver,
    Passenger,
    Trip,
    Vehicle,
    WeeklyAvailability,
)
from tests.conftest import make_user

HOSPITAL = (54.5513, -1.2145, "James Cook University Hospital, Marton Road, Middlesbrough", "TS4 3BW")
CLUB = (54.5820, -1.3420, "Hardwick Lunch Club, Hardwick, Stockton-on-Tees", "TS19 8PD")
HOMES = [(54.5700, -1.3200), (54.5600, -1.3000), (54.5800, -1.3300), (54.5650, -1.3100), (54.5750, -1.3050)]


def at(day: date, clock: str) -> datetime:
    hours, minutes = clock.split(":")
    return timezone.make_aware(datetime.combine(day, time(int(hours), int(minutes))))


@dataclass
class Scheme:
    organisation: object
    coordinator: object
    day: date
    drivers: list = field(default_factory=list)
    trips: list = field(default_factory=list)
    passengers: list = field(default_factory=list)

    def add_driver(self, name: str, home, seats: int = 3, wheelchair: int = 0, checks=tuple(ComplianceKind.values),
                   starts: str = "08:00", ends: str = "17:00") -> Driver:
        user = make_user(f"{name.lower()}@drivers.example.org", full_name=name)
        Membership.objects.create(user=user, organisation=self.organisation, role=Role.DRIVER)
        driver = Driver.objects.create(user=user, organisation=self.organisation, phone="07700 900123",
                                       home_postcode="TS18 1AA", home_latitude=home[0], home_longitude=home[1])
        car = Vehicle.objects.create(organisation=self.organisation, registration=f"NU{len(self.drivers)}ABC",
                                     seats=seats, wheelchair_spaces=wheelchair, first_registered=date(2024, 1, 1),
                                     owner=driver)
        WeeklyAvailability.objects.create(driver=driver, weekday=self.day.weekday(), starts=time.fromisoformat(starts),
                                          ends=time.fromisoformat(ends))
        for kind in checks:
            ComplianceItem.objects.create(driver=driver, kind=kind, checked_on=self.day - timedelta(days=30),
                                          expires_on=self.day + timedelta(days=300), recorded_by=self.coordinator,
                                          vehicle=car if kind == ComplianceKind.MOT else None)
        self.drivers.append(driver)
        return driver

    def add_trip(self, home, earliest: str, latest: str, appointment: str | None = None, to=HOSPITAL,
                 purpose="health_appointment", wheelchair=False, escorts=0, phone="07700 900456") -> Trip:
        n = len(self.passengers)
        person = Person.objects.create(first_name=f"Passenger{n}", last_name="Smith", phone=phone)
        Involvement.objects.create(person=person, organisation=self.organisation, reason="volunteer car scheme")
        passenger = Passenger.objects.create(person=person, organisation=self.organisation, mobility_needs=True,
                                             wheelchair_user=wheelchair, registered_by=self.coordinator)
        self.passengers.append(passenger)
        trip = Trip.objects.create(
            passenger=passenger, organisation=self.organisation, service_date=self.day, purpose=purpose,
            pickup_address=f"{n + 1} High Street, Stockton-on-Tees", pickup_postcode="TS18 1AA",
            pickup_latitude=home[0], pickup_longitude=home[1], dropoff_address=to[2], dropoff_postcode=to[3],
            dropoff_latitude=to[0], dropoff_longitude=to[1], earliest_pickup=at(self.day, earliest),
            latest_pickup=at(self.day, latest), appointment_at=at(self.day, appointment) if appointment else None,
            needs_wheelchair_space=wheelchair, escort_count=escorts, booked_by=self.coordinator)
        self.trips.append(trip)
        return trip


@pytest.fixture
def scheme(personas, council, settings):
    settings.TRANSPORT_PLANNING_SLICES = 2
    settings.TRANSPORT_PLANNING_SECONDS = 2
    day = timezone.localdate() + timedelta(days=1)
    s = Scheme(council, personas["coordinator"], day)
    s.add_driver("Sam", HOMES[0])
    s.add_driver("Ria", HOMES[1])
    s.add_trip(HOMES[2], "09:00", "09:30", "10:30")
    s.add_trip(HOMES[3], "09:15", "09:45", "10:45")
    s.add_trip(HOMES[4], "11:00", "11:30", to=CLUB, purpose="social_group")
    s.add_trip(HOMES[2], "13:00", "13:30", to=CLUB, purpose="shopping")
    return s
