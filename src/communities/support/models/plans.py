"""Co-produced support plans: what matters to the person in their words, goals with actions (who does what, by
when), review dates; reviews with progress per goal, outcome measures and what changes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .scoping import ScopedQuerySet


class WrittenBy(models.TextChoices):
    PERSON = "person", "The person wrote it themselves"
    WORKER = "worker", "A worker wrote down the person's words"
    FAMILY = "family", "A family member or friend wrote down the person's words"
    ADVOCATE = "advocate", "An advocate wrote down the person's words"


class PlanQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(closed_on__isnull=True)

    def reviews_due(self, *, by):
        """Active plans whose next review falls on or before ``by`` (overdue ones included)."""
        return self.active().filter(next_review_on__lte=by).order_by("next_review_on")


class SupportPlan(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="support_plans")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               help_text="The worker who leads the plan and its reviews")
    what_matters = models.TextField(help_text="What matters to me, in the person's own words, as they said it")
    what_matters_written_by = models.CharField(max_length=20, choices=WrittenBy.choices)
    what_matters_writer_name = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(default=timezone.localdate)
    next_review_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["next_review_on"]
        indexes = [models.Index(fields=["organisation", "worker", "next_review_on"])]

    def __str__(self) -> str:
        return f"Support plan started {self.started_on:%-d %B %Y}"

    @property
    def is_overdue(self) -> bool:
        return self.closed_on is None and self.next_review_on < timezone.localdate()

    @property
    def written_by(self) -> str:
        text = self.get_what_matters_written_by_display()
        return f"{text} ({self.what_matters_writer_name})" if self.what_matters_writer_name else text


class GoalQuerySet(ScopedQuerySet):
    person_paths, organisation_path = ("plan__person",), "plan__organisation"


class Goal(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField(help_text="What the person wants to achieve, in their words")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Who(models.TextChoices):
    PERSON = "person", "The person"
    WORKER = "worker", "A worker"
    FAMILY = "family", "A family member or friend"
    ORGANISATION = "organisation", "A named organisation"


class ActionQuerySet(ScopedQuerySet):
    person_paths, organisation_path = ("goal__plan__person",), "goal__plan__organisation"


class Action(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    who = models.CharField(max_length=20, choices=Who.choices)
    who_name = models.CharField(max_length=200, blank=True, help_text="Their name, or the organisation's name")
    by_when = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["by_when", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def who_does_it(self) -> str:
        return f"{self.get_who_display()}: {self.who_name}" if self.who_name else self.get_who_display()


class ReviewQuerySet(ScopedQuerySet):
    person_paths, organisation_path = ("plan__person",), "plan__organisation"


class Review(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what_changes = models.TextField(help_text="What changes in the plan after this review")
    next_review_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on:%-d %B %Y}"


class Progress(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    GOOD = "good", "Good progress"
    SOME = "some", "Some progress"
    NONE = "none", "No progress yet"
    CHANGED = "changed", "Goal changed or no longer wanted"


class GoalProgress(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    progress = models.CharField(max_length=20, choices=Progress.choices)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "goal"], name="one_progress_per_goal_per_review")]

    def __str__(self) -> str:
        return f"Progress on a goal: {self.get_progress_display()}"


class MeasureAnswer(models.Model):
    """One answer to one item of an outcome measure (instruments.py) at a review; None when not answered."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    instrument = models.CharField(max_length=40)
    item = models.CharField(max_length=40)
    value = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["instrument", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "instrument", "item"], name="one_answer_per_item_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.instrument}.{self.item} = {self.value}"
