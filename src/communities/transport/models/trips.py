"""Trips (one leg each, outward or return), bookings that repeat every week, and each trip's status history.

The status history follows the Transportation Data Standards for demand-responsive transport (TCRP Report 210): trip
request → order confirmation → trip task → trip task completion, with every status change and who made it kept as a
row (``TripStatusChange``).

Visibility (``TripQuerySet.visible_to``): the scheme's coordinators see every trip of their organisation; a driver
sees only trips whose driver is them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .drivers import Driver, Vehicle, Weekday
from .passengers import Passenger
from .scoping import SchemeQuerySet, manages_scheme


class Purpose(models.TextChoices):
    HEALTH_APPOINTMENT = "health_appointment", "Health appointment"
    CARE_OR_SOCIAL_WORK = "care_or_social_work", "Personal care or social work"
    SOCIAL_GROUP = "social_group", "Social group"
    SHOPPING = "shopping", "Shopping"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SCHEDULED = "scheduled", "Driver confirmed"
    COMPLETED = "completed", "Done"
    NO_SHOW = "no_show", "Passenger not there"
    CANCELLED = "cancelled", "Cancelled"
    CANCELLED_LATE = "cancelled_late", "Cancelled late"
    TURNED_AWAY = "turned_away", "Turned away"


# A trip with one of these statuses is finished: nothing about it may change any more (RidePilot users' ask).
FINISHED = (Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED, Status.CANCELLED_LATE, Status.TURNED_AWAY)
# Outcomes a driver or coordinator records for a trip that was planned.
OUTCOMES = (Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED_LATE, Status.CANCELLED)


class CancelledBy(models.TextChoices):
    PASSENGER = "passenger", "The passenger"
    DRIVER = "driver", "The driver"
    SCHEME = "scheme", "The scheme"
    DESTINATION = "destination", "The place they were going (for example the clinic)"


class BookedVia(models.TextChoices):
    PHONE = "phone", "Phone call to the scheme"
    REFERRAL = "referral", "Referral"
    RECURRING = "recurring", "Regular booking"
    STAFF = "staff", "Booked by staff"


class TripQuerySet(SchemeQuerySet):
    """``visible_to`` is the one place that decides which trips a user sees (see the module docstring)."""

    def for_day(self, organisation, day):
        return self.filter(organisation=organisation, service_date=day)

    def open(self):
        return self.exclude(status__in=FINISHED)

    def unfinished(self):
        return self.open()


class Trip(models.Model):
    """One journey of one passenger (with any escorts) from a pickup to a drop-off."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    passenger = models.ForeignKey(Passenger, on_delete=models.PROTECT, related_name="trips")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField(db_index=True)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    purpose_detail = models.CharField(max_length=200, blank=True)
    pickup_address = models.CharField(max_length=300)
    pickup_postcode = models.CharField(max_length=8)
    pickup_latitude = models.FloatField()
    pickup_longitude = models.FloatField()
    dropoff_address = models.CharField(max_length=300)
    dropoff_postcode = models.CharField(max_length=8)
    dropoff_latitude = models.FloatField()
    dropoff_longitude = models.FloatField()
    earliest_pickup = models.DateTimeField()
    latest_pickup = models.DateTimeField()
    appointment_at = models.DateTimeField(null=True, blank=True, help_text="Must arrive by")
    return_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="returns",
                                  help_text="For a return journey: the outward trip")
    needs_wheelchair_space = models.BooleanField(default=False)
    escort_count = models.PositiveSmallIntegerField(default=0)
    notes = models.CharField(max_length=300, blank=True, help_text="For the driver: door code, which entrance")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    # Written by the daily plan (transport.planning) only.
    driver = models.ForeignKey(Driver, null=True, blank=True, on_delete=models.PROTECT, related_name="trips")
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.PROTECT, related_name="trips")
    planned_pickup_at = models.DateTimeField(null=True, blank=True)
    planned_dropoff_at = models.DateTimeField(null=True, blank=True)
    locked_to_driver = models.BooleanField(default=False)

    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="When a driver was confirmed")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_via = models.CharField(max_length=20, choices=BookedVia.choices, default=BookedVia.PHONE)
    referral = models.ForeignKey("referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="transport_trips")
    regular_booking = models.ForeignKey("RegularBooking", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="trips")

    # The outcome (trip task completion), by the driver or a coordinator.
    cancelled_by = models.CharField(max_length=20, choices=CancelledBy.choices, blank=True)
    outcome_note = models.CharField(max_length=300, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    miles_driven = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True,
                                       help_text="Business miles for this trip, from the driver's home and back")
    volunteer_minutes = models.PositiveIntegerField(null=True, blank=True)
    turned_away_reason = models.CharField(max_length=300, blank=True)

    objects = TripQuerySet.as_manager()

    class Meta:
        ordering = ["service_date", "earliest_pickup"]
        indexes = [
            models.Index(fields=["organisation", "service_date", "status"]),
            models.Index(fields=["driver", "service_date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(latest_pickup__gte=F("earliest_pickup")),
                                   name="trip_pickup_window_in_order"),
            models.CheckConstraint(
                condition=Q(appointment_at__isnull=True) | Q(appointment_at__gt=F("earliest_pickup")),
                name="trip_appointment_after_pickup"),
            models.CheckConstraint(condition=Q(escort_count__lte=3), name="trip_escorts_bounded"),
            models.CheckConstraint(condition=~Q(status__in=["scheduled"]) | Q(driver__isnull=False),
                                   name="scheduled_trip_has_driver"),
            models.CheckConstraint(condition=~Q(status="cancelled_late") | ~Q(cancelled_by=""),
                                   name="late_cancellation_says_who"),
            models.UniqueConstraint(fields=["regular_booking", "service_date"],
                                    condition=Q(return_of__isnull=True, regular_booking__isnull=False),
                                    name="one_regular_trip_a_day"),
        ]

    def __str__(self) -> str:
        return f"Trip {self.reference} on {self.service_date:%d %b %Y}"

    @property
    def reference(self) -> str:
        return "T-" + self.id.hex[:8].upper()

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def people_travelling(self) -> int:
        return 1 + self.escort_count


class TripStatusChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(trip__in=Trip.objects.visible_to(user).values("pk"))


class TripStatusChange(models.Model):
    """One change of a trip's status: who, when, why. Never edited."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+", help_text="Empty for a system job, which says so in the note")
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    objects = TripStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.trip_id}: {self.from_status or 'start'} → {self.to_status} at {self.at:%Y-%m-%d %H:%M}"


class RegularBookingQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not manages_scheme(user):
            return self.none()
        return self.filter(organisation=organisation)

    def active(self, on):
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class RegularBooking(models.Model):
    """A journey every week on one weekday ("every Tuesday to the lunch club"), with an optional return."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    passenger = models.ForeignKey(Passenger, on_delete=models.CASCADE, related_name="regular_bookings")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    purpose_detail = models.CharField(max_length=200, blank=True)
    pickup = models.ForeignKey("PassengerAddress", on_delete=models.PROTECT, related_name="+")
    dropoff = models.ForeignKey("PassengerAddress", on_delete=models.PROTECT, related_name="+")
    earliest_pickup = models.TimeField()
    latest_pickup = models.TimeField()
    arrive_by = models.TimeField(null=True, blank=True)
    return_earliest_pickup = models.TimeField(null=True, blank=True, help_text="Empty when no return is wanted")
    return_latest_pickup = models.TimeField(null=True, blank=True)
    escort_count = models.PositiveSmallIntegerField(default=0)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = RegularBookingQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "earliest_pickup"]
        constraints = [
            models.CheckConstraint(condition=Q(latest_pickup__gte=F("earliest_pickup")),
                                   name="regular_pickup_window_in_order"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="regular_booking_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Every {self.get_weekday_display()} ({self.get_purpose_display()})"


class RegularBookingException(models.Model):
    """A week the regular journey does not happen (the lunch club is closed, the passenger is away)."""

    booking = models.ForeignKey(RegularBooking, on_delete=models.CASCADE, related_name="exceptions")
    on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["on"]
        constraints = [models.UniqueConstraint(fields=["booking", "on"], name="one_exception_a_day")]

    def __str__(self) -> str:
        return f"Not on {self.on:%d %b %Y}"
