"""Background jobs that survive a crash: a heartbeat, resuming where a dead worker stopped, and a final failure.

A job is a :class:`~communities.core.models.JobRun` and a handler registered under its ``kind``. Its work is split
into numbered units. A unit's work runs outside any transaction; its results are saved in a short transaction of
their own, which also moves ``units_done`` past it with a conditional UPDATE that only the attempt holding the run
(its ``owner`` token, given by :func:`claim`) can make; the results must be keyed (a unique constraint) so a redo
cannot duplicate them. While an attempt works, a thread records
its heartbeat every ``JOB_HEARTBEAT_SECONDS``. A run whose heartbeat is older than ``JOB_HEARTBEAT_TIMEOUT_SECONDS``
has lost its worker: :func:`recover_stale` puts it back on the queue to resume at ``units_done``, or marks it failed
after ``JOB_MAX_ATTEMPTS`` attempts. Every ``manage.py db_worker`` (core's own, which wraps django-tasks-db's) runs
:func:`sweep` when it starts and every ``JOB_HEARTBEAT_SECONDS`` after; ``manage.py recover_jobs`` runs it once.

A room writes a handler in its ``jobs.py`` (found by autodiscovery; ``money/jobs.py`` is the first)::

    class ScreeningJob(JobHandler):
        kind = "money.screening"
        def prepare(self, run): ...                 # once per attempt (read the input); returns the attempt's state
        def do_unit(self, run, number, state): ...  # the unit's work, outside any transaction; returns its results
        def save_unit(self, run, number, results): ...  # inside the unit's short transaction: write them
        def finish(self, run, state): ...           # inside the transaction that marks the run done: drop the input
        def failed(self, run): ...                  # inside the transaction that marks it failed for good
        def discard_input(self, run): ...           # a failed run's input, JOB_INPUT_RETENTION_DAYS after it failed

and starts a run with ``run = jobs.create(kind, units_total=…)`` inside its own transaction, then ``jobs.enqueue(run)``
once that transaction has committed. The officer's retry is :func:`retry` (then :func:`enqueue`); pages show
:func:`state`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import JobRun

logger = logging.getLogger(__name__)
Status = JobRun.Status
HANDLERS: dict[str, JobHandler] = {}


class LostClaim(Exception):  # noqa: N818 (a state, not an error: another attempt holds the run now)
    """The run was taken for dead and given to another attempt: this one stops without committing anything more."""


class JobHandler:
    """What a room's job does; subclasses with a ``kind`` register themselves."""

    kind = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.kind:
            HANDLERS[cls.kind] = cls()

    def prepare(self, run: JobRun):
        return None

    def do_unit(self, run: JobRun, number: int, state):
        """The unit's work, outside any transaction (a long one would hold SQLite's write lock); returns results."""
        raise NotImplementedError

    def save_unit(self, run: JobRun, number: int, results) -> None:
        """Inside the unit's transaction, with the move past it: write the results, keyed so a redo cannot
        duplicate them."""

    def finish(self, run: JobRun, state) -> None:
        """Record the result and delete the input (the run is marked as having discarded it)."""

    def failed(self, run: JobRun) -> None:
        """Record the final failure (the input is kept JOB_INPUT_RETENTION_DAYS for a retry)."""

    def discard_input(self, run: JobRun) -> None:
        """Delete a failed run's input and any partial results."""


def handler_for(kind: str) -> JobHandler:
    if kind not in HANDLERS:
        autodiscover_modules("jobs")
    if kind not in HANDLERS:
        raise ImproperlyConfigured(f"No background job handler is registered for {kind!r} (define it in jobs.py)")
    return HANDLERS[kind]


@dataclass(frozen=True)
class Timing:
    heartbeat: float
    timeout: float
    max_attempts: int
    input_retention: timedelta


