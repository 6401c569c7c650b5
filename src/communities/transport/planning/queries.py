"""What the daily plan pages read (views never query personal data directly: tests/test_code_shape.py). The views
scope each of these with the signed-in user (``visible``/``get_visible_or_404``) or read only within a plan they
already fetched that way."""

from __future__ import annotations

from communities.transport.models import Driver, Trip

from .models import DayPlan, Run, RunStop


def needs_of(trip) -> list[str]:
    """What the driver must know before the trip: the passenger's needs, the booking's extras and note."""
    needs = list(trip.passenger.needs)
    if trip.needs_wheelchair_space and not trip.passenger.wheelchair_user:
        needs.append("Needs a wheelchair space")
    if trip.escort_count:
        needs.append(f"{trip.escort_count} escort{'s' if trip.escort_count > 1 else ''} travelling")
    if trip.notes:
        needs.append(trip.notes)
    return needs


def rows(stops) -> list[dict]:
    out = []
    for stop in stops:
        trip = stop.trip
        pickup = stop.kind == "pickup"
        out.append({"stop": stop, "trip": trip, "person": trip.passenger.person,
                    "address": trip.pickup_address if pickup else trip.dropoff_address,
                    "postcode": trip.pickup_postcode if pickup else trip.dropoff_postcode, "needs": needs_of(trip)})
    return out


def runs_of(plan: DayPlan) -> list[dict]:
    """Each run of a plan with its stops in order."""
    stops = (RunStop.objects.filter(run__plan=plan).select_related("trip__passenger__person")
             .order_by("run_id", "position"))
    by_run: dict[int, list] = {}
    for stop in stops:
        by_run.setdefault(stop.run_id, []).append(stop)
    runs = Run.objects.filter(plan=plan).select_related("driver__user", "vehicle")
    return [{"run": run, "rows": rows(by_run.get(run.pk, []))} for run in runs]


def run_rows(run: Run) -> list[dict]:
    return rows(RunStop.objects.filter(run=run).select_related("trip__passenger__person").order_by("position"))


def waiting_trips(plan: DayPlan, placed: set) -> list:
    """The day's open trips that are neither on a run nor listed as unserved: booked after planning."""
    return [t for t in Trip.objects.for_day(plan.organisation, plan.service_date).open()
            .select_related("passenger__person") if t.pk not in placed]


def trips_of(plan: DayPlan):
    return Trip.objects.filter(organisation=plan.organisation, service_date=plan.service_date)


def drivers_of(plan: DayPlan):
    return Driver.objects.filter(organisation=plan.organisation, is_active=True).select_related("user")


def version_of(plan: DayPlan) -> int:
    return DayPlan.objects.values_list("version", flat=True).get(pk=plan.pk)


def runs_for_sheet():
    return Run.objects.select_related("plan__organisation", "driver__user", "vehicle")
