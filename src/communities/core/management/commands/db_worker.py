"""django-tasks-db's ``db_worker``, plus the recovery of jobs whose worker died (core/jobs.py).

Core is listed before django_tasks_db in INSTALLED_APPS, so ``manage.py db_worker`` is this command. Before the
worker takes its first task it runs :func:`communities.core.jobs.sweep` once (a job left RUNNING by a killed worker
is queued again, or failed after JOB_MAX_ATTEMPTS), then again every JOB_HEARTBEAT_SECONDS in a thread, so any
running worker notices a dead one within JOB_HEARTBEAT_TIMEOUT_SECONDS + JOB_HEARTBEAT_SECONDS.

It also starts the periodic tasks (settings.PERIODIC_TASKS, core/periodic.py): on start and every
PERIODIC_CHECK_SECONDS it queues each task whose current period has no run yet. Several workers may all check; the
period's unique row lets exactly one of them queue the run.
"""

from __future__ import annotations

import logging
import os
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("communities.core.jobs")


def sweep_once() -> None:
    from communities.core.jobs import sweep

    try:
        result = sweep()
        for run_id, outcome in result["recovered"]:
            logger.warning("Job %s: worker stopped; %s", run_id, outcome)
        for run_id in result["discarded"]:
            logger.info("Job %s: input deleted (retention ended)", run_id)
    except DatabaseError as exc:  # e.g. SQLite busy: the next sweep tries again
        logger.warning("Sweep for stopped background jobs not done this time: %s", exc)
    except Exception:  # a sweep must never stop the worker
        logger.exception("Sweep for stopped background jobs failed")
    finally:
        connections.close_all()


def sweep_forever(stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        sweep_once()


def start_periodic_once() -> None:
    from communities.core.periodic import enqueue_due

    try:
        for name, period in enqueue_due():
            logger.info("Periodic task %s queued for %s", name, period)
    except DatabaseError as exc:  # e.g. SQLite busy: the next check tries again
        logger.warning("Periodic tasks not checked this time: %s", exc)
    except Exception:  # a bad declaration or import must not stop the worker running other tasks
        logger.exception("Periodic tasks check failed")
    finally:
        connections.close_all()


def start_periodic_forever(stop: threading.Event, interval: float) -> None:
    start_periodic_once()
    while not stop.wait(interval):
        start_periodic_once()


class Command(db_worker.Command):
    help = db_worker.Command.help + (", recovering jobs whose worker stopped (core/jobs.py) and starting periodic "
                                     "tasks when due (core/periodic.py)")

    def handle(self, *args, **options):
        from communities.core.jobs import timing

        interval = timing().heartbeat
        # With --reload only the child process (which runs the tasks) sweeps.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            sweep_once()
            stop = threading.Event()
            threading.Thread(target=sweep_forever, args=(stop, interval), daemon=True, name="job-sweep").start()
            threading.Thread(target=start_periodic_forever, args=(stop, settings.PERIODIC_CHECK_SECONDS),
                             daemon=True, name="periodic-tasks").start()
        super().handle(*args, **options)
