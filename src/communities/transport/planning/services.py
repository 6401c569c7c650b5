"""Changing a day plan: planning it (as a background job), moving and locking trips by hand, publishing, late
bookings. Each change and its audit row in one transaction, behind a conditional ``UPDATE ... WHERE version = n``.

Only these functions write a trip's driver, vehicle, planned times, lock and the ``scheduled`` status.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core import jobs
from communities.people.models import Assignment
from communities.people.services import assign_person, end_assignment, end_of_day
from communities.scheduling import Solution
from communities.transport.models import Status, Trip, TripStatusChange

from .day import Day, load_day, to_datetime, to_minutes, travel_assumption
from .explain import check_run
from .models import DayPlan, PlanStatus, Run, RunStop, UnservedTrip
from .solving import Sequences, insert_late, sequences, solution_from_sequences

PLAN_KIND = "transport_planning.plan_day"
STALE = ("Someone else changed this plan while you were looking at it. Nothing was changed: reload the page and "
         "try again.")


def bump(plan: DayPlan, version: int, **changes) -> None:
    """Move the plan to the next version, only from ``version`` (the one the coordinator saw)."""
    if not DayPlan.objects.filter(pk=plan.pk, version=version).update(version=F("version") + 1, **changes):
        raise ValidationError(STALE)
    plan.refresh_from_db()


def slices() -> int:
    return max(1, int(getattr(settings, "TRANSPORT_PLANNING_SLICES", 6)))


def start_planning(*, actor, organisation, day: date, request=None) -> DayPlan:
    """Queue the planning job for ``day`` (a new plan, or a re-plan of one not yet published)."""
    if day < timezone.localdate():
        raise ValidationError({"day": "Choose today or a day in the future"})
    with transaction.atomic():
        plan, _ = DayPlan.objects.get_or_create(
            organisation=organisation, service_date=day,
            defaults={"created_by": actor, "search_seconds": getattr(settings, "TRANSPORT_PLANNING_SECONDS", 48)})
        if plan.status == PlanStatus.PLANNING:
            raise ValidationError("This day is being planned already: wait for it to finish")
        if plan.is_published:
            raise ValidationError("This day's plan is published: move trips by hand or add late bookings instead")
        job = jobs.create(PLAN_KIND, units_total=slices())
        bump(plan, plan.version, status=PlanStatus.PLANNING, job=job, draft={},
             travel_assumption=travel_assumption())
        record(actor=actor, action=Action.UPDATE, obj=plan, organisation=organisation, request=request,
               reason="daily plan started", fields={"day": day.isoformat(), "job": job.pk})
    transaction.on_commit(lambda: jobs.enqueue(job))
    return plan


def current_sequences(plan: DayPlan) -> Sequences:
    seqs: Sequences = {}
    for stop in RunStop.objects.filter(run__plan=plan).select_related("run").order_by("run_id", "window", "position"):
        seqs.setdefault(f"{stop.run.driver_id}/{stop.window}", []).append((str(stop.trip_id), stop.kind))
    return seqs


def unserved_detail(day: Day, trip_id: str, reason: str) -> str:
    if reason != UnservedTrip.Reason.NO_DRIVER:
        return "Offer another time or day, or another service"
    planned = {s.driver for s in day.instance.shifts.values()}
    why = sorted({r for d in planned for r in day.reasons.get((trip_id, d), [])})
    if planned and all((trip_id, d) in day.reasons for d in planned):
        return "Every driver free that day is blocked: " + "; ".join(why[:3])
    return "No driver is free at that time with a suitable car: offer another time or day, or another service"


def save_plan(plan: DayPlan, day: Day, solution: Solution, actor=None) -> None:
    """Write the runs, stops and unserved trips of ``solution`` (inside the caller's transaction)."""
    by_driver: dict[str, list] = {}
    for route in solution.routes:
        shift = day.instance.shifts[route.vehicle_id]
        by_driver.setdefault(shift.driver, []).append((shift.window, route))
    RunStop.objects.filter(run__plan=plan).delete()
    Run.objects.filter(plan=plan).exclude(driver_id__in=list(by_driver)).delete()
    stops = []
    for driver_id, routes in by_driver.items():
        try:
            with transaction.atomic():
                run, _ = Run.objects.update_or_create(
                    plan=plan, driver_id=driver_id,
                    defaults={"service_date": plan.service_date, "vehicle": day.vehicles[driver_id]})
        except IntegrityError as exc:
            name = day.drivers[driver_id].name
            raise ValidationError(f"{name} already has a run on {plan.service_date:%d %B %Y} in another plan") from exc
        position = 0
        for window, route in sorted(routes, key=lambda wr: wr[0]):
            for visit in route.visits:
                if visit.request_id is None:
                    continue
                stops.append(RunStop(run=run, trip_id=visit.request_id, kind=str(visit.kind), window=window,
                                     position=position, arrives_at=to_datetime(plan.service_date, visit.arrival),
                                     starts_at=to_datetime(plan.service_date, visit.start)))
                position += 1
    RunStop.objects.bulk_create(stops)
    UnservedTrip.objects.filter(plan=plan).delete()
    UnservedTrip.objects.bulk_create([
        UnservedTrip(plan=plan, trip_id=tid, reason=str(reason), detail=unserved_detail(day, tid, str(reason)))
        for tid, reason in solution.unserved.items()])
    if plan.is_published:
        confirm_trips(plan, actor, note="plan changed after publishing")


def finish_planning(plan: DayPlan, day: Day) -> Solution:
    """The job's last step: the saved draft becomes the plan's runs (in the job's finishing transaction)."""
    solution = solution_from_sequences(day.instance.problem, plan.draft.get("routes", {}))
    save_plan(plan, day, solution)
    DayPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.READY, planned_at=timezone.now(),
                                              distance_km=solution.distance, version=F("version") + 1)
    record(actor=None, action=Action.UPDATE, obj=plan, organisation=plan.organisation,
           reason="daily plan made by the scheduler",
           fields={"trips_planned": len(day.trips) - len(solution.unserved), "unserved": len(solution.unserved),
                   "runs": len(solution.routes), "km": round(solution.distance, 1)})
    return solution


