"""Weather-health alerts as received: from a CAP 1.2 file, entered by hand, or played from the demo sample. An update
or cancel from the sender replaces the alert it names; an amber or red alert covering the council links to the
incident it opened."""

from __future__ import annotations

import uuid

import rules
from django.conf import settings
from django.db import models
from django.utils import timezone

from .alert_types import HAZARDS, LEVELS


class Source(models.TextChoices):
    CAP_FILE = "cap_file", "CAP 1.2 file"
    BY_HAND = "by_hand", "Entered by hand"
    DEMO = "demo", "Demo sample"


class WeatherAlertQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The council's emergency planners, officers and administrators see the alerts their organisation recorded."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("resilience_alerts.view_alerts", user):
            return self.none()
        return self.filter(organisation=organisation)

    def in_force(self, now=None):
        """Neither replaced, cancelled nor past its expiry (an alert without one stays until replaced)."""
        now = now or timezone.now()
        return self.filter(replaced_by__isnull=True, cancelled_at__isnull=True).exclude(msg_type="Cancel").filter(
            models.Q(expires__isnull=True) | models.Q(expires__gt=now))


class WeatherAlert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)
    # CAP 1.2 <alert> elements
    identifier = models.CharField(max_length=200)
    sender = models.CharField(max_length=200)
    sent = models.DateTimeField()
    status = models.CharField(max_length=10, help_text="CAP status: Actual, Exercise, System, Test or Draft")
    msg_type = models.CharField(max_length=10, help_text="CAP msgType: Alert, Update or Cancel")
    scope = models.CharField(max_length=10, default="Public")
    references = models.JSONField(default=list, blank=True, help_text="sender,identifier,sent of alerts it replaces")
    # CAP <info> as UKHSA uses it
    hazard = models.CharField(max_length=5, choices=[(h, h) for h in HAZARDS])
    level = models.CharField(max_length=6, choices=[(level, level) for level in LEVELS])
    event = models.CharField(max_length=200)
    headline = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    instruction = models.TextField(blank=True)
    web = models.URLField(max_length=500, blank=True)
    onset = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    area_description = models.CharField(max_length=500, blank=True)
    in_season = models.BooleanField(default=True, help_text="False: issued outside the type's core season")
    # What it means here
    lsoa_codes = models.JSONField(default=list, blank=True, help_text="The council's LSOAs the alert covers")
    coverage = models.CharField(max_length=500, blank=True, help_text="How the alert's area meets the council")
    incident = models.ForeignKey("resilience.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = WeatherAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-sent", "-recorded_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "sender", "identifier"],
                                               name="one_weather_alert_per_cap_identifier")]

    def __str__(self) -> str:
        return f"{self.level.title()} {self.hazard} alert {self.identifier}"

    @property
    def covers_council(self) -> bool:
        return bool(self.lsoa_codes)

    @property
    def has_ended(self) -> bool:
        return self.expires is not None and self.expires <= timezone.now()

    @property
    def in_force(self) -> bool:
        return (self.replaced_by_id is None and self.cancelled_at is None and self.msg_type != "Cancel"
                and not self.has_ended)

    @property
    def is_exercise(self) -> bool:
        return self.status == "Exercise"
