"""Volunteer Driver Service daily plans: one plan per organisation and day, one run per driver and day, its stops.

A plan is drafted by the planning job (``jobs.py``), adjusted by hand, then published; only publishing writes the
driver, vehicle and planned times onto the trips (``transport.Trip``) and lets each driver see their passengers.

Double assignment is stopped twice: a driver has at most one run a day (``one_run_per_driver_a_day``, across every
plan), and a trip sits on at most one run (``one_pickup_per_trip``, ``one_dropoff_per_trip``); every change to a plan
is a conditional ``UPDATE ... WHERE version = n`` (``services.bump``), so of two coordinators editing the same plan
the second is told to reload instead of overwriting the first.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from communities.transport.models.scoping import manages_scheme


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Not planned yet"
    PLANNING = "planning", "Planning"
    READY = "ready", "Planned, not published"
    PUBLISHED = "published", "Published to drivers"


class DayPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not manages_scheme(user):
            return self.none()
        return self.filter(organisation=organisation)


class DayPlan(models.Model):
    """The plan of one organisation's scheme for one day."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField()
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="Moves on with every change (conditional updates)")
    job = models.ForeignKey("core.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    search_seconds = models.PositiveIntegerField(default=48, help_text="Time the scheduler may search in all")
    draft = models.JSONField(default=dict, blank=True,
                             help_text="The job's plan between slices: stops per driver's window (ids only)")
    travel_assumption = models.CharField(max_length=300, blank=True)
    distance_km = models.FloatField(null=True, blank=True)
    iterations = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    planned_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    objects = DayPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-service_date"]
        constraints = [models.UniqueConstraint(fields=["organisation", "service_date"], name="one_plan_a_day")]

    def __str__(self) -> str:
        return f"Plan for {self.service_date:%A %d %B %Y}"

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED


class RunQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see their organisation's runs; a driver sees their own runs of published plans only."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        mine = self.filter(plan__organisation=organisation)
        if manages_scheme(user):
            return mine
        return mine.filter(driver__user=user, plan__status=PlanStatus.PUBLISHED)


class Run(models.Model):
    """One driver's work on one day: their stops in order, in the car they drive."""

    AUDIT_READS = True

    plan = models.ForeignKey(DayPlan, on_delete=models.CASCADE, related_name="runs")
    driver = models.ForeignKey("transport.Driver", on_delete=models.PROTECT, related_name="runs")
    vehicle = models.ForeignKey("transport.Vehicle", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="runs")
    service_date = models.DateField()

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["driver__user__full_name"]
        constraints = [models.UniqueConstraint(fields=["driver", "service_date"], name="one_run_per_driver_a_day")]

    def __str__(self) -> str:
        return f"Run of {self.driver} on {self.service_date:%d %b %Y}"


class StopKind(models.TextChoices):
    PICKUP = "pickup", "Pick up"
    DROPOFF = "dropoff", "Drop off"


class RunStop(models.Model):
    """A pickup or drop-off on a run, with the time the plan expects the driver there."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="stops")
    trip = models.ForeignKey("transport.Trip", on_delete=models.CASCADE, related_name="run_stops")
    kind = models.CharField(max_length=10, choices=StopKind.choices)
    window = models.PositiveSmallIntegerField(default=0, help_text="Which of the driver's free times that day")
    position = models.PositiveSmallIntegerField()
    arrives_at = models.DateTimeField()
    starts_at = models.DateTimeField(help_text="After any wait for the window to open")

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="one_stop_per_position"),
            models.UniqueConstraint(fields=["trip"], condition=Q(kind="pickup"), name="one_pickup_per_trip"),
            models.UniqueConstraint(fields=["trip"], condition=Q(kind="dropoff"), name="one_dropoff_per_trip"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.starts_at:%H:%M}"


class UnservedTrip(models.Model):
    """A trip the plan could not take, with why: the coordinator offers another day or another service."""

    class Reason(models.TextChoices):
        NO_DRIVER = "no_vehicle_can_serve", "No available driver and car could take it, even alone"
        NO_ROOM = "no_room_in_plan", "Every driver who could take it is busy with other trips"
        PENALTY = "penalty_cheaper", "Left out: optional trip"

    plan = models.ForeignKey(DayPlan, on_delete=models.CASCADE, related_name="unserved")
    trip = models.ForeignKey("transport.Trip", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=30, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["trip__earliest_pickup"]
        constraints = [models.UniqueConstraint(fields=["plan", "trip"], name="trip_unserved_once_per_plan")]

    def __str__(self) -> str:
        return f"Unserved: {self.get_reason_display()}"


class PassengerMessage(models.Model):
    """A confirmation or reminder sent to a passenger about a trip (once each: a re-run of the sender skips it)."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation"
        REMINDER = "reminder", "Reminder the day before"

    trip = models.ForeignKey("transport.Trip", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10, help_text="text, email, or phone when the scheme must call")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at"]
        constraints = [models.UniqueConstraint(fields=["trip", "kind"], name="one_message_of_a_kind_per_trip")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.channel}"
