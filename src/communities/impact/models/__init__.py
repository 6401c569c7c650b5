"""Equality and Poverty Impact Assessments: a proposal, its area and the people it affects, the evidence snapshot taken
from the platform, one consideration per group (the PSED aims, what people told us, the impact and its mitigation),
the engagement log, and the action plan.

Status moves Draft → Awaiting sign-off → Signed off → Published (an approver may send it back to Draft) by conditional
updates in ``services``: two approvers pressing the button at once give one sign-off. Visibility
(``AssessmentQuerySet.visible_to``): members of the council who may read assessments; the public sees published ones
through ``published()`` only.
"""

from __future__ import annotations

import uuid

import rules
from django.conf import settings
from django.db import models

from ..characteristics import choices as characteristic_choices


class ProposalKind(models.TextChoices):
    POLICY = "policy", "Policy or strategy"
    BUDGET = "budget", "Budget line"
    SERVICE_CHANGE = "service_change", "Service change"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    PUBLISHED = "published", "Published"


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"


class EngagementMethod(models.TextChoices):
    MEETING = "meeting", "Meeting or forum"
    SURVEY = "survey", "Survey or consultation"
    FOCUS_GROUP = "focus_group", "Focus group"
    INTERVIEW = "interview", "Interview or conversation"
    WRITTEN = "written", "Letter or email"
    OTHER = "other", "Another way"


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("impact.view_assessment", user):
            return self.none()
        return self.filter(organisation=organisation)

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def review_due(self, on):
        """Signed-off or published assessments whose review date is ``on`` or earlier."""
        return self.filter(status__in=(Status.SIGNED_OFF, Status.PUBLISHED), review_on__lte=on)


class Assessment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200, help_text="The proposal, as the decision paper names it")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    summary = models.TextField(help_text="What is proposed and why")
    population = models.TextField(help_text="Who the proposal affects: residents, service users, staff")
    wards = models.ManyToManyField("places.Ward", blank=True, related_name="+")
    lsoas = models.ManyToManyField("places.LSOA", blank=True, related_name="+",
                                   help_text="Neighbourhoods affected besides whole wards")
    decision_maker = models.CharField(max_length=200, help_text="Who decides: Cabinet, a portfolio holder, a director")
    decision_on = models.DateField(help_text="Date of the decision; sign-off must come before it")
    review_on = models.DateField(help_text="When the assessment will be reviewed")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reassessments",
                                 help_text="The earlier assessment of this proposal, whose open actions came across")
    evidence = models.JSONField(default=dict, blank=True, help_text="Figures from the platform, frozen when taken")
    evidence_taken_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, help_text="The review date a reminder was last sent for")

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["decision_on", "title"]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["status", "review_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status == Status.DRAFT


class Consideration(models.Model):
    """One group's part of the assessment, in the Brighton & Hove shape: what we know, what people told us, what it
    means (the impact), what we can do (mitigation), and the group's PSED aims."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="considerations")
    characteristic = models.CharField(max_length=40, choices=characteristic_choices())
    what_we_know = models.TextField(blank=True, help_text="The officer's reading of the evidence")
    people_told_us = models.TextField(blank=True, help_text="A summary of the engagement, fit to publish")
    impact = models.CharField(max_length=10, choices=Impact.choices, blank=True)
    impact_detail = models.TextField(blank=True, help_text="What the proposal means for this group")
    mitigation = models.TextField(blank=True, help_text="What will be done to remove or reduce a negative impact")
    aim_a = models.TextField(blank=True)
    aim_b = models.TextField(blank=True)
    aim_c = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "characteristic"],
                                               name="impact_one_consideration_per_group")]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()} in {self.assessment}"

    def aim_text(self, code: str) -> str:
        return getattr(self, f"aim_{code}")


class EngagementEntry(models.Model):
    """What people told us: one conversation, meeting or survey. ``who`` and ``said`` may name people, so the log is
    shown only to those who write or sign off assessments and is never published."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="engagement")
    held_on = models.DateField()
    who = models.CharField(max_length=300, help_text="Who took part (a group, or named people)")
    method = models.CharField(max_length=20, choices=EngagementMethod.choices)
    said = models.TextField(help_text="What was said")
    characteristic = models.CharField(max_length=40, choices=characteristic_choices(), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name_plural = "engagement entries"

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.held_on}"


class Action(models.Model):
    """A line of the action plan: what, who owns it (a role or team, published), by when; done or still open."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="The role or team responsible (published)")
    due_on = models.DateField()
    characteristic = models.CharField(max_length=40, choices=characteristic_choices(), blank=True)
    done_on = models.DateField(null=True, blank=True)
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     help_text="The open action of the previous assessment this one continues")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.done_on is None