def _editable(plan: DayPlan, trip: Trip) -> None:
    if plan.status not in (PlanStatus.READY, PlanStatus.PUBLISHED):
        raise ValidationError("Wait until the day is planned before changing it")
    if trip.is_finished:
        raise ValidationError(f"Trip {trip.reference} is {trip.get_status_display().lower()}: it cannot change")
    if trip.organisation_id != plan.organisation_id or trip.service_date != plan.service_date:
        raise ValidationError(f"Trip {trip.reference} is not on this day's plan")


def move_trip(*, actor, plan: DayPlan, trip: Trip, driver, version: int, request=None) -> list[str]:
    """Give ``trip`` to ``driver`` by hand at the best place in their run, everyone else's run unchanged.

    The changed run is re-checked by the independent checker; a ValidationError names each broken constraint."""
    _editable(plan, trip)
    day = load_day(plan.organisation, plan.service_date, plan, ignore_lock=str(trip.pk))
    tid, did = str(trip.pk), str(driver.pk)
    name = driver.name
    if did in day.unplannable or did not in day.vehicles:
        raise ValidationError(f"{name} cannot take trips that day: {day.unplannable.get(did, 'not a driver here')}")
    if (tid, did) in day.reasons:
        raise ValidationError([f"Trip {trip.reference} cannot go to {name}: {why}" for why in day.reasons[(tid, did)]])
    seqs = {v: [s for s in stops if s[0] != tid] for v, stops in current_sequences(plan).items()}
    theirs = {vid for vid, s in day.instance.shifts.items() if s.driver == did}
    solution, vehicle = insert_late(day.instance.problem, seqs, tid, vehicles=theirs)
    if vehicle is None:
        raise ValidationError(why_not(day, plan, seqs, tid, theirs, name))
    problems = check_run(day.instance, vehicle, sequences(solution)[vehicle], day.names, name)
    if problems:  # the core accepted it but the independent checker does not: never save it
        raise ValidationError(problems)
    with transaction.atomic():
        bump(plan, version)
        save_plan(plan, day, solution, actor)
        record(actor=actor, action=Action.UPDATE, obj=plan, organisation=plan.organisation, request=request,
               reason="trip moved by hand", fields={"trip": trip.reference, "driver": name})
    return []


def why_not(day: Day, plan: DayPlan, seqs: Sequences, tid: str, vehicles: set[str], name: str) -> list[str]:
    """What the checker finds broken with the trip put in time order into each of the driver's free times."""
    need = day.instance.trips[tid]
    starts = {(str(s.trip_id), s.kind): to_minutes(plan.service_date, s.starts_at)
              for s in RunStop.objects.filter(run__plan=plan)}
    messages: list[str] = []
    for vid in sorted(vehicles):
        times = dict(starts)
        times[(tid, "pickup")] = need.earliest_pickup
        times[(tid, "dropoff")] = need.appointment if need.appointment is not None else need.latest_pickup + 1
        proposed = sorted([*seqs.get(vid, []), (tid, "pickup"), (tid, "dropoff")],
                          key=lambda s: (times.get(s, 0.0), s[1] == "pickup"))
        messages += [m for m in check_run(day.instance, vid, proposed, day.names, name) if m not in messages]
    return messages or [f"{name}'s run has no room for this trip"]


