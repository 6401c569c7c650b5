"""What the feeds publish: activities (a SessionSeries, a FacilityUse, or a ScheduledSession with its own details)
and the sessions people can go to (weekly times or dated sessions)."""

from __future__ import annotations

from django.db import models

from .feeds import Feed


class ActivityQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(hidden=False)


class Activity(models.Model):
    class Kind(models.TextChoices):
        SESSION_SERIES = "SessionSeries", "Session series"
        SCHEDULED_SESSION = "ScheduledSession", "Scheduled session"
        FACILITY_USE = "FacilityUse", "Facility use"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="activities")
    item_id = models.CharField(max_length=300, help_text="The RPDE item id")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    data_id = models.CharField(max_length=1000, blank=True, help_text="The item's @id, which sessions point to")
    modified = models.BigIntegerField()
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    activity_names = models.CharField(max_length=500, blank=True, help_text="activity prefLabels, comma separated")
    organiser = models.CharField(max_length=300, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=500, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.JSONField(default=list, blank=True, help_text="Accessibility support and features")
    accessibility_information = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    prices = models.JSONField(default=list, blank=True, help_text="[{'name': 'Adult', 'price': '4.50'}]")
    lowest_price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    hidden = models.BooleanField(default=False, help_text="Cancelled, or a session of a series shown with its series")
    imported_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["feed", "item_id"], name="activities_one_row_per_item")]
        indexes = [models.Index(fields=["latitude", "longitude"]), models.Index(fields=["feed", "data_id"])]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.lowest_price is not None and self.lowest_price == 0


class Session(models.Model):
    """A time to go: weekly (``on_date`` empty: every week on ``weekday``) or on one date. Made by the RPDE item
    ``item_id``; ``series_ref`` is the @id of the series it belongs to, which may arrive in another feed later."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="sessions")
    item_id = models.CharField(max_length=300)
    series_ref = models.CharField(max_length=1000, blank=True)
    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="sessions")
    weekday = models.PositiveSmallIntegerField(help_text="0 Monday … 6 Sunday")
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    on_date = models.DateField(null=True, blank=True)
    remaining_places = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["on_date", "weekday", "start_time"]
        indexes = [
            models.Index(fields=["feed", "item_id"]),
            models.Index(fields=["feed", "series_ref"]),
            models.Index(fields=["weekday", "on_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.weekday} {self.start_time}"
