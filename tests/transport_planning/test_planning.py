"""The planning job end to end on a small day, moves and locks re-checked with named constraints, publishing,
late bookings that move nobody else, and the race of two coordinators."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ValidationError

from communities.core import jobs, notify
from communities.people.models import Assignment
from communities.transport.models import ComplianceKind, Status, Trip
from communities.transport.planning import services
from communities.transport.planning.models import DayPlan, PassengerMessage, PlanStatus, Run, RunStop, UnservedTrip

from .conftest import CLUB, HOMES


def plan_now(scheme) -> DayPlan:
    """Start planning as the page does, then run the queued job here (as a worker would)."""
    plan = services.start_planning(actor=scheme.coordinator, organisation=scheme.organisation, day=scheme.day)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PLANNING and plan.job.units_total == 2
    jobs.run(plan.job_id)
    plan.refresh_from_db()
    return plan


def run_of(plan, driver) -> list[tuple[str, str]]:
    return [(str(s.trip_id), s.kind) for s in RunStop.objects.filter(run__plan=plan, run__driver=driver)
            .order_by("position")]


@pytest.mark.django_db
def test_the_job_plans_the_day_in_slices_and_nothing_is_visible_to_drivers_until_published(scheme):
    plan = plan_now(scheme)
    assert plan.status == PlanStatus.READY and plan.job.status == "done" and plan.job.units_done == 2
    planned = set(RunStop.objects.filter(run__plan=plan).values_list("trip_id", flat=True))
    assert planned == {t.pk for t in scheme.trips} and not UnservedTrip.objects.filter(plan=plan).exists()
    assert "straight-line distance x 1.3" in plan.travel_assumption
    for stop in RunStop.objects.filter(run__plan=plan, kind="dropoff", trip__appointment_at__isnull=False):
        assert stop.starts_at <= stop.trip.appointment_at
    assert not Trip.objects.filter(driver__isnull=False).exists()  # written only when published
    sam = scheme.drivers[0].user
    sam.current_organisation, sam.current_roles = scheme.organisation, {"driver"}
    assert not Run.objects.visible_to(sam).exists()


@pytest.mark.django_db
def test_a_driver_without_enhanced_dbs_gets_no_health_trip_and_a_blocked_trip_is_listed_with_why(scheme):
    scheme.drivers[1].compliance_items.filter(kind=ComplianceKind.ENHANCED_DBS).delete()
    scheme.drivers[0].compliance_items.filter(kind=ComplianceKind.ENHANCED_DBS).delete()
    plan = plan_now(scheme)
    health = {str(t.pk) for t in scheme.trips if t.purpose == "health_appointment"}
    assert {str(u.trip_id) for u in UnservedTrip.objects.filter(plan=plan)} == health
    unserved = UnservedTrip.objects.filter(plan=plan).first()
    assert unserved.reason == "no_vehicle_can_serve"
    assert unserved.detail.startswith("Every driver free that day is blocked: No Enhanced DBS with adults' barred list")


@pytest.mark.django_db
def test_moving_a_trip_by_hand_is_checked_and_names_the_broken_constraint(scheme):
    plan = plan_now(scheme)
    sam, ria = scheme.drivers
    trip = scheme.trips[0]
    current = RunStop.objects.get(run__plan=plan, trip=trip, kind="pickup").run.driver
    other = ria if current == sam else sam
    services.move_trip(actor=scheme.coordinator, plan=plan, trip=trip, driver=other, version=plan.version)
    assert RunStop.objects.get(trip=trip, kind="pickup").run.driver == other
    # Kim only starts at 10:35: with her, trip 1 would be late for its 10:45 appointment
    kim = scheme.add_driver("Kim", HOMES[4], starts="10:35")
    plan.refresh_from_db()
    late = scheme.trips[1]
    with pytest.raises(ValidationError) as caught:
        services.move_trip(actor=scheme.coordinator, plan=plan, trip=late, driver=kim, version=plan.version)
    text = caught.value.messages
    hospital = "James Cook University Hospital, Marton Road, Middlesbrough"
    assert any(m.startswith(f"Trip {late.reference} would arrive at {hospital} at 1")
               and m.endswith("after its 10:45 appointment") for m in text), text
    assert any(m.startswith(f"Trip {late.reference} would be picked up at 2 High Street") for m in text), text
    assert RunStop.objects.get(trip=late, kind="pickup").run.driver != kim  # nothing changed


@pytest.mark.django_db
def test_a_move_to_a_blocked_driver_names_the_check(scheme):
    plan = plan_now(scheme)
    sam, ria = scheme.drivers
    trip = scheme.trips[0]
    target = ria if RunStop.objects.get(trip=trip, kind="pickup").run.driver == sam else sam
    target.compliance_items.filter(kind=ComplianceKind.ENHANCED_DBS).delete()
    with pytest.raises(ValidationError) as caught:
        services.move_trip(actor=scheme.coordinator, plan=plan, trip=trip, driver=target, version=plan.version)
    assert caught.value.messages == [f"Trip {trip.reference} cannot go to {target.name}: No Enhanced DBS with "
                                     "adults' barred list recorded: needed for conveying someone to or from health "
                                     "care, personal care or social work"] or "Enhanced DBS" in caught.value.messages[0]


@pytest.mark.django_db
def test_a_locked_trip_stays_with_its_driver_when_the_day_is_planned_again(scheme):
    plan = plan_now(scheme)
    trip = scheme.trips[2]
    sam, ria = scheme.drivers
    holder = RunStop.objects.get(trip=trip, kind="pickup").run.driver
    other = ria if holder == sam else sam
    services.move_trip(actor=scheme.coordinator, plan=plan, trip=trip, driver=other, version=plan.version)
    plan.refresh_from_db()
    services.lock_trip(actor=scheme.coordinator, plan=plan, trip=trip, locked=True, version=plan.version)
    for _ in range(2):
        plan = plan_now(scheme)
        assert RunStop.objects.get(trip=trip, kind="pickup").run.driver == other


@pytest.mark.django_db
def test_publish_confirms_trips_assigns_passengers_to_their_driver_only_and_messages_them(scheme):
    plan = plan_now(scheme)
    count = services.publish(actor=scheme.coordinator, plan=plan, version=plan.version)
    assert count == 4
    plan.refresh_from_db()
    from communities.transport.planning.messages import send_confirmations, send_reminders

    send_confirmations(plan)
    for trip in Trip.objects.filter(pk__in=[t.pk for t in scheme.trips]):
        assert trip.status == Status.SCHEDULED and trip.driver_id and trip.planned_pickup_at
        run = Run.objects.get(plan=plan, driver=trip.driver)
        assert Assignment.objects.filter(person=trip.passenger.person, user=run.driver.user, kind="trip",
                                         ended_at__isnull=True).count() == 1
        other = next(d for d in scheme.drivers if d != trip.driver)
        assert not Assignment.objects.filter(person=trip.passenger.person, user=other.user).exists()
    assert {m.template for m in notify.outbox} == {"transport_trip_confirmed"} and len(notify.outbox) == 4
    send_confirmations(plan)  # never twice
    assert len(notify.outbox) == 4
    assert send_reminders(now=None) == {"text": 4}
    assert send_reminders(now=None) == {}
    assert PassengerMessage.objects.filter(kind="reminder").count() == 4
    sam = scheme.drivers[0]
    sam.user.current_organisation, sam.user.current_roles = scheme.organisation, {"driver"}
    assert set(Run.objects.visible_to(sam.user)) == set(Run.objects.filter(plan=plan, driver=sam))


@pytest.mark.django_db
def test_a_late_booking_goes_in_within_a_second_and_nothing_else_moves(scheme):
    plan = plan_now(scheme)
    services.publish(actor=scheme.coordinator, plan=plan, version=plan.version)
    plan.refresh_from_db()
    before = {d.pk: run_of(plan, d) for d in scheme.drivers}
    times = dict(RunStop.objects.filter(run__plan=plan).values_list("trip_id", "starts_at"))
    late = scheme.add_trip(HOMES[1], "15:00", "15:30", to=CLUB, purpose="shopping")
    started = time.perf_counter()
    name = services.add_late_booking(actor=scheme.coordinator, plan=plan, trip=late, version=plan.version)
    seconds = time.perf_counter() - started
    assert seconds <= 1.0, seconds
    after = {d.pk: run_of(plan, d) for d in scheme.drivers}
    for pk, stops in after.items():
        assert [s for s in stops if s[0] != str(late.pk)] == before[pk]
    late.refresh_from_db()
    assert late.status == Status.SCHEDULED and late.driver.name == name
    for stop in RunStop.objects.filter(run__plan=plan).exclude(trip=late).filter(kind="pickup"):
        assert stop.trip.earliest_pickup <= stop.starts_at <= stop.trip.latest_pickup
    assert set(times) <= set(RunStop.objects.values_list("trip_id", flat=True))


@pytest.mark.django_db
def test_two_coordinators_on_the_same_plan_the_second_is_told_to_reload(scheme):
    plan = plan_now(scheme)
    seen = plan.version
    sam, ria = scheme.drivers
    first, second = scheme.trips[2], scheme.trips[3]
    target = {first.pk: ria if RunStop.objects.get(trip=first, kind="pickup").run.driver == sam else sam}
    services.move_trip(actor=scheme.coordinator, plan=plan, trip=first, driver=target[first.pk], version=seen)
    with pytest.raises(ValidationError, match="Someone else changed this plan"):
        services.move_trip(actor=scheme.coordinator, plan=plan, trip=second, driver=target[first.pk], version=seen)


@pytest.mark.django_db
def test_the_database_refuses_a_second_run_for_a_driver_on_a_day_and_a_trip_on_two_runs(scheme):
    from django.db import IntegrityError, transaction

    plan = plan_now(scheme)
    run = Run.objects.filter(plan=plan).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.create(plan=plan, driver=run.driver, service_date=plan.service_date)
    stop = RunStop.objects.filter(run__plan=plan, kind="pickup").first()
    other = Run.objects.exclude(pk=stop.run_id).filter(plan=plan).first() or Run.objects.create(
        plan=plan, driver=next(d for d in scheme.drivers if d != stop.run.driver), service_date=plan.service_date)
    with pytest.raises(IntegrityError), transaction.atomic():
        RunStop.objects.create(run=other, trip=stop.trip, kind="pickup", position=99, arrives_at=stop.arrives_at,
                               starts_at=stop.starts_at)


@pytest.mark.django_db
def test_a_past_day_cannot_be_planned_and_a_plan_being_made_cannot_be_edited(scheme):
    from datetime import timedelta

    with pytest.raises(ValidationError):
        services.start_planning(actor=scheme.coordinator, organisation=scheme.organisation,
                                day=scheme.day - timedelta(days=3))
    plan = services.start_planning(actor=scheme.coordinator, organisation=scheme.organisation, day=scheme.day)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="Wait until the day is planned"):
        services.move_trip(actor=scheme.coordinator, plan=plan, trip=scheme.trips[0], driver=scheme.drivers[0],
                           version=plan.version)
    with pytest.raises(ValidationError, match="being planned already"):
        services.start_planning(actor=scheme.coordinator, organisation=scheme.organisation, day=scheme.day)


@pytest.mark.django_db
def test_moving_a_trip_after_publishing_moves_the_passenger_to_the_new_driver(scheme):
    plan = plan_now(scheme)
    services.publish(actor=scheme.coordinator, plan=plan, version=plan.version)
    plan.refresh_from_db()
    trip = scheme.trips[2]  # the social trip: its passenger has no other trip that day
    old = RunStop.objects.get(trip=trip, kind="pickup").run.driver
    new = next(d for d in scheme.drivers if d != old)
    services.move_trip(actor=scheme.coordinator, plan=plan, trip=trip, driver=new, version=plan.version)
    trip.refresh_from_db()
    person = trip.passenger.person
    assert trip.driver == new and trip.status == Status.SCHEDULED
    assert Assignment.objects.filter(person=person, user=new.user, kind="trip", ended_at__isnull=True).exists()
    assert not Assignment.objects.filter(person=person, user=old.user, ended_at__isnull=True).exists()