def timing() -> Timing:
    """The job settings, checked: a timeout shorter than two heartbeats would take live jobs for dead."""
    beat = float(getattr(settings, "JOB_HEARTBEAT_SECONDS", 10))
    timeout = float(getattr(settings, "JOB_HEARTBEAT_TIMEOUT_SECONDS", 60))
    attempts = int(getattr(settings, "JOB_MAX_ATTEMPTS", 3))
    days = int(getattr(settings, "JOB_INPUT_RETENTION_DAYS", 14))
    if beat <= 0 or timeout < 2 * beat:
        raise ImproperlyConfigured(
            f"JOB_HEARTBEAT_TIMEOUT_SECONDS ({timeout:g}) must be at least twice JOB_HEARTBEAT_SECONDS ({beat:g}), "
            "and JOB_HEARTBEAT_SECONDS above 0"
        )
    if attempts < 1 or days < 0:
        raise ImproperlyConfigured("JOB_MAX_ATTEMPTS must be 1 or more and JOB_INPUT_RETENTION_DAYS 0 or more")
    return Timing(beat, timeout, attempts, timedelta(days=days))


def create(kind: str, *, units_total: int, unit_size: int = 1) -> JobRun:
    handler_for(kind)
    return JobRun.objects.create(kind=kind, units_total=units_total, unit_size=unit_size,
                                 heartbeat_at=timezone.now())


def enqueue(run: JobRun) -> JobRun:
    """Queue an attempt: call it after the transaction that created, re-queued or retried the run has committed."""
    from .tasks import run_job

    result = run_job.enqueue(run.pk)
    JobRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])
    run.refresh_from_db()
    return run


def claim(run_id: int) -> str | None:
    """Take a queued run for this attempt (a conditional UPDATE); the token fences everything the attempt commits."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimed = JobRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING, owner=token, attempts=F("attempts") + 1, heartbeat_at=now,
        started_at=Coalesce(F("started_at"), Value(now, output_field=DateTimeField())),
    )
    return token if claimed else None


def heartbeat(run_id: int, token: str) -> bool:
    """Record a sign of life for the attempt holding the run; False once it no longer holds it."""
    return bool(JobRun.objects.filter(pk=run_id, owner=token, status=Status.RUNNING)
                .update(heartbeat_at=timezone.now()))


def claim_next_unit(run_id: int, token: str) -> int | None:
    """The next unit to do (None when all are done); LostClaim if another attempt holds the run now."""
    row = JobRun.objects.filter(pk=run_id).values("owner", "status", "units_done", "units_total").first()
    if row is None or row["owner"] != token or row["status"] != Status.RUNNING:
        raise LostClaim(f"job {run_id} is held by another attempt")
    return row["units_done"] if row["units_done"] < row["units_total"] else None


def complete_unit(run_id: int, token: str, number: int) -> None:
    """Inside the unit's transaction: move past ``number``, only for the holder and only from ``number``."""
    moved = JobRun.objects.filter(pk=run_id, owner=token, status=Status.RUNNING, units_done=number).update(
        units_done=number + 1, heartbeat_at=timezone.now()
    )
    if not moved:
        raise LostClaim(f"job {run_id}: unit {number} was not this attempt's to complete")


