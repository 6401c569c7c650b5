"""The crash-surviving job machinery (core/jobs.py), with a job of its own that counts its units."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands
from django.utils import timezone

from communities.core import jobs
from communities.core.models import JobRun

pytestmark = pytest.mark.django_db
done_units: list[tuple[int, int]] = []  # (run, unit) in the order units were committed
events: list[tuple[int, str]] = []


class CountingJob(jobs.JobHandler):
    kind = "tests.counting"
    fail_in: int | None = None

    def do_unit(self, run, number, state):
        if number == self.fail_in:
            raise ValueError(f"unit {number} is bad")
        return number

    def save_unit(self, run, number, results):
        done_units.append((run.pk, results))

    def finish(self, run, state):
        events.append((run.pk, "finished"))

    def failed(self, run):
        events.append((run.pk, "failed"))

    def discard_input(self, run):
        events.append((run.pk, "input discarded"))


@pytest.fixture(autouse=True)
def fresh(settings):
    done_units.clear()
    events.clear()
    CountingJob.fail_in = None
    settings.JOB_HEARTBEAT_SECONDS, settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 10, 60
    settings.JOB_MAX_ATTEMPTS, settings.JOB_INPUT_RETENTION_DAYS = 3, 14


def silence(run: JobRun, seconds: int = 61) -> None:
    JobRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=seconds))


def test_a_run_is_claimed_once_and_its_units_advance_only_for_the_holder():
    run = jobs.create("tests.counting", units_total=3)
    token = jobs.claim(run.pk)
    assert token and jobs.claim(run.pk) is None
    assert jobs.claim_next_unit(run.pk, token) == 0
    jobs.complete_unit(run.pk, token, 0)
    with pytest.raises(jobs.LostClaim):
        jobs.complete_unit(run.pk, token, 0)  # the same unit twice
    with pytest.raises(jobs.LostClaim):
        jobs.claim_next_unit(run.pk, "another attempt")
    assert jobs.heartbeat(run.pk, token) and not jobs.heartbeat(run.pk, "another attempt")


def test_a_silent_run_is_resumed_and_its_old_attempt_can_commit_nothing_more():
    run = jobs.create("tests.counting", units_total=4)
    old = jobs.claim(run.pk)
    jobs.complete_unit(run.pk, old, 0)
    jobs.complete_unit(run.pk, old, 1)
    silence(run)
    assert jobs.recover_stale() == [(run.pk, "resumed")]  # run again at once by the immediate back-end
    run.refresh_from_db()
    assert (run.status, run.units_done, run.attempts) == ("done", 4, 2)
    assert done_units == [(run.pk, 2), (run.pk, 3)] and events == [(run.pk, "finished")]
    with pytest.raises(jobs.LostClaim):
        jobs.complete_unit(run.pk, old, 2)  # the "dead" worker wakes up: nothing it does counts
    assert not jobs.heartbeat(run.pk, old)
    assert jobs.run(run.pk) == {"run": run.pk, "outcome": "not claimed", "status": "done"}  # twice changes nothing


def test_errors_use_up_the_attempts_then_the_run_fails_and_a_retry_starts_afresh(settings):
    CountingJob.fail_in = 1
    run = jobs.create("tests.counting", units_total=3)
    jobs.enqueue(run)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.units_done) == ("failed", 3, 1)
    assert run.error == "ValueError: unit 1 is bad" and events == [(run.pk, "failed")]
    assert jobs.state(run).phase == "failed" and jobs.state(run).can_retry and not jobs.state(run).live
    CountingJob.fail_in = None
    assert jobs.retry(run.pk)
    jobs.enqueue(run)
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("done", 1)
    assert done_units == [(run.pk, 0), (run.pk, 1), (run.pk, 2)]
    assert not jobs.retry(run.pk)  # nothing to retry once done


def test_a_queued_run_whose_task_vanished_is_queued_again_but_a_waiting_one_is_left():
    from django_tasks_db.models import DBTaskResult

    waiting = jobs.create("tests.counting", units_total=1)
    task = DBTaskResult.objects.create(args_kwargs={"args": [waiting.pk], "kwargs": {}}, backend_name="default",
                                       task_path="communities.core.tasks.run_job", run_after=timezone.now())
    JobRun.objects.filter(pk=waiting.pk).update(task_id=str(task.pk))
    vanished = jobs.create("tests.counting", units_total=1)
    silence(waiting), silence(vanished)
    assert jobs.recover_stale() == [(vanished.pk, "queued again")]
    assert JobRun.objects.get(pk=vanished.pk).status == "done"
    assert JobRun.objects.get(pk=waiting.pk).status == "queued"


def test_the_dead_workers_task_result_no_longer_says_running():
    from django_tasks_db.models import DBTaskResult

    run = jobs.create("tests.counting", units_total=1)
    task = DBTaskResult.objects.create(args_kwargs={"args": [run.pk], "kwargs": {}}, backend_name="default",
                                       task_path="communities.core.tasks.run_job", run_after=timezone.now(),
                                       status="RUNNING")
    JobRun.objects.filter(pk=run.pk).update(task_id=str(task.pk))
    jobs.claim(run.pk)
    silence(run)
    jobs.recover_stale()
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path == "communities.core.jobs.WorkerStopped"


def test_a_failed_runs_input_is_discarded_once_after_its_retention():
    now = timezone.now()
    old, recent = (jobs.create("tests.counting", units_total=1) for _ in range(2))
    JobRun.objects.filter(pk=old.pk).update(status="failed", finished_at=now - timedelta(days=15))
    JobRun.objects.filter(pk=recent.pk).update(status="failed", finished_at=now - timedelta(days=13))
    assert jobs.sweep(now) == {"recovered": [], "discarded": [old.pk]}
    assert jobs.sweep(now) == {"recovered": [], "discarded": []}
    assert events == [(old.pk, "input discarded")]
    assert not jobs.retry(old.pk) and not jobs.state(JobRun.objects.get(pk=old.pk)).can_retry


def test_the_heartbeat_thread_beats_every_interval_until_stopped_or_the_claim_is_lost():
    beats = []
    with jobs.Heartbeat(1, "token", interval=0.05, beat=lambda run_id, token: beats.append(time.monotonic()) or True):
        time.sleep(0.4)
    count = len(beats)
    assert count >= 4 and max(b - a for a, b in zip(beats, beats[1:], strict=False)) < 0.2
    time.sleep(0.15)
    assert len(beats) == count  # stopped
    lost = []
    with jobs.Heartbeat(1, "token", interval=0.02, beat=lambda run_id, token: lost.append(1) and False):
        time.sleep(0.2)
    assert lost == [1]  # no longer the holder: it stops beating


def test_a_timeout_shorter_than_two_heartbeats_is_refused(settings):
    settings.JOB_HEARTBEAT_SECONDS, settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 30, 45
    with pytest.raises(ImproperlyConfigured, match="at least twice JOB_HEARTBEAT_SECONDS"):
        jobs.timing()


def test_db_worker_is_cores_and_sweeps_before_it_takes_a_task(monkeypatch):
    from django_tasks_db.management.commands import db_worker as upstream

    from communities.core.management.commands import db_worker

    assert get_commands()["db_worker"] == "communities.core"
    order = []
    monkeypatch.setattr(jobs, "sweep", lambda: order.append("sweep") or {"recovered": [], "discarded": []})
    monkeypatch.setattr(upstream.Command, "handle", lambda self, *a, **o: order.append("worker"))
    monkeypatch.setattr(db_worker, "sweep_forever", lambda stop, interval: order.append(f"every {interval:g} s"))
    monkeypatch.setattr(db_worker, "start_periodic_forever",
                        lambda stop, interval: order.append(f"periodic tasks every {interval:g} s"))
    db_worker.Command().handle(reload=False)
    for thread in threading.enumerate():
        if thread.name in ("job-sweep", "periodic-tasks"):
            thread.join(1)
    assert order[0] == "sweep"
    assert sorted(order[1:]) == ["every 10 s", "periodic tasks every 30 s", "worker"]
