"""Incidents: an area (``resilience.areas.Area``) and the cohorts to call first; the call list taken from the register
when the incident is declared, split among responders; every contact attempt with its outcome; follow-up tasks for
people who need help. An exercise is an incident in which nothing is sent."""

from __future__ import annotations

import uuid
from datetime import timedelta

import rules
from django.conf import settings
from django.db import models
from django.utils import timezone

TARGET_HOURS = 4  # issue 17: every consented entry in the area contacted or attempted within 4 hours


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class IncidentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=IncidentStatus.OPEN)

    def visible_to(self, user):
        """Planners, council officers and administrators of the organisation that runs it; a responder sees the open
        incidents they are on (only their own calls: ``Call.objects.visible_to``)."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        if rules.has_perm("resilience.run_incident", user):
            return self.filter(organisation=organisation)
        return self.open().filter(responders__user=user, responders__organisation=organisation).distinct()


class Incident(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    exercise = models.BooleanField(default=False, help_text="An exercise: nothing is sent to anyone")
    alert_identifier = models.CharField(max_length=200, blank=True, help_text="The CAP alert that opened it")
    area = models.JSONField(help_text="The area as declared (resilience.areas.Area.as_dict)")
    area_description = models.CharField(max_length=500)
    lsoa_codes = models.JSONField(default=list, help_text="LSOAs the area touches")
    ward_codes = models.JSONField(default=list, help_text="Wards the area touches")
    cohorts = models.JSONField(default=list, blank=True, help_text="Needs codes called first; empty for everyone")
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_at"]

    def __str__(self) -> str:
        return f"{self.name} (exercise)" if self.exercise else self.name

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN

    @property
    def target_at(self):
        return self.declared_at + timedelta(hours=TARGET_HOURS)


class IncidentResponder(models.Model):
    """A member of staff or a vetted volunteer working part of the call list."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="responders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     help_text="The organisation they respond for")
    volunteer = models.BooleanField(default=False, help_text="Sees only their own calls, through assignments")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["incident", "user"], name="one_responder_row_per_user")]

    def __str__(self) -> str:
        return f"Responder on {self.incident}"


class CallOutcome(models.TextChoices):
    REACHED_FINE = "reached_fine", "Reached and fine"
    NEEDS_HELP = "needs_help", "Reached and needs help"
    NOT_REACHED = "not_reached", "Not reached – try again"


class CallQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Planners and officers of the running organisation see every call; a responder sees only the calls given to
        them, and only while the incident is open."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        if rules.has_perm("resilience.run_incident", user):
            return self.filter(incident__organisation=organisation)
        if not rules.has_perm("resilience.respond", user):
            return self.none()
        return self.filter(responder=user, incident__status=IncidentStatus.OPEN,
                           incident__responders__user=user, incident__responders__organisation=organisation)

    def in_call_order(self):
        return self.order_by("position")

    def on_current_register(self, on=None):
        """Calls whose register entry still has consent (a withdrawal or lapse during an incident drops the call)."""
        on = on or timezone.localdate()
        return self.filter(entry__removed_at__isnull=True, entry__consent__withdrawn_at__isnull=True,
                           entry__consent__expires_on__gte=on)


class Call(models.Model):
    """One register entry on one incident's call list, in call order, with the latest outcome."""

    AUDIT_READS = True

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="calls")
    entry = models.ForeignKey("resilience.RegisterEntry", on_delete=models.CASCADE, related_name="calls")
    position = models.PositiveIntegerField(help_text="Call order: cohort first, then need tier, then area risk")
    tier = models.PositiveSmallIntegerField()
    in_cohort = models.BooleanField(default=False)
    responder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    assignment = models.ForeignKey("people.Assignment", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", help_text="A volunteer responder's view of the person")
    outcome = models.CharField(max_length=20, choices=CallOutcome.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["incident", "position"]),
                   models.Index(fields=["incident", "responder", "position"])]
        constraints = [models.UniqueConstraint(fields=["incident", "entry"], name="one_call_per_entry_per_incident")]

    def __str__(self) -> str:
        return f"Call {self.position} on {self.incident}"

    @property
    def done(self) -> bool:
        return self.outcome in (CallOutcome.REACHED_FINE, CallOutcome.NEEDS_HELP)


class ContactAttempt(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="contact_attempts")
    outcome = models.CharField(max_length=20, choices=CallOutcome.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {self.at:%H:%M}"


class FollowUp(models.Model):
    """Help a reached person needs (a welfare visit, medication, a move to a warm space): a task for staff."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Follow-up on {self.call}"