class Heartbeat:
    """A thread recording the attempt's heartbeat every JOB_HEARTBEAT_SECONDS, also while one unit runs long."""

    def __init__(self, run_id: int, token: str, interval: float | None = None,
                 beat: Callable[[int, str], bool] = heartbeat):
        self.run_id, self.token, self.beat = run_id, token, beat
        self.interval = interval if interval is not None else timing().heartbeat
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name=f"job-{run_id}-heartbeat")

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    if not self.beat(self.run_id, self.token):
                        return
                except DatabaseError as exc:  # e.g. SQLite busy while a unit commits: the next beat tries again
                    logger.warning("Job %s: heartbeat not recorded (%s); trying again", self.run_id, exc)
        finally:
            connections.close_all()  # this thread's own connections

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run(run_id: int, *, on_unit: Callable[[int, int], None] | None = None) -> dict:
    """One attempt: claim the run, do its remaining units, finish; on an error, queue it again or fail it."""
    job = JobRun.objects.filter(pk=run_id).first()
    handler = handler_for(job.kind) if job else None
    token = claim(run_id) if job else None
    if token is None:
        return {"run": run_id, "outcome": "not claimed", "status": job.status if job else None}
    job.refresh_from_db()
    # Inside a caller's transaction (the immediate back-end in tests) no other connection could see a heartbeat.
    beating = Heartbeat(run_id, token) if not connection.in_atomic_block else contextlib.nullcontext()
    try:
        with beating:
            _work(job, token, handler, on_unit)
    except LostClaim:
        logger.warning("Job %s (%s): another attempt took it over; this one stops", run_id, job.kind)
        return {"run": run_id, "outcome": "lost"}
    except Exception as exc:
        logger.exception("Job %s (%s) failed", run_id, job.kind)
        _attempt_failed(job, token, handler, f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return {"run": run_id, "outcome": "done", "units": job.units_total}


def _work(job: JobRun, token: str, handler: JobHandler, on_unit) -> None:
    state = handler.prepare(job)
    while (number := claim_next_unit(job.pk, token)) is not None:
        results = handler.do_unit(job, number, state)
        with transaction.atomic():
            handler.save_unit(job, number, results)
            complete_unit(job.pk, token, number)
        if on_unit:
            on_unit(number + 1, job.units_total)
    with transaction.atomic():
        now = timezone.now()
        if not JobRun.objects.filter(pk=job.pk, owner=token, status=Status.RUNNING).update(
            status=Status.DONE, owner="", error="", finished_at=now, heartbeat_at=now, input_discarded_at=now
        ):
            raise LostClaim(f"job {job.pk} is held by another attempt")
        job.refresh_from_db()
        handler.finish(job, state)


def _fail_for_good(stale, job: JobRun, handler: JobHandler, message: str) -> bool:
    """Mark the run (selected by ``stale``) failed if it has used all its attempts; the handler records why."""
    with transaction.atomic():
        failed = stale.filter(attempts__gte=timing().max_attempts).update(
            status=Status.FAILED, owner="", error=message, finished_at=timezone.now()
        )
        if failed:
            job.refresh_from_db()
            handler.failed(job)
    return bool(failed)


def _attempt_failed(job: JobRun, token: str, handler: JobHandler, message: str) -> None:
    held = JobRun.objects.filter(pk=job.pk, owner=token, status=Status.RUNNING)
    if _fail_for_good(held, job, handler, message):
        return
    if held.update(status=Status.QUEUED, owner="", error=message, heartbeat_at=timezone.now()):
        enqueue(job)


def _task_results(task_id: str):
    """The django-tasks result row of a run's task (none for a task id that is not one)."""
    from django_tasks_db.models import DBTaskResult

    try:
        uuid.UUID(task_id)
    except ValueError:
        return DBTaskResult.objects.none()
    return DBTaskResult.objects.filter(pk=task_id)


def _abandon_task(task_id: str, now: datetime) -> None:
    """The dead worker's django-tasks result would say RUNNING for ever: say what happened instead."""
    from django_tasks_db.compat import TaskResultStatus

    _task_results(task_id).filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=now, exception_class_path="communities.core.jobs.WorkerStopped",
        traceback="The worker running this task stopped without finishing it (killed or crashed); "
                  "communities.core.jobs.recover_stale queued the job again or failed it.",
    )


def _task_waiting(task_id: str) -> bool:
    from django_tasks_db.compat import TaskResultStatus

    return _task_results(task_id).filter(status=TaskResultStatus.READY).exists()


def _recover_running(job: JobRun, cutoff: datetime, now: datetime) -> str:
    stale = JobRun.objects.filter(pk=job.pk, status=Status.RUNNING, heartbeat_at__lt=cutoff)
    last = timezone.localtime(job.heartbeat_at)
    message = (f"The background worker stopped at unit {job.units_done + 1} of {job.units_total} (last sign of life "
               f"{last:%d %b %Y %H:%M:%S}), attempt {job.attempts} of {timing().max_attempts}.")
    _abandon_task(job.task_id, now)
    if _fail_for_good(stale, job, handler_for(job.kind), message):
        return "failed"
    if stale.update(status=Status.QUEUED, owner="", error=message, heartbeat_at=now):
        enqueue(job)
        return "resumed"
    return "skipped"


