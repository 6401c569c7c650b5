"""The one django-tasks task behind every crash-surviving job (core/jobs.py): run by ``manage.py db_worker``."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(run_id: int) -> dict:
    from .jobs import run

    return run(run_id)