def lock_trip(*, actor, plan: DayPlan, trip: Trip, locked: bool, version: int, request=None) -> None:
    """Keep (or stop keeping) a planned trip with its driver when the day is planned again."""
    _editable(plan, trip)
    if locked and not RunStop.objects.filter(run__plan=plan, trip=trip).exists():
        raise ValidationError(f"Trip {trip.reference} has no driver in this plan to be locked to")
    with transaction.atomic():
        bump(plan, version)
        Trip.objects.filter(pk=trip.pk).update(locked_to_driver=locked)
        record(actor=actor, action=Action.UPDATE, obj=trip, organisation=plan.organisation, request=request,
               reason="trip locked to its driver" if locked else "trip unlocked",
               fields={"locked_to_driver": [trip.locked_to_driver, locked]})


def publish(*, actor, plan: DayPlan, version: int, request=None) -> int:
    """Confirm every planned trip to its driver and passenger: drivers see their own passengers from now until the
    end of the day. Returns how many trips were confirmed."""
    if plan.status != PlanStatus.READY:
        raise ValidationError("Only a planned day that is not yet published can be published")
    if plan.service_date < timezone.localdate():
        raise ValidationError("This day is over: it cannot be published")
    with transaction.atomic():
        bump(plan, version, status=PlanStatus.PUBLISHED, published_at=timezone.now(), published_by=actor)
        confirmed = confirm_trips(plan, actor, note="daily plan published")
        record(actor=actor, action=Action.UPDATE, obj=plan, organisation=plan.organisation, request=request,
               reason="daily plan published", fields={"trips_confirmed": confirmed})
    from .messages import send_confirmations

    transaction.on_commit(lambda: send_confirmations(plan))
    return confirmed


def confirm_trips(plan: DayPlan, actor, note: str) -> int:
    """Copy the published plan onto its trips and give each driver their passengers (Assignment kind trip); a trip
    that changed driver loses the old driver's assignment when they have no other trip with that passenger."""
    changed = 0
    stops = RunStop.objects.filter(run__plan=plan).select_related("run__driver__user", "trip__passenger__person")
    pairs: dict[str, dict] = {}
    for stop in stops:
        pairs.setdefault(str(stop.trip_id), {"trip": stop.trip, "run": stop.run})[stop.kind] = stop.starts_at
    for entry in pairs.values():
        trip, run = entry["trip"], entry["run"]
        fields = {"driver_id": run.driver_id, "vehicle_id": run.vehicle_id, "planned_pickup_at": entry["pickup"],
                  "planned_dropoff_at": entry["dropoff"], "status": Status.SCHEDULED}
        if all(getattr(trip, k) == v for k, v in fields.items()):
            continue
        Trip.objects.filter(pk=trip.pk).update(**fields, confirmed_at=trip.confirmed_at or timezone.now())
        if trip.status != Status.SCHEDULED:
            TripStatusChange.objects.create(trip=trip, from_status=trip.status, to_status=Status.SCHEDULED, by=actor,
                                            note=note)
        changed += 1
    _sync_assignments(plan, actor, pairs.values())
    return changed


def _sync_assignments(plan: DayPlan, actor, entries) -> None:
    wanted = {(e["trip"].passenger.person_id, e["run"].driver.user_id): e for e in entries}
    live = Assignment.objects.filter(organisation=plan.organisation, kind="trip", ended_at__isnull=True,
                                     ends_at=end_of_day(plan.service_date))
    have = {(a.person_id, a.user_id): a for a in live}
    for key, entry in wanted.items():
        if key not in have:
            assign_person(actor=actor, organisation=plan.organisation, person=entry["trip"].passenger.person,
                          assignee=entry["run"].driver.user, kind="trip", ends_at=end_of_day(plan.service_date),
                          reason=f"Driver for trip {entry['trip'].reference} on {plan.service_date:%d %B %Y}")
    for key, assignment in have.items():
        if key not in wanted:
            end_assignment(actor=actor, assignment=assignment)


def add_late_booking(*, actor, plan: DayPlan, trip: Trip, version: int, request=None) -> str | None:
    """Put a trip booked after planning into the plan at its cheapest place, moving no other trip; returns the
    driver's name, or raises with the reason when no run has room (offer another time, day or service)."""
    _editable(plan, trip)
    if RunStop.objects.filter(trip=trip).exists():
        raise ValidationError(f"Trip {trip.reference} is already planned")
    day = load_day(plan.organisation, plan.service_date, plan)
    solution, vehicle = insert_late(day.instance.problem, current_sequences(plan), str(trip.pk))
    if vehicle is None:
        raise ValidationError(f"No driver has room for trip {trip.reference} without moving other trips: offer "
                              "another time or day, or plan the day again if it is not published")
    shift = day.instance.shifts[vehicle]
    name = day.drivers[shift.driver].name
    problems = check_run(day.instance, vehicle, sequences(solution)[vehicle], day.names, name)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        bump(plan, version)
        save_plan(plan, day, solution, actor)
        record(actor=actor, action=Action.UPDATE, obj=plan, organisation=plan.organisation, request=request,
               reason="late booking added", fields={"trip": trip.reference, "driver": name})
    if plan.is_published:
        from .messages import send_confirmations

        transaction.on_commit(lambda: send_confirmations(plan))
    return name
