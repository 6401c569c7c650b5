"""The staleness chase runs by itself, daily, through the periodic scheduler; editors can send reminders now; the
demo directory looks mostly current."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.directory.demo import add_demo_services
from communities.directory.models import Chase, Service
from communities.directory.services.staleness import stale_services

from .factories import make_service
from .test_demo import _ctx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_chase(settings):
    """Other rooms declare periodic tasks too; these tests watch the chase alone."""
    settings.PERIODIC_TASKS = [t for t in settings.PERIODIC_TASKS if t["name"] == "directory.chase_stale_listings"]


@pytest.fixture
def overdue(partner, personas):
    today = timezone.localdate()
    return [make_service(f"Overdue Pantry {n}", platform_organisation=partner,
                         assured_date=today - timedelta(days=200 + n)) for n in range(3)]


def _at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def test_the_chase_is_declared_as_a_daily_periodic_task():
    from communities.core import periodic

    declared = {p.name: p for p in periodic.declared()}
    chase = declared["directory.chase_stale_listings"]
    assert chase.task == "communities.directory.tasks.chase_stale_listings_task"
    assert chase.daily_at is not None and chase.every is None


def test_the_worker_sends_the_reminders_once_a_day_by_itself(overdue):
    from communities.core import periodic

    started = periodic.enqueue_due(now=_at(7, 5))  # the worker's check (ImmediateBackend: runs at once)
    assert [name for name, _ in started] == ["directory.chase_stale_listings"]
    assert len(notify.outbox) == 3 and Chase.objects.count() == 3
    # Another worker, or the same one ten seconds later: the day's run exists, nothing more is queued or sent.
    assert periodic.enqueue_due(now=_at(7, 5, 10 / 86400)) == []
    assert periodic.enqueue_due(now=_at(23, 59)) == []
    assert len(notify.outbox) == 3
    # The next day runs again, and sends nothing new for listings already reminded this cycle.
    assert [n for n, _ in periodic.enqueue_due(now=_at(7, 0, days=1))] == ["directory.chase_stale_listings"]
    assert len(notify.outbox) == 3


def test_reminders_now_button_for_directory_editors(client_for, overdue, personas):
    page = client_for("editor").get("/directory/freshness/").content.decode()
    assert "Send reminders now" in page and "sent automatically every day at 07:00" in page
    editor = client_for("editor")
    response = editor.post("/directory/freshness/remind/")
    assert response.status_code == 302
    assert len(notify.outbox) == 3
    assert AuditEvent.objects.filter(actor=personas["editor"], object_type="core.PeriodicRun",
                                     reason="Send reminders now (directory editor)").count() == 1
    editor.post("/directory/freshness/remind/")  # twice the same day: no second email to anyone
    assert len(notify.outbox) == 3 and Chase.objects.count() == 3
    assert AuditEvent.objects.filter(actor=personas["editor"], object_type="core.PeriodicRun").count() == 2
    page = editor.get("/directory/freshness/").content.decode()
    assert "3 reminders" in page and "already sent today" in page
    assert client_for("worker").post("/directory/freshness/remind/").status_code == 403
    assert client_for("editor").get("/directory/freshness/remind/").status_code == 405


def test_demo_directory_is_mostly_current():
    ctx = _ctx()
    add_demo_services(ctx)
    total = Service.objects.count()
    stale = stale_services().count()
    never = Service.objects.filter(assured_date__isnull=True).count()
    assert total == 300
    assert 0.05 * total <= stale <= 0.25 * total, stale  # a realistic minority overdue
    assert never <= 0.08 * total  # a few never checked (3 % expected)
    today = timezone.localdate()
    assert not Service.objects.filter(assured_date__gt=today).exists()
    recent = Service.objects.filter(assured_date__gte=today - timedelta(days=settings.DIRECTORY_ASSURANCE_DAYS // 2))
    assert recent.count() >= 0.4 * total  # checks spread over the period, many recent


def test_a_worker_that_was_down_at_the_time_runs_the_period_late_once(overdue):
    from communities.core import periodic
    from communities.core.models import PeriodicRun

    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert periodic.enqueue_due(now=_at(6, 59)) == [("directory.chase_stale_listings", yesterday)]
    assert periodic.enqueue_due(now=_at(6, 59, 30 / 86400)) == []
    assert len(notify.outbox) == 3
    run = PeriodicRun.objects.get(period=yesterday)
    assert run.outcome == {"chased": 3, "already_chased": 0, "no_recipient": 0}
    assert run.job.status == "done"
