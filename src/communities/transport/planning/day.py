"""A day of the scheme read from the database into the planning adapter's records (``instance.py``).

Which drivers: active drivers of the organisation with free time that day (``transport.availability.windows``)
and a car: their own (the first active one), or one of the scheme's own cars lent for the day
(``lend_scheme_cars``). Which trips: the day's trips not finished yet. Who may not take
which trip: ``transport.compliance`` (an expired or missing check), and a trip locked to a driver may go to no one
else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from communities.scheduling import HaversineTravel, OsrmTravel
from communities.transport.availability import windows
from communities.transport.compliance import ComplianceBook
from communities.transport.models import Driver, Trip

from .explain import Names
from .instance import Assumptions, DriverShift, Instance, TripNeed, build_instance
from .models import DayPlan, RunStop


def midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def to_minutes(day: date, moment: datetime) -> float:
    return (moment - midnight(day)).total_seconds() / 60.0


def to_datetime(day: date, minutes: float) -> datetime:
    return midnight(day) + timedelta(minutes=round(minutes))


def assumptions() -> Assumptions:
    return Assumptions(**getattr(settings, "TRANSPORT_PLANNING_ASSUMPTIONS", {}))


def travel_provider():
    """The configured travel times: an OSRM matrix when TRANSPORT_OSRM_URL is set, else haversine x detour / speed."""
    url = getattr(settings, "TRANSPORT_OSRM_URL", "")
    if url:
        return lambda points: OsrmTravel(points, base_url=url)
    factor = getattr(settings, "TRANSPORT_DETOUR_FACTOR", 1.3)
    speed = getattr(settings, "TRANSPORT_SPEED_KMH", 30.0)
    return lambda points: HaversineTravel(points, detour_factor=factor, speed_kmh=speed)


def travel_assumption() -> str:
    """What the page says about travel times."""
    url = getattr(settings, "TRANSPORT_OSRM_URL", "")
    if url:
        return "Travel times and distances come from the council's road-network engine (OSRM)."
    rules = assumptions()
    return (f"Travel times are estimates, not from a road map: the straight-line distance x "
            f"{getattr(settings, 'TRANSPORT_DETOUR_FACTOR', 1.3):g} for the roads, at "
            f"{getattr(settings, 'TRANSPORT_SPEED_KMH', 30.0):g} km/h on average. A passenger rides at most "
            f"{rules.ride_factor:g} x the direct time + {rules.ride_extra_minutes:g} minutes; helping someone in or "
            f"out takes {rules.boarding_minutes:g} minutes ({rules.wheelchair_boarding_minutes:g} with a wheelchair).")


@dataclass
class Day:
    """Everything the planner and the checker need about one day, with the database objects behind the ids."""

    instance: Instance
    names: Names
    trips: dict[str, Trip]
    drivers: dict[str, Driver]
    vehicles: dict[str, object] = field(default_factory=dict)  # driver id -> Vehicle
    reasons: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (trip, driver) -> compliance blockers
    unplannable: dict[str, str] = field(default_factory=dict)  # driver id -> why they are not in the plan


def driver_car(driver: Driver):
    return next((v for v in driver.vehicles.all() if v.is_active), None)


def lend_scheme_cars(organisation, carless: list[Driver]) -> dict:
    """The scheme's own cars (no owner) lent for the day, one each, to free drivers without a car of their own, in
    the order of their names (a car cannot be in two places, and the scheduler plans each car with one driver)."""
    from communities.transport.models import Vehicle

    cars = list(Vehicle.objects.filter(organisation=organisation, owner__isnull=True, is_active=True)
                .order_by("-wheelchair_spaces", "registration"))
    ordered = sorted(carless, key=lambda d: (d.name, str(d.pk)))
    return {driver.pk: car for driver, car in zip(ordered, cars, strict=False)}


def locked_drivers(plan: DayPlan | None, trips: list[Trip]) -> dict[str, str]:
    """trip id -> the driver a locked trip stays with (its confirmed driver, else the driver of its planned run)."""
    locked = {str(t.pk): str(t.driver_id) for t in trips if t.locked_to_driver and t.driver_id}
    if plan is not None:
        for stop in RunStop.objects.filter(run__plan=plan, kind="pickup", trip__locked_to_driver=True).select_related(
                "run"):
            locked.setdefault(str(stop.trip_id), str(stop.run.driver_id))
    return locked


def load_day(organisation, day: date, plan: DayPlan | None = None, ignore_lock: str | None = None) -> Day:
    """Read the day; ``ignore_lock``: a trip whose lock a coordinator's move overrides."""
    trips = list(Trip.objects.for_day(organisation, day).open().select_related("passenger__person"))
    drivers = list(Driver.objects.filter(organisation=organisation, is_active=True).select_related("user")
                   .prefetch_related("vehicles", "weekly_availability"))
    book = ComplianceBook.load(organisation, day)
    shifts, cars, unplannable = [], {}, {}
    free_times = {d.pk: windows(d, day) for d in drivers}
    lent = lend_scheme_cars(organisation, [d for d in drivers if free_times[d.pk] and driver_car(d) is None])
    for driver in drivers:
        car, free = driver_car(driver) or lent.get(driver.pk), free_times[driver.pk]
        if not free:
            unplannable[str(driver.pk)] = "not free that day"
            continue
        if car is None:
            unplannable[str(driver.pk)] = "no car of their own, and every scheme car is lent to another driver"
            continue
        cars[str(driver.pk)] = car
        home = (driver.home_latitude, driver.home_longitude)
        for k, (start, end) in enumerate(free):
            shifts.append(DriverShift(str(driver.pk), k, home, to_minutes(day, start), to_minutes(day, end),
                                      car.seats, car.wheelchair_spaces))
    planned = {str(d.pk) for d in drivers if str(d.pk) in cars}
    locks = locked_drivers(plan, trips)
    reasons: dict[tuple[str, str], list[str]] = {}
    blocked: dict[str, set[str]] = {}
    for trip in trips:
        tid = str(trip.pk)
        for driver in drivers:
            if str(driver.pk) not in planned:
                continue
            why = book.blockers(driver, cars[str(driver.pk)], trip)
            if why:
                reasons[(tid, str(driver.pk))] = why
                blocked.setdefault(tid, set()).add(str(driver.pk))
        if tid in locks and tid != ignore_lock:
            blocked.setdefault(tid, set()).update(planned - {locks[tid]})
    needs = [need(day, trip) for trip in trips]
    instance = build_instance(needs, shifts, blocked, assumptions(), travel_provider(), name=str(day))
    names = Names({str(t.pk): f"Trip {t.reference}" for t in trips},
                  {str(t.pk): t.pickup_address for t in trips}, {str(t.pk): t.dropoff_address for t in trips})
    return Day(instance, names, {str(t.pk): t for t in trips}, {str(d.pk): d for d in drivers}, cars, reasons,
               unplannable)


def need(day: date, trip: Trip) -> TripNeed:
    return TripNeed(
        str(trip.pk), (trip.pickup_latitude, trip.pickup_longitude), (trip.dropoff_latitude, trip.dropoff_longitude),
        to_minutes(day, trip.earliest_pickup), to_minutes(day, trip.latest_pickup),
        to_minutes(day, trip.appointment_at) if trip.appointment_at else None, trip.escort_count,
        trip.needs_wheelchair_space,
    )
