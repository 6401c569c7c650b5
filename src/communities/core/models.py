"""Core models: the run of a background job that survives a crash (machinery in ``core/jobs.py``)."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    """One background job: its work split into numbered units, its heartbeat and its attempts.

    ``units_done`` only moves forward, in the same transaction as the unit's results, and only for the attempt
    whose ``owner`` token holds the job; a job whose heartbeat stops is put back on the queue and resumes there.
    Rooms point at their run (``CaseloadExtract.job``); the run holds no personal data.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the background worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60, help_text="The registered handler, e.g. money.screening")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    units_total = models.PositiveIntegerField(default=0)
    unit_size = models.PositiveIntegerField(default=1, help_text="Items (households, messages…) per unit")
    units_done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Attempts since it was queued or retried")
    owner = models.CharField(max_length=64, blank=True, help_text="Claim token of the attempt that holds it")
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="Last sign of life (queued or running)")
    task_id = models.CharField(max_length=64, blank=True, help_text="The django-tasks result of the last enqueue")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    input_discarded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the job's input (an uploaded file) was deleted"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="core_jobrun_status_beat")]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.status}, {self.units_done}/{self.units_total} units)"

    @property
    def percent(self) -> int:
        return int(100 * self.units_done / self.units_total) if self.units_total else 0


class PeriodicRun(models.Model):
    """One period of one periodic task (settings.PERIODIC_TASKS, core/periodic.py): the row that makes it run once.

    The unique (name, period) pair is the whole of the coordination between workers: each worker that finds a task
    due tries to insert its row, and only the one whose insert succeeds queues the run. The run itself is a
    :class:`JobRun`, so a worker killed while it runs is noticed and the run resumed (ADR 0010).
    """

    name = models.CharField(max_length=100, help_text="The periodic task's name in settings.PERIODIC_TASKS")
    period = models.CharField(max_length=40, help_text="The day (daily), the interval's number, or a manual run")
    due_at = models.DateTimeField(help_text="When this period's run became due")
    created_at = models.DateTimeField(auto_now_add=True)
    job = models.OneToOneField(JobRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="periodic")
    outcome = models.JSONField(null=True, blank=True, help_text="What the task returned (counts, never personal data)")

    class Meta:
        ordering = ["-due_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="core_periodic_once_per_period")]

    def __str__(self) -> str:
        return f"{self.name} for {self.period}"
