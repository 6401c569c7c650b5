"""Background jobs (django-tasks): run by the database worker (``manage.py db_worker``), or now in tests."""

from __future__ import annotations

from django_tasks import task


@task()
def screen_extract_task(extract_id: int) -> dict:
    from .services import screen_extract

    return screen_extract(extract_id)
