"""communities.people.timeline: providers' entries merged newest first; a failing provider is shown as a gap."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from communities.people import timeline
from communities.people.timeline import TimelineEntry, timeline_for


@pytest.fixture
def only_these_providers(monkeypatch):
    monkeypatch.setattr(timeline, "_providers", {})


def _entry(day: int, title: str) -> TimelineEntry:
    return TimelineEntry(when=datetime(2026, 12, day, tzinfo=UTC), room="Test", title=title)


def test_entries_from_every_provider_newest_first_and_limited(only_these_providers):
    timeline.register("a", lambda person, user: [_entry(1, "first"), _entry(5, "fifth")])
    timeline.register("b", lambda person, user: [_entry(3, "third")])
    assert [e.title for e in timeline_for(object(), object()).entries] == ["fifth", "third", "first"]
    assert [e.title for e in timeline_for(object(), object(), limit=2).entries] == ["fifth", "third"]


def test_a_failing_provider_is_reported_not_hidden(only_these_providers, caplog):
    def broken(person, user):
        raise RuntimeError("room down")

    timeline.register("broken", broken)
    timeline.register("fine", lambda person, user: [_entry(2, "still here")])
    result = timeline_for(object(), object())
    assert result.unavailable == ["broken"]
    assert [e.title for e in result.entries] == ["still here"]
    assert "Timeline provider broken failed" in caplog.text


def test_providers_decide_visibility_with_the_user(only_these_providers):
    timeline.register("mine", lambda person, user: [_entry(1, f"for {user}")] if user == "allowed" else [])
    assert timeline_for(object(), "allowed").entries and not timeline_for(object(), "other").entries


def test_re_registering_replaces(only_these_providers):
    timeline.register("x", lambda p, u: [_entry(1, "old")])
    timeline.register("x", lambda p, u: [_entry(1, "new")])
    assert [e.title for e in timeline_for(None, None).entries] == ["new"]


def test_people_registers_its_own_and_moneys_providers():
    assert {"people.consents", "people.involvements", "people.assignments", "money.checks"} <= set(
        timeline.providers())
