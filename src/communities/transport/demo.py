"""Demo borough extension (settings.DEMO_EXTENSIONS): the council's Volunteer Driver Service.

About 40 synthetic volunteer drivers (users with the driver role in the demo council, plus the demo driver login),
15 vehicles, weekly availability, checks with expiry dates (some expiring within the month, a few missing or
expired, so the blocks show), about 150 passengers from the synthetic residents, regular weekly journeys, and about
400 trips a week: four weeks done (outcomes, miles, claims approved, waiting or paid) and the next fortnight
requested, ready to be planned from the daily plan page. Every name, place name and figure is synthetic; the mileage
claims use the shipped HMRC rates. Dates run from the real today (not the borough's fixed date), so that tomorrow
can be planned in the demo.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.organisations.models import Membership, Role
from communities.people.models import Consent, Involvement
from communities.places.models import Postcode

from .models import (
    AvailabilityException,
    ComplianceItem,
    Driver,
    MileageClaim,
    Passenger,
    PassengerAddress,
    RegularBooking,
    Trip,
    TripStatusChange,
    Vehicle,
    WeeklyAvailability,
)
from .services.claims import price
from .services.common import road_miles

DRIVERS, VEHICLES, PASSENGERS, TRIPS_A_WEEK = 40, 15, 150, 400
DRIVERS_DOMAIN = "drivers.demo-borough.invalid"  # RFC 2606: never deliverable; not the demo logins' domain
PAST_WEEKS, FUTURE_DAYS = 4, 14
FIRST_NAMES = ["Alan", "Beryl", "Colin", "Dorothy", "Eric", "Freda", "Gordon", "Hilda", "Ian", "Joan", "Keith",
               "Linda", "Malcolm", "Norma", "Owen", "Pauline", "Ray", "Sheila", "Trevor", "Val"]
LAST_NAMES = ["Ashby", "Bell", "Carr", "Dale", "Ellis", "Forster", "Gibson", "Hall", "Irwin", "Jackson"]
PLACES = [("Health centre", "health_appointment"), ("Hospital outpatients", "health_appointment"),
          ("GP surgery", "health_appointment"), ("Day centre", "care_or_social_work"),
          ("Lunch club", "social_group"), ("Community café", "social_group"), ("Supermarket", "shopping"),
          ("Market", "shopping"), ("Library", "other")]
PURPOSE_MIX = [0.45, 0.1, 0.25, 0.15, 0.05]  # health, care, social, shopping, other


def _places(ctx):
    """Every postcode's point (the LSOA's central point where the postcode has none, as places.locate does)."""
    rows = [(pc, lat if lat is not None else lsoa_lat, lon if lon is not None else lsoa_lon)
            for pc, lat, lon, lsoa_lat, lsoa_lon in Postcode.objects.filter(council=ctx.council).order_by("postcode")
            .values_list("postcode", "latitude", "longitude", "lsoa__latitude", "lsoa__longitude")]
    rows = [row for row in rows if row[1] is not None]
    return {pc: (lat, lon) for pc, lat, lon in rows}, rows


def _drivers(ctx, rows, coordinator):
    council, rng = ctx.council_org, ctx.rng
    password = make_password(None)
    users = [User(email=f"volunteer-driver-{n:02d}@{DRIVERS_DOMAIN}", password=password,
                  full_name=f"{FIRST_NAMES[n % 20]} {LAST_NAMES[n // 4 % 10]} (demo driver)")
             for n in range(DRIVERS - 1)]
    User.objects.bulk_create(users)
    demo_driver = User.objects.filter(email=demo_email("driver")).first()
    users = list(User.objects.filter(email__endswith=DRIVERS_DOMAIN))
    if demo_driver is not None:
        users.append(demo_driver)
    Membership.objects.bulk_create([Membership(user=u, organisation=council, role=Role.DRIVER, created_by=coordinator)
                                    for u in users], ignore_conflicts=True)
    homes = rng.choice(len(rows), size=len(users))
    drivers = [Driver(user=u, organisation=council, home_postcode=rows[k][0], home_latitude=rows[k][1],
                      home_longitude=rows[k][2], phone=f"07700 9{n:05d}")
               for n, (u, k) in enumerate(zip(users, homes, strict=True))]
    Driver.objects.bulk_create(drivers)
    return drivers


def _vehicles(ctx, drivers):
    rng, today = ctx.rng, timezone.localdate()
    vehicles = []
    for n in range(VEHICLES):
        scheme_car = n < 3  # the scheme's own wheelchair-accessible cars
        vehicles.append(Vehicle(
            organisation=ctx.council_org, registration=f"DM{n:02d}VDS", description="Synthetic demo car",
            seats=4 if scheme_car else 3, wheelchair_spaces=1 if scheme_car else 0,
            first_registered=today - timedelta(days=int(rng.integers(200, 12 * 365))),
            owner=None if scheme_car else drivers[n]))
    Vehicle.objects.bulk_create(vehicles)
    return vehicles


def _checks(ctx, drivers, vehicles, coordinator):
    rng, today, items = ctx.rng, timezone.localdate(), []
    for n, driver in enumerate(drivers):
        checked = today - timedelta(days=int(rng.integers(30, 700)))
        soon = n % 8 == 0  # about one in eight has a check expiring within the month
        kinds = [("enhanced_dbs", 3 * 365), ("licence_check", 365), ("insurance", 365), ("training", 3 * 365)]
        for kind, days in kinds:
            if kind == "enhanced_dbs" and n % 13 == 5:
                continue  # no DBS yet: social and shopping trips only
            expires = checked + timedelta(days=days)
            if expires <= today or (soon and kind == "insurance"):
                expires = today + timedelta(days=int(rng.integers(3, 28)))
            items.append(ComplianceItem(driver=driver, kind=kind, checked_on=checked, expires_on=expires,
                                        share_code_made_on=checked - timedelta(days=2) if kind == "licence_check"
                                        else None, recorded_by=coordinator, reference=f"DEMO-{n:03d}"))
    for vehicle in vehicles:
        driver = vehicle.owner or drivers[0]
        items.append(ComplianceItem(driver=driver, vehicle=vehicle, kind="mot", checked_on=today - timedelta(days=60),
                                    expires_on=today + timedelta(days=305), recorded_by=coordinator))
    ComplianceItem.objects.bulk_create(items)


def _availability(ctx, drivers):
    rng, slots = ctx.rng, []
    for driver in drivers:
        for weekday in rng.choice(5, size=int(rng.integers(2, 5)), replace=False):
            morning = rng.random() < 0.6
            slots.append(WeeklyAvailability(driver=driver, weekday=int(weekday), starts=time(8 if morning else 12, 30),
                                            ends=time(13 if morning else 17, 30)))
    WeeklyAvailability.objects.bulk_create(slots)
    away = [AvailabilityException(driver=d, kind="holiday", reason="Demo holiday",
                                  starts_at=_at(timezone.localdate() + timedelta(days=3 + n), time(0)),
                                  ends_at=_at(timezone.localdate() + timedelta(days=10 + n), time(0)))
            for n, d in enumerate(drivers[:4])]
    AvailabilityException.objects.bulk_create(away)


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _passengers(ctx, located, rows, coordinator):
    council, rng = ctx.council_org, ctx.rng
    candidates = [p for p in ctx.people if p.postcode in located and (p.age or 0) >= 65][:PASSENGERS]
    Involvement.objects.bulk_create([Involvement(person=p, organisation=council, reason="Volunteer Driver Service "
                                                 "passenger") for p in candidates], ignore_conflicts=True)
    now = timezone.now()
    Consent.objects.bulk_create([Consent(person=p, purpose="transport", lawful_basis="consent",
                                         how_given="verbal_phone", given_at=now - timedelta(days=90),
                                         organisation=council, recorded_by=coordinator) for p in candidates])
    passengers = [Passenger(person=p, organisation=council, registered_by=coordinator,
                            no_suitable_public_transport=bool(rng.random() < 0.7), mobility_needs=True,
                            wheelchair_user=bool(rng.random() < 0.12), escort_needed=bool(rng.random() < 0.08),
                            registered_at=now - timedelta(days=90)) for p in candidates]
    Passenger.objects.bulk_create(passengers)
    destinations = [(label, purpose, rows[int(k)]) for (label, purpose), k in
                    zip(PLACES, rng.choice(len(rows), size=len(PLACES), replace=False), strict=False)]
    addresses = []
    for passenger in passengers:
        lat, lon = located[passenger.person.postcode]
        addresses.append(PassengerAddress(passenger=passenger, label="Home", address="Demo home address",
                                          postcode=passenger.person.postcode, latitude=lat, longitude=lon,
                                          is_home=True))
        for label, _, (pc, plat, plon) in destinations:
            addresses.append(PassengerAddress(passenger=passenger, label=label, address=f"Demo {label.lower()}",
                                              postcode=pc, latitude=plat, longitude=plon))
    PassengerAddress.objects.bulk_create(addresses)
    by_passenger = {}
    for address in addresses:
        by_passenger.setdefault(address.passenger_id, []).append(address)
    return passengers, by_passenger


def _trip(passenger, home, place, purpose, day, start_minutes, **extra):
    start = _at(day, time(start_minutes // 60, start_minutes % 60))
    return Trip(passenger=passenger, organisation=passenger.organisation, service_date=day, purpose=purpose,
                pickup_address=home.address, pickup_postcode=home.postcode, pickup_latitude=home.latitude,
                pickup_longitude=home.longitude, dropoff_address=place.address, dropoff_postcode=place.postcode,
                dropoff_latitude=place.latitude, dropoff_longitude=place.longitude, earliest_pickup=start,
                latest_pickup=start + timedelta(minutes=30), needs_wheelchair_space=passenger.wheelchair_user,
                escort_count=1 if passenger.escort_needed else 0, **extra)


def _past_outcome(rng, trip, driver, day):
    roll = rng.random()
    trip.driver, trip.confirmed_at = driver, trip.requested_at + timedelta(hours=float(rng.uniform(2, 60)))
    trip.planned_pickup_at = trip.earliest_pickup + timedelta(minutes=10)
    trip.outcome_recorded_at, trip.outcome_recorded_by = _at(day, time(18)), driver.user
    if roll < 0.86:
        miles = road_miles(trip.pickup_latitude, trip.pickup_longitude, trip.dropoff_latitude,
                           trip.dropoff_longitude) + float(rng.uniform(2, 8))
        trip.status, trip.miles_driven = "completed", Decimal(f"{miles:.1f}")
        trip.volunteer_minutes = int(30 + miles * 4)
    elif roll < 0.91:
        trip.status, trip.miles_driven, trip.volunteer_minutes = "no_show", Decimal("4.0"), 25
    elif roll < 0.96:
        trip.status, trip.cancelled_by = "cancelled_late", "passenger"
    else:
        trip.status, trip.driver, trip.confirmed_at = "turned_away", None, None
        trip.turned_away_reason, trip.planned_pickup_at = "No driver free that morning; offered another day", None


def _trips(ctx, passengers, by_passenger, drivers, coordinator):
    rng, today, trips = ctx.rng, timezone.localdate(), []
    purposes = ["health_appointment", "care_or_social_work", "social_group", "shopping", "other"]
    per_day = TRIPS_A_WEEK // 5
    for offset in range(-PAST_WEEKS * 7, FUTURE_DAYS + 1):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5 or offset == 0:
            continue
        for _ in range(per_day // 2):  # outward and return
            passenger = passengers[int(rng.integers(len(passengers)))]
            purpose = purposes[int(rng.choice(5, p=PURPOSE_MIX))]
            home, *places = by_passenger[passenger.pk]
            place = next((a for a in places if _purpose_of(a.label) == purpose), places[0])
            start = int(rng.integers(8 * 60 + 30, 13 * 60)) // 15 * 15
            requested = _at(day, time(10)) - timedelta(days=int(rng.integers(2, 15)))
            common = {"booked_by": coordinator, "requested_at": requested}
            outward = _trip(passenger, home, place, purpose, day, start, **common)
            back = _trip(passenger, place, home, purpose, day, start + 120, return_of=outward, **common)
            if offset < 0:
                driver = drivers[int(rng.integers(len(drivers)))]
                _past_outcome(rng, outward, driver, day)
                _past_outcome(rng, back, driver, day)
            trips += [outward, back]
    Trip.objects.bulk_create(trips, batch_size=1000)
    TripStatusChange.objects.bulk_create(
        [TripStatusChange(trip=t, to_status="requested", by=coordinator, at=t.requested_at, note="Demo booking")
         for t in trips] +
        [TripStatusChange(trip=t, from_status="requested", to_status=t.status, by=t.outcome_recorded_by,
                          at=t.outcome_recorded_at, note="Demo outcome") for t in trips if t.outcome_recorded_at],
        batch_size=2000)
    return trips


def _purpose_of(label: str) -> str:
    return dict(PLACES).get(label, "other")


def _regular(ctx, passengers, by_passenger, coordinator):
    bookings = []
    for passenger in passengers[:30]:
        home, *places = by_passenger[passenger.pk]
        club = next(a for a in places if a.label == "Lunch club")
        bookings.append(RegularBooking(
            passenger=passenger, organisation=ctx.council_org, weekday=1, purpose="social_group", pickup=home,
            dropoff=club, earliest_pickup=time(10, 30), latest_pickup=time(11), return_earliest_pickup=time(14),
            return_latest_pickup=time(14, 30), starts_on=timezone.localdate(), created_by=coordinator))
    RegularBooking.objects.bulk_create(bookings)


def _claims(ctx, trips, drivers, coordinator):
    from .models import ClaimLine

    rng, driven = ctx.rng, {}
    for trip in trips:
        if trip.driver_id and trip.miles_driven:
            driven.setdefault(trip.driver_id, []).append(trip)
    by_id = {d.pk: d for d in drivers}
    for driver_id, done in driven.items():
        driver = by_id[driver_id]
        claim = MileageClaim.objects.create(driver=driver, organisation=ctx.council_org, submitted_by=driver.user)
        ClaimLine.objects.bulk_create([
            ClaimLine(claim=claim, trip=line.trip, miles=line.miles, passenger_miles=line.passenger_miles,
                      passengers=line.passengers, rate=line.rate, at_rates_pence=line.at_rates_pence,
                      claimed_pence=line.claimed_pence) for line in price(driver, done)])
        roll = rng.random()
        if roll < 0.6:
            claim.status = "paid" if roll < 0.3 else "approved"
            claim.decided_by, claim.decided_at = coordinator, timezone.now() - timedelta(days=2)
            claim.exported_at = claim.decided_at if claim.status == "paid" else None
            claim.save()


def add_demo_transport(ctx) -> None:
    coordinator = User.objects.get(email=demo_email("coordinator"))
    located, rows = _places(ctx)
    drivers = _drivers(ctx, rows, coordinator)
    vehicles = _vehicles(ctx, drivers)
    _checks(ctx, drivers, vehicles, coordinator)
    _availability(ctx, drivers)
    passengers, by_passenger = _passengers(ctx, located, rows, coordinator)
    if not passengers:
        return
    trips = _trips(ctx, passengers, by_passenger, drivers, coordinator)
    _regular(ctx, passengers, by_passenger, coordinator)
    _claims(ctx, trips, drivers, coordinator)
