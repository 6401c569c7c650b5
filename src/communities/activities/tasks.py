"""Background work: follow every configured OpenActive feed from where it got to (periodic, settings block)."""

from __future__ import annotations

from django_tasks import task

from .importer import import_configured_feeds


@task()
def follow_feeds_task() -> dict:
    return import_configured_feeds()
