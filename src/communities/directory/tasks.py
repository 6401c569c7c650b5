"""Background jobs (django-tasks). Run by the database worker, or now with ``manage.py directory_chase_stale``."""

from __future__ import annotations

from django_tasks import task

from .services.staleness import chase_stale_listings


@task()
def chase_stale_listings_task() -> dict:
    return chase_stale_listings()
