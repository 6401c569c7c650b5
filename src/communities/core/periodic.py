"""Periodic tasks: background work that runs by itself every day at a time, or every so many seconds.

Declared in ``settings.PERIODIC_TASKS``, one dict each::

    {"name": "directory.chase_stale_listings",                       # unique, at most 100 characters
     "task": "communities.directory.tasks.chase_stale_listings_task",  # a django-tasks task or a plain function
     "daily_at": "07:00"}                                              # local time; or "every_seconds": 3600

Nothing extra runs: every ``manage.py db_worker`` (core's wrapper) calls :func:`enqueue_due` when it starts and then
every ``PERIODIC_CHECK_SECONDS``. A task's periods follow one another: a daily task's period runs from its time one
day to its time the next, an interval's from one multiple of the interval (counted from the Unix epoch) to the next.
The first check within a period queues its run — late if no worker was running at the time, but never twice and never
for a period already over. "Once" holds across any number of workers and machines because each period's run starts
by inserting a :class:`~communities.core.models.PeriodicRun` row whose (name, period) is unique: the worker whose
insert fails knows another has it. The run is a crash-surviving job (core/jobs.py, ADR 0010): if the worker running
it is killed, another takes it up again. Tasks must therefore be safe to run twice (the staleness chase is: one
reminder per listing per cycle). Editors can start a run now with :func:`run_now` (once per day per task).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import jobs
from .models import JobRun, PeriodicRun

KIND = "core.periodic"
_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str
    daily_at: time | None = None
    every: timedelta | None = None

    def period(self, now: datetime) -> tuple[str, datetime]:
        """The period ``now`` falls in: its key and when it became due."""
        if self.every is not None:
            seconds = self.every.total_seconds()
            number = int(now.timestamp() // seconds)
            return f"every {int(seconds)}s #{number}", datetime.fromtimestamp(number * seconds, tz=UTC)
        local = timezone.localtime(now)
        day = local.date() if local.time() >= self.daily_at else local.date() - timedelta(days=1)
        return day.isoformat(), timezone.make_aware(datetime.combine(day, self.daily_at))

    def callable(self):
        target = import_string(self.task)
        return getattr(target, "func", target)  # a django-tasks Task runs its function inside this job


def _parse(entry: dict) -> Periodic:
    name, task = entry.get("name", ""), entry.get("task", "")
    if not name or len(name) > 100 or not task:
        raise ImproperlyConfigured(f"PERIODIC_TASKS: each entry needs a name (at most 100 characters) and a task: "
                                   f"{entry!r}")
    daily, every = entry.get("daily_at"), entry.get("every_seconds")
    if (daily is None) == (every is None):
        raise ImproperlyConfigured(f"PERIODIC_TASKS {name!r}: give either daily_at ('HH:MM') or every_seconds")
    if daily is not None:
        match = _CLOCK.fullmatch(str(daily))
        if not match:
            raise ImproperlyConfigured(f"PERIODIC_TASKS {name!r}: daily_at must be a 24-hour time such as 07:00, "
                                       f"not {daily!r}")
        return Periodic(name, task, daily_at=time(int(match[1]), int(match[2])))
    if not isinstance(every, int) or every < 60:
        raise ImproperlyConfigured(f"PERIODIC_TASKS {name!r}: every_seconds must be a whole number, 60 or more")
    return Periodic(name, task, every=timedelta(seconds=every))


def declared() -> list[Periodic]:
    tasks = [_parse(entry) for entry in getattr(settings, "PERIODIC_TASKS", [])]
    names = [t.name for t in tasks]
    if len(set(names)) != len(names):
        raise ImproperlyConfigured(f"PERIODIC_TASKS: names must be unique ({names})")
    return tasks


def by_name(name: str) -> Periodic:
    for spec in declared():
        if spec.name == name:
            return spec
    raise KeyError(f"No periodic task called {name!r} in settings.PERIODIC_TASKS")


def _claim(spec: Periodic, period: str, due_at: datetime) -> PeriodicRun | None:
    """Claim the period (its unique row) with a queued job; None if another worker or request already has it."""
    if PeriodicRun.objects.filter(name=spec.name, period=period).exists():
        return None
    try:
        with transaction.atomic():
            run = jobs.create(KIND, units_total=1)
            return PeriodicRun.objects.create(name=spec.name, period=period, due_at=due_at, job=run)
    except IntegrityError:
        return None


def _start(spec: Periodic, period: str, due_at: datetime) -> PeriodicRun | None:
    claimed = _claim(spec, period, due_at)
    if claimed is not None:
        # After the commit (a worker killed just here leaves the run queued without a task: the job sweep queues it).
        jobs.enqueue(claimed.job)
    return claimed


def enqueue_due(now: datetime | None = None) -> list[tuple[str, str]]:
    """Queue every declared task whose current period has no run yet; returns the (name, period) pairs queued."""
    now = now or timezone.now()
    started = []
    for spec in declared():
        period, due_at = spec.period(now)
        if _start(spec, period, due_at) is not None:
            started.append((spec.name, period))
    return started


def run_now(name: str, *, audit: Callable[[PeriodicRun | None], object] | None = None,
            now: datetime | None = None) -> PeriodicRun | None:
    """Run a declared task now, outside its schedule, at most once a day ("now" runs are periods of their own).
    ``audit(run)`` is called in the same transaction as the claim (with None if today's was already started).
    Returns the run, or None."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = _claim(by_name(name), f"now {timezone.localdate(now).isoformat()}", now)
        if audit is not None:
            audit(claimed)
    if claimed is not None:
        jobs.enqueue(claimed.job)
    return claimed


def last_run(name: str) -> PeriodicRun | None:
    return PeriodicRun.objects.filter(name=name).select_related("job").order_by("-created_at", "-id").first()


def _jsonable(value):
    try:
        json.dumps(value)
    except TypeError:
        return str(value)
    return value


class PeriodicTaskJob(jobs.JobHandler):
    """A periodic task's run as a one-unit crash-surviving job: the task's function, then its outcome."""

    kind = KIND

    def prepare(self, run: JobRun) -> Periodic:
        return by_name(PeriodicRun.objects.get(job=run).name)

    def do_unit(self, run: JobRun, number: int, state: Periodic):
        return _jsonable(state.callable()())

    def save_unit(self, run: JobRun, number: int, results) -> None:
        PeriodicRun.objects.filter(job=run).update(outcome=results)
