"""A befriending case: a person referred for befriending, through matching and meetings to the end; the loneliness
measures taken at 0, 3 and 6 months; and the check-in rota of calls to the pair."""

from __future__ import annotations

import uuid

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Stage(models.TextChoices):
    REFERRED = "referred", "Waiting for a match"
    MATCHED = "matched", "Matched, first meeting to arrange"
    MEETING = "meeting", "Meeting"
    ENDED = "ended", "Ended"


OPEN_STAGES = (Stage.REFERRED, Stage.MATCHED, Stage.MEETING)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The current organisation's cases, for those who manage befriending there (a befriender sees their match
        only through :meth:`matched_with`, with only the fields the match needs)."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("befriending.manage_cases", user):
            return self.none()
        return self.filter(organisation=organisation)

    def matched_with(self, user, now=None):
        """Cases whose person is assigned to ``user`` as their befriender right now (people.Assignment)."""
        now = now or timezone.now()
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        return self.filter(organisation=organisation, stage__in=OPEN_STAGES, assignment__user=user,
                           assignment__organisation=organisation, assignment__ended_at__isnull=True,
                           assignment__starts_at__lte=now, assignment__ends_at__gt=now)

    def open(self):
        return self.filter(stage__in=OPEN_STAGES)


class BefriendingCase(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="befriending_cases")
    referral = models.OneToOneField("referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="befriending_case")
    referred_on = models.DateField(help_text="When the referral was made: the start of 'days to first meeting'")
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.REFERRED, db_index=True)
    interests = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    communication = models.JSONField(default=list, blank=True)
    preferred_slots = models.JSONField(default=list, blank=True, help_text='[[weekday, "morning"], …]')
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    agreed_notes = models.TextField(blank=True, help_text="What the person agreed their befriender may know")
    befriender = models.ForeignKey("befriending.Befriender", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="cases")
    assignment = models.ForeignKey("people.Assignment", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    matched_at = models.DateTimeField(null=True, blank=True)
    matched_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    match_reasons = models.JSONField(default=list, blank=True, help_text="Why the match was suggested")
    first_meeting_on = models.DateField(null=True, blank=True)
    checkin_every_days = models.PositiveSmallIntegerField(default=14)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["referred_on"]
        indexes = [models.Index(fields=["organisation", "stage"])]
        constraints = [models.CheckConstraint(condition=Q(stage="referred") | Q(befriender__isnull=False),
                                              name="befriending_matched_case_has_befriender")]

    def __str__(self) -> str:
        return f"Befriending for {self.person_id} ({self.get_stage_display()})"

    @property
    def days_to_first_meeting(self) -> int | None:
        return (self.first_meeting_on - self.referred_on).days if self.first_meeting_on else None


class MeasurePoint(models.TextChoices):
    START = "0", "At referral (0 months)"
    THREE = "3", "3 months"
    SIX = "6", "6 months"


class LonelinessMeasure(models.Model):
    """The ONS direct question and the UCLA 3-item scale, answered at one point; answers as the instruments code
    them (befriending/instruments.py), the UCLA score (3-9, higher is lonelier) worked out from them."""

    case = models.ForeignKey(BefriendingCase, on_delete=models.CASCADE, related_name="measures")
    point = models.CharField(max_length=1, choices=MeasurePoint.choices)
    taken_on = models.DateField()
    direct_answer = models.PositiveSmallIntegerField(null=True, blank=True, help_text="ONS direct question, 1-5")
    ucla_answers = models.JSONField(default=dict, blank=True)
    ucla_score = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["point"]
        constraints = [models.UniqueConstraint(fields=["case", "point"], name="befriending_one_measure_per_point")]

    def __str__(self) -> str:
        return f"{self.case_id} at {self.point} months: UCLA {self.ucla_score}"


class CheckIn(models.Model):
    """A check-in call to the pair, due on a date; done, or missed and escalated to the coordinators."""

    class Outcome(models.TextChoices):
        GOING_WELL = "going_well", "Going well"
        CONCERN = "concern", "A concern to follow up"
        NO_ANSWER = "no_answer", "Could not reach them"

    case = models.ForeignKey(BefriendingCase, on_delete=models.CASCADE, related_name="checkins")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [models.Index(fields=["done_on", "escalated_at", "due_on"])]

    def __str__(self) -> str:
        return f"Check-in for {self.case_id} due {self.due_on}"
