"""Background work: escalate missed befriending check-ins (periodic, settings block). Safe to run twice."""

from __future__ import annotations

from django_tasks import task

from .services import escalate_missed_checkins


@task()
def escalate_missed_checkins_task() -> dict:
    return escalate_missed_checkins()
