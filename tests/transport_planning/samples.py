"""URL samples for the daily plans (tests/url_samples.py adds them): the council's published plan for tomorrow with
one council driver's run and one trip on it. Drivers of other organisations (the partner's ``driver`` personas) must
get 404 on that run."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def planning_world(ctx) -> dict:
    from django.utils import timezone

    from communities.accounts.models import User
    from communities.organisations.models import Membership, Role
    from communities.people.models import Involvement, Person
    from communities.transport.models import Driver, Passenger, Trip, Vehicle
    from communities.transport.planning.models import DayPlan, Run, RunStop

    cached = ctx.get("_transport_planning")
    if cached:
        return cached
    council, officer = ctx["council"], ctx["personas"]["officer"]
    person = Person.objects.create(first_name="Sample", last_name="Passenger")
    Involvement.objects.create(person=person, organisation=council, reason="volunteer car scheme")
    passenger = Passenger.objects.create(person=person, organisation=council, mobility_needs=True,
                                         registered_by=officer)
    user = User.objects.create_user(email="sample-run-driver@example.org", password="x" * 20)
    Membership.objects.create(user=user, organisation=council, role=Role.DRIVER)
    driver = Driver.objects.create(user=user, organisation=council, home_postcode="TS18 1AU",
                                   home_latitude=54.5642, home_longitude=-1.3129)
    car = Vehicle.objects.create(organisation=council, registration="SA12PLE", seats=3,
                                 first_registered=date(2024, 1, 1), owner=driver)
    day = timezone.localdate() + timedelta(days=1)

    def at(moment: time) -> datetime:
        return timezone.make_aware(datetime.combine(day, moment))

    trip = Trip.objects.create(
        passenger=passenger, organisation=council, service_date=day, purpose="shopping",
        pickup_address="1 High Street", pickup_postcode="TS18 1AU", pickup_latitude=54.5642,
        pickup_longitude=-1.3129, dropoff_address="Wellington Square", dropoff_postcode="TS18 1NA",
        dropoff_latitude=54.5660, dropoff_longitude=-1.3180, earliest_pickup=at(time(9)),
        latest_pickup=at(time(9, 30)), booked_by=officer)
    plan = DayPlan.objects.create(organisation=council, service_date=day, status="published", created_by=officer)
    run = Run.objects.create(plan=plan, driver=driver, vehicle=car, service_date=day)
    RunStop.objects.create(run=run, trip=trip, kind="pickup", position=0, arrives_at=at(time(9)),
                           starts_at=at(time(9)))
    RunStop.objects.create(run=run, trip=trip, kind="dropoff", position=1, arrives_at=at(time(9, 10)),
                           starts_at=at(time(9, 10)))
    ctx["_transport_planning"] = world = {"plan": plan, "run": run, "trip": trip}
    return world


SAMPLES = {
    "day_plan_id": lambda ctx: planning_world(ctx)["plan"].pk,
    "planned_trip_id": lambda ctx: str(planning_world(ctx)["trip"].pk),
    "run_id": lambda ctx: planning_world(ctx)["run"].pk,
}