def recover_stale(now: datetime | None = None) -> list[tuple[int, str]]:
    """Queue again (or fail) every run whose worker went quiet for longer than JOB_HEARTBEAT_TIMEOUT_SECONDS."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=timing().timeout)
    outcomes = [(job.pk, _recover_running(job, cutoff, now))
                for job in JobRun.objects.filter(status=Status.RUNNING, heartbeat_at__lt=cutoff)]
    # Queued, but the task that would run it is gone (its worker died before claiming the run): queue it again.
    for job in JobRun.objects.filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None), status=Status.QUEUED):
        if _task_waiting(job.task_id):
            continue
        _abandon_task(job.task_id, now)
        if JobRun.objects.filter(pk=job.pk, status=Status.QUEUED, task_id=job.task_id).update(heartbeat_at=now):
            enqueue(job)
            outcomes.append((job.pk, "queued again"))
    return outcomes


def discard_expired_inputs(now: datetime | None = None) -> list[int]:
    """Delete the input of runs that failed for good more than JOB_INPUT_RETENTION_DAYS ago."""
    now = now or timezone.now()
    cutoff = now - timing().input_retention
    discarded = []
    for job in JobRun.objects.filter(status=Status.FAILED, finished_at__lt=cutoff, input_discarded_at=None):
        with transaction.atomic():
            if JobRun.objects.filter(pk=job.pk, status=Status.FAILED, input_discarded_at=None).update(
                input_discarded_at=now
            ):
                job.refresh_from_db()
                handler_for(job.kind).discard_input(job)
                discarded.append(job.pk)
    return discarded


def sweep(now: datetime | None = None) -> dict:
    """What every worker runs on start and every JOB_HEARTBEAT_SECONDS: recovery, then the input retention."""
    return {"recovered": recover_stale(now), "discarded": discard_expired_inputs(now)}


def retry(run_id: int, now: datetime | None = None) -> bool:
    """An officer's retry of a failed (or stalled) run that still has its input: a fresh set of attempts, resuming
    at ``units_done``. Call inside the room's transaction (with its audit row), then :func:`enqueue` after it."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=timing().timeout)
    task_id = JobRun.objects.filter(pk=run_id).values_list("task_id", flat=True).first() or ""
    retried = JobRun.objects.filter(pk=run_id, input_discarded_at=None).filter(
        Q(status=Status.FAILED) | Q(status__in=[Status.QUEUED, Status.RUNNING], heartbeat_at__lt=cutoff)
    ).update(status=Status.QUEUED, owner="", attempts=0, finished_at=None, heartbeat_at=now)
    if retried:
        _abandon_task(task_id, now)
    return bool(retried)


@dataclass(frozen=True)
class JobState:
    """What a status page shows: ``phase`` is waiting, running, stalled, done or failed."""

    run: JobRun
    phase: str
    max_attempts: int
    input_kept_until: datetime | None

    @property
    def live(self) -> bool:
        """Worth refreshing the page for: a worker has shown a sign of life within the timeout."""
        return self.phase in ("waiting", "running")

    @property
    def can_retry(self) -> bool:
        return self.phase in ("stalled", "failed") and self.run.input_discarded_at is None


def state(run: JobRun, now: datetime | None = None) -> JobState:
    now = now or timezone.now()
    times = timing()
    phase = {Status.DONE: "done", Status.FAILED: "failed", Status.QUEUED: "waiting"}.get(run.status, "running")
    if phase in ("waiting", "running") and (
        run.heartbeat_at is None or run.heartbeat_at < now - timedelta(seconds=times.timeout)
    ):
        phase = "stalled"
    kept = run.finished_at + times.input_retention if phase == "failed" and run.finished_at else None
    return JobState(run, phase, times.max_attempts, kept)
