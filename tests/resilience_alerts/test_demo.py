"""The demo: last winter's yellow cold alert recorded for the demo planner; the played heat alert opens an incident."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from communities.demo.logins import demo_email
from communities.organisations.models import Membership, Role
from communities.resilience.alerts import playback
from communities.resilience.alerts.demo import add_demo_alerts
from communities.resilience.alerts.models import WeatherAlert

from ..conftest import make_user
from ..support.conftest import acting

pytestmark = pytest.mark.django_db


def test_the_demo_records_last_winters_yellow_alert_without_an_incident(council):
    planner = make_user(demo_email("planner"))
    Membership.objects.create(user=planner, organisation=council, role=Role.EMERGENCY_PLANNER)
    add_demo_alerts(context=None)
    alert = WeatherAlert.objects.get()
    assert (alert.hazard, alert.level, alert.source, alert.incident) == ("cold", "yellow", "demo", None)


def test_the_played_sample_is_sent_now_with_its_gaps_kept_and_a_fresh_identifier(planner):
    now = datetime(2026, 12, 8, 10, 30, tzinfo=UTC)
    text = playback.sample_played_at(now).decode()
    assert "<sent>2026-12-08T10:30:00+00:00</sent>" in text
    assert "<onset>2026-12-09T10:30:00+00:00</onset>" in text and "<expires>2026-12-12T10:30:00+00:00</expires>" in text
    assert "SYNTHETIC-HHA-2026-07-14-NE-AMBER-PLAYED-20261208T103000" in text
    outcome = playback.play_heat_alert(actor=planner, now=now)
    assert outcome.alert.incident is not None and outcome.alert.in_season is False  # December: out of season


@pytest.fixture
def planner(personas, council):
    return acting(personas["planner"], council)
