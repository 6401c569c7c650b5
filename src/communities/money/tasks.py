"""Background jobs (django-tasks): screening now runs as a crash-surviving job, ``core.tasks.run_job``.

``screen_extract_task`` is kept so that tasks queued before the upgrade still run (through the extract's job).
"""

from __future__ import annotations

from django_tasks import task


@task()
def screen_extract_task(extract_id: int) -> dict:
    from .services import screen_extract

    return screen_extract(extract_id)
