"""The staleness chaser (idempotent, one email per listing per cycle) and the freshness dashboard."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.core.dashboard import tiles_for
from communities.directory.models import Chase
from communities.directory.services.staleness import chase_stale_listings, stale_services
from communities.directory.tasks import chase_stale_listings_task

from .factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(partner, personas):
    today = timezone.localdate()
    return {
        "stale": make_service("Stale Pantry", platform_organisation=partner, assured_date=today - timedelta(days=200)),
        "never": make_service("Never Checked Pantry", platform_organisation=partner),
        "fresh": make_service("Fresh Pantry", platform_organisation=partner, assured_date=today - timedelta(days=10)),
        "gone": make_service("Closed Pantry", assured_date=today - timedelta(days=400), status="defunct"),
    }


def test_stale_listings_follow_the_setting(listings, settings):
    assert {s.name for s in stale_services()} == {"Stale Pantry", "Never Checked Pantry"}
    settings.DIRECTORY_ASSURANCE_DAYS = 5
    assert {s.name for s in stale_services()} == {"Stale Pantry", "Never Checked Pantry", "Fresh Pantry"}


def test_chaser_emails_once_per_cycle_and_is_safe_to_run_twice(listings):
    first = chase_stale_listings()
    assert first == {"chased": 2, "already_chased": 0, "no_recipient": 0}
    assert sorted(m.subject for m in notify.outbox) == [
        "Please check your listing: Never Checked Pantry", "Please check your listing: Stale Pantry"]
    assert {m.to for m in notify.outbox} == {"worker@example.org"}
    assert AuditEvent.objects.filter(object_type="directory.Chase").count() == 2
    sent = len(notify.outbox)

    second = chase_stale_listings()
    assert second == {"chased": 0, "already_chased": 2, "no_recipient": 0}
    assert len(notify.outbox) == sent and Chase.objects.count() == 2

    # Checked, then stale again later: a new cycle, so one new reminder.
    stale = listings["stale"]
    stale.assured_date = timezone.localdate() - timedelta(days=190)
    stale.save()
    assert chase_stale_listings()["chased"] == 1


def test_management_command_and_task(listings):
    out = StringIO()
    call_command("directory_chase_stale", stdout=out)
    assert "Chased 2 listings" in out.getvalue()
    call_command("directory_chase_stale", stdout=out)
    assert "Chased 0 listings; 2 already chased" in out.getvalue()
    result = chase_stale_listings_task.enqueue()  # ImmediateBackend in tests
    assert result.return_value == {"chased": 0, "already_chased": 2, "no_recipient": 0}
    enqueue_out = StringIO()
    call_command("directory_chase_stale", "--enqueue", stdout=enqueue_out)
    assert "Queued task" in enqueue_out.getvalue()


def test_staleness_dashboard_and_tile(client_for, listings, rf, personas):
    html = client_for("editor").get("/directory/freshness/").content.decode()
    assert "Stale Pantry" in html and "Never Checked Pantry" in html and "Fresh Pantry" not in html
    assert "Closed Pantry" not in html
    assert client_for("worker").get("/directory/freshness/").status_code == 403
    request = rf.get("/")
    request.user = personas["editor"]
    request.user.current_organisation = personas["editor"].memberships.get().organisation  # a council (roles.py)
    request.user.current_roles = frozenset({"directory_editor"})
    tiles = {t["title"]: t for t in tiles_for(request)}
    assert tiles["Directory approvals and freshness"]["figure"] == "2 listings need checking"


def test_editor_emails_leave_out_directory_editor_roles_that_grant_nothing(db, council, partner):
    """A directory editor membership in a partner group counts for nothing (organisations/roles.py): its holder is not
    sent links to approval pages that would refuse them."""
    from communities.directory.services.workflow import editor_emails
    from communities.organisations.models import Membership, Role

    from ..conftest import make_user

    Membership.objects.create(user=make_user("real-editor@example.org"), organisation=council,
                              role=Role.DIRECTORY_EDITOR)
    Membership.objects.create(user=make_user("stray-editor@example.org"), organisation=partner,
                              role=Role.DIRECTORY_EDITOR)
    assert editor_emails() == ["real-editor@example.org"]
