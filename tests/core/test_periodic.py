"""Periodic tasks (core/periodic.py): declared in settings, queued by the workers once per period, whatever the
number of workers, and recovered like any job when the worker running one is killed."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.utils import timezone

from communities.core import jobs, periodic
from communities.core.models import JobRun, PeriodicRun

CALLS: list[str] = []


def count_call() -> dict:
    CALLS.append("called")
    return {"calls": len(CALLS)}


HOURLY = {"name": "test.hourly", "task": "tests.core.test_periodic.count_call", "every_seconds": 3600}


@pytest.fixture(autouse=True)
def _only_the_test_task(settings):
    CALLS.clear()
    settings.PERIODIC_TASKS = [HOURLY]


@pytest.mark.parametrize("entry, message", [
    ({"name": "x", "task": "a.b"}, "either daily_at"),
    ({"name": "x", "task": "a.b", "daily_at": "07:00", "every_seconds": 60}, "either daily_at"),
    ({"name": "x", "task": "a.b", "daily_at": "7am"}, "24-hour time"),
    ({"name": "x", "task": "a.b", "daily_at": "24:00"}, "24-hour time"),
    ({"name": "x", "task": "a.b", "every_seconds": 5}, "60 or more"),
    ({"name": "", "task": "a.b", "every_seconds": 60}, "needs a name"),
])
def test_bad_declarations_are_refused_with_a_reason(settings, entry, message):
    settings.PERIODIC_TASKS = [entry]
    with pytest.raises(ImproperlyConfigured, match=message):
        periodic.declared()


def test_names_are_unique(settings):
    settings.PERIODIC_TASKS = [HOURLY, HOURLY]
    with pytest.raises(ImproperlyConfigured, match="unique"):
        periodic.declared()


def test_periods():
    hourly = periodic.declared()[0]
    noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert hourly.period(noon) == hourly.period(noon + timedelta(minutes=59, seconds=59))
    assert hourly.period(noon)[0] != hourly.period(noon + timedelta(hours=1))[0]
    assert hourly.period(noon + timedelta(minutes=30))[1] == noon
    daily = periodic._parse({"name": "d", "task": "a.b", "daily_at": "07:00"})
    london = timezone.get_current_timezone()
    at = datetime(2026, 7, 1, 7, 0, tzinfo=london)  # British Summer Time: 07:00 local, 06:00 UTC
    assert daily.period(at) == ("2026-07-01", at)
    assert daily.period(at - timedelta(seconds=1))[0] == "2026-06-30"


@pytest.mark.django_db
def test_once_per_period_and_the_outcome_kept():
    noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert [n for n, _ in periodic.enqueue_due(noon)] == ["test.hourly"]
    assert periodic.enqueue_due(noon + timedelta(minutes=10)) == []
    assert CALLS == ["called"]
    run = PeriodicRun.objects.get()
    assert run.outcome == {"calls": 1} and run.job.status == JobRun.Status.DONE and run.due_at == noon
    assert [n for n, _ in periodic.enqueue_due(noon + timedelta(hours=1))] == ["test.hourly"]
    assert len(CALLS) == 2


@pytest.mark.django_db
def test_a_period_another_worker_claimed_is_left_alone():
    noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    period, due = periodic.declared()[0].period(noon)
    PeriodicRun.objects.create(name="test.hourly", period=period, due_at=due)
    assert periodic.enqueue_due(noon) == []
    assert CALLS == [] and not JobRun.objects.exists()


@pytest.mark.django_db
def test_losing_the_insert_race_queues_nothing(monkeypatch):
    """Both workers saw no row; the second's insert hits the unique constraint and it backs off."""
    noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    period, due = periodic.declared()[0].period(noon)
    real_filter = PeriodicRun.objects.filter

    def first_look_finds_nothing(*args, **kwargs):
        PeriodicRun.objects.filter = real_filter  # the other worker inserts between our look and our insert
        PeriodicRun.objects.create(name="test.hourly", period=period, due_at=due)
        return real_filter(pk=-1)

    monkeypatch.setattr(PeriodicRun.objects, "filter", first_look_finds_nothing)
    assert periodic.enqueue_due(noon) == []
    assert CALLS == [] and PeriodicRun.objects.count() == 1 and not JobRun.objects.exists()


# serialized_rollback: the database as the migrations left it is kept, so tests/conftest.py can put it back afterwards
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_several_workers_at_the_same_moment_queue_one_run(monkeypatch):
    monkeypatch.setattr(jobs, "enqueue", lambda run: run)  # count claims only; nothing runs
    noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    barrier, results, errors = threading.Barrier(4), [], []

    def worker():
        try:
            barrier.wait()
            for _ in range(3):
                try:
                    results.extend(periodic.enqueue_due(noon))
                    break
                except Exception as exc:  # SQLite "database is locked": the worker's next check tries again
                    if "locked" not in str(exc):
                        raise
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(results) == 1
    assert PeriodicRun.objects.count() == 1 and JobRun.objects.count() == 1


@pytest.mark.django_db
def test_a_run_whose_worker_was_killed_is_taken_up_again(settings):
    noon = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    period, due = periodic.declared()[0].period(noon)
    # As a killed worker leaves it: claimed, RUNNING, heartbeat long gone, the task never finished.
    job = jobs.create(periodic.KIND, units_total=1)
    PeriodicRun.objects.create(name="test.hourly", period=period, due_at=due, job=job)
    JobRun.objects.filter(pk=job.pk).update(status=JobRun.Status.RUNNING, owner="dead-worker", attempts=1,
                                            heartbeat_at=timezone.now() - timedelta(hours=1))
    assert periodic.enqueue_due(noon) == []  # the period is taken: no second run
    outcomes = jobs.recover_stale()  # what every worker's sweep does (ImmediateBackend: runs again at once)
    assert outcomes == [(job.pk, "resumed")]
    job.refresh_from_db()
    assert job.status == JobRun.Status.DONE and CALLS == ["called"]
    assert PeriodicRun.objects.get().outcome == {"calls": 1}
