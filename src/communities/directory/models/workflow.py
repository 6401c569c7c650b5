"""The editors' workflow: proposed changes awaiting approval, kept versions, public feedback, staleness chases."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ChangeRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="change_requests")
    proposed = models.JSONField(help_text="The whole editable listing as proposed")
    base_version = models.PositiveIntegerField(help_text="The version the proposer was looking at")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"Change to {self.service} ({self.get_status_display()})"


class ServiceVersion(models.Model):
    """Every approved state of a listing, numbered from 1, with who made it and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by_label = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)
    change_request = models.ForeignKey(ChangeRequest, null=True, blank=True, on_delete=models.SET_NULL)
    summary = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["service", "-number"]
        constraints = [models.UniqueConstraint(fields=["service", "number"], name="directory_version_unique")]

    def __str__(self) -> str:
        return f"{self.service} version {self.number}"


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "Being checked"
        RESOLVED = "resolved", "Fixed"
        DISMISSED = "dismissed", "No change needed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="feedback")
    message = models.TextField()
    reporter_email = models.EmailField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Report about {self.service}"


class Chase(models.Model):
    """One reminder per listing per assurance cycle; the unique constraint makes the chaser safe to run twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="chases")
    cycle = models.CharField(max_length=20, help_text="The assured date being chased, or 'never'")
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_to = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["service", "cycle"], name="directory_chase_once_per_cycle")]

    def __str__(self) -> str:
        return f"Reminder for {self.service_id} ({self.cycle})"


class PublicRevision(models.Model):
    """One row: a token that changes with every change to what the public sees (listings, places, categories).

    Cached Find help pages and API responses are keyed on it, so a change shows at once on every server (see
    services/public_cache.py). A random token, not a counter, so that a restored backup or a rolled-back change can
    never bring back a token that cached answers were stored under."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Directory revision {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
