"""Volunteer drivers, the vehicles they drive, when they are free, and their compliance checks with expiry dates.

Visibility: the scheme's coordinators (and the organisation's administrators and council officers) see every driver
and vehicle of their organisation; a driver sees their own record only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .scoping import SchemeQuerySet


class DriverQuerySet(SchemeQuerySet):
    driver_lookup = "user"

    def active(self):
        return self.filter(is_active=True)


class Driver(models.Model):
    """One volunteer driver of one organisation's scheme: a user who holds the driver role there."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="driver_records")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(max_length=30, blank=True, help_text="For the coordinator and the run sheet")
    home_postcode = models.CharField(max_length=8)
    home_latitude = models.FloatField()
    home_longitude = models.FloatField()
    is_active = models.BooleanField(default=True)
    other_business_miles = models.PositiveIntegerField(
        default=0, help_text="Business miles this tax year for other organisations: the 10,000-mile band counts them "
                             "all together (HMRC EIM71155)")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DriverQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_driver_per_user")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.get_full_name()


class VehicleQuerySet(SchemeQuerySet):
    driver_lookup = "owner__user"

    def active(self):
        return self.filter(is_active=True)


class Vehicle(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    registration = models.CharField(max_length=10, help_text="As on the number plate, upper case, no spaces")
    description = models.CharField(max_length=100, blank=True, help_text="Make, model and colour")
    seats = models.PositiveSmallIntegerField(help_text="Passenger seats, not counting the driver")
    wheelchair_spaces = models.PositiveSmallIntegerField(default=0)
    first_registered = models.DateField(help_text="From the V5C: MOT is due from the third anniversary")
    owner = models.ForeignKey(Driver, null=True, blank=True, on_delete=models.SET_NULL, related_name="vehicles",
                              help_text="The volunteer whose own car it is; empty for the scheme's vehicles")
    is_active = models.BooleanField(default=True)

    objects = VehicleQuerySet.as_manager()

    class Meta:
        ordering = ["registration"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "registration"], name="unique_vehicle_registration"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="vehicle_has_a_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.description}".strip()


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class DriverScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(driver__in=Driver.objects.visible_to(user).values("pk"))


class WeeklyAvailability(models.Model):
    """A regular time the driver is free every week, e.g. Tuesdays 09:00-13:00."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="weekly_availability")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    objects = DriverScopedQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name_plural = "weekly availability"
        constraints = [models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="availability_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


class ExceptionKind(models.TextChoices):
    HOLIDAY = "holiday", "Holiday"
    UNAVAILABLE = "unavailable", "Not available"
    EXTRA = "extra", "Available as well as the usual times"


class AvailabilityException(models.Model):
    """A change to the weekly pattern: a holiday or other absence, or extra time offered."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="availability_exceptions")
    kind = models.CharField(max_length=20, choices=ExceptionKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DriverScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="availability_exception_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M} to {self.ends_at:%Y-%m-%d %H:%M}"


class ComplianceKind(models.TextChoices):
    """The checks a scheme keeps; which trips each one blocks is data (``transport/data/compliance_rules.json``)."""

    ENHANCED_DBS = "enhanced_dbs", "Enhanced DBS with adults' barred list"
    LICENCE_CHECK = "licence_check", "DVLA driving licence check"
    INSURANCE = "insurance", "Insurance declaration for volunteer driving"
    MOT = "mot", "MOT certificate"
    TRAINING = "training", "Driver training"


class ComplianceItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(driver__in=Driver.objects.visible_to(user).values("pk"))

    def current(self, on):
        return self.filter(checked_on__lte=on).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))


class ComplianceItem(models.Model):
    """One check of one driver (or of their vehicle, for an MOT), valid until ``expires_on``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="compliance_items")
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                help_text="For an MOT: the vehicle it covers")
    kind = models.CharField(max_length=20, choices=ComplianceKind.choices)
    checked_on = models.DateField(help_text="When the certificate was seen or the check made")
    expires_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=60, blank=True, help_text="Certificate number or policy reference")
    share_code_made_on = models.DateField(null=True, blank=True,
                                          help_text="DVLA check: when the driver made the share code")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    chased_at = models.DateTimeField(null=True, blank=True, help_text="When the driver was last reminded to renew")

    objects = ComplianceItemQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-checked_on"]
        indexes = [models.Index(fields=["driver", "kind", "expires_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("checked_on")),
                                   name="compliance_expires_after_check"),
            models.CheckConstraint(condition=~Q(kind="mot") | Q(vehicle__isnull=False), name="mot_names_vehicle"),
        ]

    def __str__(self) -> str:
        until = f" until {self.expires_on:%d %b %Y}" if self.expires_on else ""
        return f"{self.get_kind_display()} checked {self.checked_on:%d %b %Y}{until}"
