"""Open data: the Volunteering Data JSON-LD document and the OpenActive-style RPDE sessions feed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.volunteering.feeds import from_modified, to_modified
from communities.volunteering.services import opportunities as services

from .conftest import session_for

pytestmark = pytest.mark.django_db


def test_volunteering_data_shape(client, litter_pick, befriender):
    session_for(litter_pick)
    response = client.get(reverse("volunteering:feed_volunteering"))
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    assert document["@context"] == "https://api.volunteeringdata.io/context/v1"
    (organisation,) = document["graph"]
    assert organisation["type"] == "Organisation" and organisation["name"] == "Partner Pantry"
    assert organisation["cause"] == ["https://ns.volunteeringdata.io/Environment"]
    (activity,) = organisation["activity"]
    roles = {role["title"]: role for role in activity["role"]}
    assert roles["Befriender"]["requirement"] == ["https://ns.volunteeringdata.io/DBSCheck"]
    assert roles["Befriender"]["minimumAge"] == "18"
    assert roles["Litter picker"]["requirement"] == []
    times = [t for session in activity["session"] for t in session["time"]]
    assert any(t.startswith("https://ns.volunteeringdata.io/") and t.endswith("Morning") for t in times)


def test_unpublished_roles_are_left_out(client, litter_pick):
    litter_pick.is_published = False
    litter_pick.save()
    assert client.get(reverse("volunteering:feed_volunteering")).json()["graph"] == []


def test_rpde_pages_follow_on_and_report_withdrawn_roles_as_deleted(client, organiser, litter_pick, monkeypatch):
    from communities.volunteering import feeds

    sessions = [session_for(litter_pick, days=d) for d in (2, 3, 4)]
    monkeypatch.setattr(feeds, "RPDE_PAGE", 2)
    first = client.get(reverse("volunteering:feed_sessions")).json()
    assert [item["id"] for item in first["items"]] == sorted(
        (str(s.pk) for s in sessions), key=lambda i: ({str(s.pk): s for s in sessions}[i].updated_at, i))[:2]
    assert first["items"][0]["data"]["@type"] == "ScheduledSession"
    assert first["items"][0]["data"]["superEvent"]["ageRange"]["minValue"] == 0
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 1
    last = client.get(second["next"]).json()
    assert last["items"] == [] and last["next"] == second["next"]  # the end: next repeats itself
    services.set_published(actor=organiser, role=litter_pick, published=False)
    monkeypatch.setattr(feeds, "RPDE_PAGE", 10)
    after = client.get(second["next"]).json()
    assert {item["state"] for item in after["items"]} == {"deleted"} and len(after["items"]) == 3
    assert all("data" not in item for item in after["items"])


def test_bad_feed_parameters_are_a_400(client):
    url = reverse("volunteering:feed_sessions")
    assert client.get(url, {"afterTimestamp": "soon"}).status_code == 400
    assert client.get(url, {"afterTimestamp": "1", "afterId": "not-an-id"}).status_code == 400


def test_modified_round_trips_to_the_microsecond():
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 7, 23, 59, 59, 123456, tzinfo=UTC)
    assert from_modified(to_modified(moment)) == moment
