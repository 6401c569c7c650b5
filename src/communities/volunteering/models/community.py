"""Community action: groups (a litter-pick crew, a community garden) whose events are sessions of a volunteering
role, with the kit, the risk assessment and what they achieved; residents' ideas for their neighbourhood with the
co-production log of what was proposed, discussed and decided, and by whom.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .scoping import EventQuerySet, OrganisedQuerySet


class CommunityGroup(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="community_groups")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    ward = models.ForeignKey("places.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = OrganisedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    LITTER_PICK = "litter_pick", "Litter pick"
    GARDEN = "garden", "Community garden"
    CLEAN_UP = "clean_up", "Clean-up"
    OTHER = "other", "Other community action"


class CommunityEvent(models.Model):
    """A community action event; its sign-up list is its session's sign-ups, so the role's requirements apply."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="events")
    session = models.OneToOneField("volunteering.Session", on_delete=models.CASCADE, related_name="event")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    meeting_point = models.CharField(max_length=300)
    kit = models.TextField(blank=True, help_text="What the group provides and what to bring")
    risk_assessment = models.FileField(upload_to="volunteering/risk-assessments/", blank=True)
    risk_assessment_name = models.CharField(max_length=200, blank=True)
    bags_collected = models.PositiveIntegerField(null=True, blank=True)
    area_covered_m2 = models.PositiveIntegerField(null=True, blank=True, help_text="Square metres")
    volunteers_attended = models.PositiveIntegerField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    outcomes_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    outcomes_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-session__starts_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.group}"


class IdeaStage(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    DISCUSSED = "discussed", "Discussed"
    DECIDED = "decided", "Decided"


class Idea(models.Model):
    """A resident's idea for their neighbourhood."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField()
    ward = models.ForeignKey("places.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", help_text="The organisation taking it forward")
    stage = models.CharField(max_length=10, choices=IdeaStage.choices, default=IdeaStage.PROPOSED)
    decision = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class IdeaLogEntry(models.Model):
    """One step of co-production: what was proposed, discussed or decided, by whom, when. Never edited."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="log")
    stage = models.CharField(max_length=10, choices=IdeaStage.choices)
    note = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_description = models.CharField(max_length=200, help_text="Who, in words: 'residents' meeting', 'ward "
                                                                "councillor', 'Tees Valley Wildlife Trust'")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.stage} at {self.at:%Y-%m-%d}"
