"""An OpenActive RPDE feed the council follows, where it got to, and what each run found."""

from __future__ import annotations

from django.db import models


class Feed(models.Model):
    """One configured feed (settings.ACTIVITIES_FEEDS). ``next_url`` is the RPDE position: the next run starts there,
    so only items changed since the last run are read again."""

    name = models.CharField(max_length=100, unique=True)
    url = models.URLField(max_length=1000, help_text="The feed's first page, as configured")
    publisher = models.CharField(max_length=200, blank=True)
    licence = models.URLField(max_length=500, blank=True)
    next_url = models.URLField(max_length=2000, blank=True)
    last_modified = models.BigIntegerField(null=True, blank=True, help_text="RPDE 'modified' of the last item read")
    last_item_id = models.CharField(max_length=300, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedRun(models.Model):
    """What one import run did: pages, items changed and deleted, bad items skipped (a bounded report)."""

    class Outcome(models.TextChoices):
        COMPLETE = "complete", "Reached the end of the feed"
        PAGE_LIMIT = "page_limit", "Stopped at the page limit; continues next run"
        FAILED = "failed", "Stopped by an error; continues from the last good page"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.COMPLETE)
    pages = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True, help_text="The first problems in full (core.uploads)")
    problem_summary = models.JSONField(default=list, blank=True, help_text="Counts of further problems by kind")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["feed", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.feed} at {self.started_at:%Y-%m-%d %H:%M}"
