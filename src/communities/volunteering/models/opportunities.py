"""Opportunities in the Volunteering Data standard's shape: an organisation's activity (what it does, for which
cause) has roles (what a volunteer does, with the commitment, minimum age and requirements) and a role has sessions
(when and where). Volunteers apply to a role and an organiser approves; approved volunteers sign up to sessions and
log their hours, which an organiser approves.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .scoping import ByRoleQuerySet, HoursQuerySet, OrganisedQuerySet, RoleQuerySet, SessionQuerySet, SignupQuerySet
from .volunteers import Volunteer


class Cause(models.TextChoices):
    ENVIRONMENT = "environment", "Environment and green spaces"
    LONELINESS = "loneliness", "Loneliness and befriending"
    HEALTH = "health", "Health and social care"
    CHILDREN = "children", "Children and young people"
    OLDER_PEOPLE = "older_people", "Older people"
    FOOD = "food", "Food and poverty"
    SPORT = "sport", "Sport and physical activity"
    TRANSPORT = "transport", "Community transport"
    ARTS = "arts", "Arts and culture"
    COMMUNITY = "community", "Community and neighbourhood"


class Activity(models.Model):
    """What an organisation does with volunteers (the standard's 'activity')."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="volunteering_activities")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cause = models.CharField(max_length=20, choices=Cause.choices)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.name


class RoleKind(models.TextChoices):
    ONE_OFF = "one_off", "One-off (for example a litter pick)"
    RECURRING = "recurring", "Recurring sessions (for example a community garden every Saturday)"
    ONGOING = "ongoing", "Ongoing (for example a befriender)"


class DBSLevel(models.TextChoices):
    NONE = "", "No DBS check needed"
    BASIC = "basic", "Basic"
    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced"


class BarredList(models.TextChoices):
    NONE = "", "No barred list check"
    ADULTS = "adults", "Adults' barred list"
    CHILDREN = "children", "Children's barred list"
    BOTH = "both", "Adults' and children's barred lists"


class Role(models.Model):
    """What a volunteer does (the standard's 'role'), with what it asks of them."""

    AUDIT_READS = False

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    description = models.TextField()
    kind = models.CharField(max_length=10, choices=RoleKind.choices)
    commitment = models.CharField(max_length=200, help_text="In words, e.g. '2 hours every Saturday morning'")
    hours_per_month = models.DecimalField(max_digits=5, decimal_places=1, default=0,
                                          help_text="Roughly, for searching by time commitment")
    minimum_age = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    dbs_level = models.CharField(max_length=10, choices=DBSLevel.choices, blank=True, default="")
    barred_list = models.CharField(max_length=10, choices=BarredList.choices, blank=True, default="")
    training = models.JSONField(default=list, blank=True, help_text="Training courses needed, e.g. "
                                                                    "[\"Safeguarding adults\"]")
    needs_driving_licence = models.BooleanField(default=False)
    touches_personal_data = models.BooleanField(default=False, help_text="Volunteers in this role see residents' "
                                                                         "personal data, so must use a second factor")
    accessibility = models.TextField(blank=True, help_text="Step-free access, seating, toilets, support offered")
    allows_remote = models.BooleanField(default=False)
    postcode = models.CharField(max_length=8, blank=True)
    address = models.CharField(max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    ward = models.ForeignKey("places.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    places = models.PositiveIntegerField(null=True, blank=True, help_text="How many volunteers (blank: no limit)")
    apply_first = models.BooleanField(
        default=True,
        help_text="Volunteers apply and an organiser approves before they sign up to sessions (off: anyone "
                  "who meets the requirements signs up straight away, e.g. a litter pick)")
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["is_published", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation(self):
        return self.activity.organisation

    @property
    def requirements(self):
        from ..checks import Requirements

        return Requirements.of(self)


class Session(models.Model):
    """When and where a role happens (the standard's 'session'; OpenActive's ScheduledSession)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    places = models.PositiveIntegerField(null=True, blank=True, help_text="Blank: no limit")
    is_cancelled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="volunteering_session_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.role} on {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Application(models.Model):
    """A volunteer's application to a role: apply, then an organiser approves or declines."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="applications")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED)
    message = models.TextField(blank=True, help_text="What the volunteer told the organiser")
    applied_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    objects = ByRoleQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "role"],
                                               name="volunteering_one_application_per_role")]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.role} ({self.status})"


class SessionSignup(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    signed_up_at = models.DateTimeField(default=timezone.now)
    signed_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        ordering = ["signed_up_at"]
        constraints = [models.UniqueConstraint(fields=["session", "volunteer"],
                                               name="volunteering_one_signup_per_session")]

    def __str__(self) -> str:
        return f"{self.volunteer} on {self.session}"


class HoursStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class HoursLog(models.Model):
    """Hours a volunteer gave, logged by them, approved by an organiser of the role's organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="hours")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="hours")
    on_date = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2,
                                validators=[MinValueValidator(0.25), MaxValueValidator(24)])
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=HoursStatus.choices, default=HoursStatus.PENDING)
    logged_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = HoursQuerySet.as_manager()

    class Meta:
        ordering = ["-on_date", "-logged_at"]
        verbose_name_plural = "hours logged"
        indexes = [models.Index(fields=["status", "on_date"])]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24),
                                              name="volunteering_hours_between_0_and_24")]

    def __str__(self) -> str:
        return f"{self.hours} h on {self.on_date} ({self.status})"



