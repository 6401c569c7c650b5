"""URL samples for the transport room (tests/url_samples.py adds them): a council passenger with a home and a
surgery, a regular booking, a scheduled trip with a council driver, and a mileage claim."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal


def sample_world(ctx) -> dict:
    from django.utils import timezone

    from communities.accounts.models import User
    from communities.organisations.models import Membership, Role
    from communities.people.models import Person
    from communities.transport.models import (
        ClaimLine,
        Driver,
        MileageClaim,
        MileageRate,
        Passenger,
        PassengerAddress,
        RegularBooking,
        Trip,
    )

    from ..url_samples import _person

    cached = ctx.get("_transport")
    if cached:
        return cached
    council, officer = ctx["council"], ctx["personas"]["officer"]
    person = Person.objects.get(pk=_person(ctx))
    passenger = Passenger.objects.create(person=person, organisation=council, wheelchair_user=True,
                                         registered_by=officer)
    home = PassengerAddress.objects.create(passenger=passenger, label="Home", address="1 High Street",
                                           postcode="TS18 1AU", latitude=54.5642, longitude=-1.3129, is_home=True)
    surgery = PassengerAddress.objects.create(passenger=passenger, label="Surgery", address="Health Centre",
                                              postcode="TS18 2AT", latitude=54.5540, longitude=-1.3150)
    user = User.objects.create_user(email="sample-council-driver@example.org", password="x" * 20)
    Membership.objects.create(user=user, organisation=council, role=Role.DRIVER)
    driver = Driver.objects.create(user=user, organisation=council, home_postcode="TS18 1AU",
                                   home_latitude=54.5642, home_longitude=-1.3129)
    day = timezone.localdate() + timedelta(days=1)
    at = lambda moment: timezone.make_aware(datetime.combine(day, moment))  # noqa: E731
    trip = Trip.objects.create(
        passenger=passenger, organisation=council, service_date=day, purpose="health_appointment",
        pickup_address=home.address, pickup_postcode=home.postcode, pickup_latitude=home.latitude,
        pickup_longitude=home.longitude, dropoff_address=surgery.address, dropoff_postcode=surgery.postcode,
        dropoff_latitude=surgery.latitude, dropoff_longitude=surgery.longitude, earliest_pickup=at(time(9)),
        latest_pickup=at(time(9, 30)), status="scheduled", driver=driver, booked_by=officer,
        planned_pickup_at=at(time(9, 10)), confirmed_at=timezone.now())
    done = Trip.objects.create(
        passenger=passenger, organisation=council, service_date=day - timedelta(days=7), purpose="shopping",
        pickup_address=home.address, pickup_postcode=home.postcode, pickup_latitude=home.latitude,
        pickup_longitude=home.longitude, dropoff_address=surgery.address, dropoff_postcode=surgery.postcode,
        dropoff_latitude=surgery.latitude, dropoff_longitude=surgery.longitude,
        earliest_pickup=at(time(9)) - timedelta(days=7), latest_pickup=at(time(9, 30)) - timedelta(days=7),
        status="completed", driver=driver, booked_by=officer, miles_driven=Decimal("6.0"), volunteer_minutes=50)
    regular = RegularBooking.objects.create(
        passenger=passenger, organisation=council, weekday=day.weekday(), purpose="social_group", pickup=home,
        dropoff=surgery, earliest_pickup=time(10), latest_pickup=time(10, 30), starts_on=day, created_by=officer)
    claim = MileageClaim.objects.create(driver=driver, organisation=council, submitted_by=user)
    ClaimLine.objects.create(claim=claim, trip=done, miles=Decimal("6.0"), passengers=1, rate=MileageRate.objects
                             .filter(applies_from__lte=date.today()).first(), at_rates_pence=Decimal("275.00"),
                             claimed_pence=Decimal("275.00"))
    ctx["_transport"] = world = {"passenger": passenger, "trip": trip, "driver": driver, "claim": claim,
                                 "regular": regular}
    return world


SAMPLES = {
    "passenger_id": lambda ctx: str(sample_world(ctx)["passenger"].pk),
    "trip_id": lambda ctx: str(sample_world(ctx)["trip"].pk),
    "driver_id": lambda ctx: str(sample_world(ctx)["driver"].pk),
    "claim_id": lambda ctx: str(sample_world(ctx)["claim"].pk),
    "regular_booking_id": lambda ctx: str(sample_world(ctx)["regular"].pk),
}
