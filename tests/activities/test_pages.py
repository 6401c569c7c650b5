"""Activities in Find help: searchable by day, distance, age and cost, beside the directory's services."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from communities.activities.demo import add_demo_activities
from communities.activities.models import Activity
from communities.activities.search import ActivityFilters, find_activities

pytestmark = pytest.mark.django_db
THORNABY = (54.55766, -1.301378)


@pytest.fixture
def sample():
    add_demo_activities()


def names(results) -> list[str]:
    return [r.activity.name for r in results]


def test_search_by_day_keeps_weekly_and_that_dates_sessions(sample):
    thursday = find_activities(ActivityFilters(day="TH", today=date(2026, 12, 8)))
    assert "Aqua aerobics" in names(thursday) and "Sports hall hire" in names(thursday)
    assert "Swim for health" not in names(thursday)  # Mondays and Wednesdays
    christmas_eve = find_activities(ActivityFilters(day="TH", today=date(2026, 12, 22)))
    assert "Aqua aerobics" not in names(christmas_eve)  # its 24 December session was deleted from the feed


def test_nearest_first_with_distance_age_and_free(sample):
    results = find_activities(ActivityFilters(latitude=THORNABY[0], longitude=THORNABY[1], today=date(2026, 12, 8)))
    assert results[0].activity.venue.startswith("Thornaby") and results[0].distance == "less than 0.1 miles away"
    assert [r.miles for r in results] == sorted(r.miles for r in results)
    child = names(find_activities(ActivityFilters(age=7, today=date(2026, 12, 8))))
    assert "Walking football" not in child and "Family play in the park (ParkPlay-style, synthetic)" in child
    assert names(find_activities(ActivityFilters(free_only=True))) == [
        "Family play in the park (ParkPlay-style, synthetic)"]
    near = find_activities(ActivityFilters(latitude=THORNABY[0], longitude=THORNABY[1], within_miles=1))
    assert {r.activity.venue for r in near} <= {"Thornaby Sports Hall (synthetic)", "Town Centre Pool (synthetic)"}


def test_public_search_and_activity_pages(client, sample):
    page = client.get(reverse("activities:search"), {"q": "football", "postcode": "TS17 6AD", "day": "FR"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Walking football" in body and "Every Friday, 13:00 to 14:00" in body and "Per session: £3.00" in body
    swim = Activity.objects.get(item_id="ss-1")
    detail = client.get(reverse("activities:activity", args=[swim.pk])).content.decode()
    assert "Pool hoist" in detail and "Adult: £4.20; Concession: £3.20" in detail and "18 and over" in detail
    bad = client.get(reverse("activities:search"), {"postcode": "ZZ1"})
    assert "Enter a real postcode" in bad.content.decode()


def test_find_help_shows_activities_beside_services(client, sample):
    body = client.get(reverse("findhelp:search"), {"q": "swimming", "postcode": "TS18 1AA"}).content.decode()
    assert "Activities and sessions" in body and "Swim for health" in body
    assert reverse("activities:search") + "?q=swimming&amp;postcode=TS18+1AA" in body
    nothing = client.get(reverse("findhelp:search"), {"q": "debt advice"}).content.decode()
    assert "Activities and sessions" not in nothing


def test_an_import_refreshes_find_help_answers_kept_for_visitors(client, settings, django_capture_on_commit_callbacks):
    settings.DIRECTORY_CACHE_SECONDS = 300
    url = reverse("findhelp:search") + "?q=swimming"
    assert "Swim for health" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        add_demo_activities()
    assert "Swim for health" in client.get(url).content.decode()


def test_feeds_page_lists_skipped_items_for_council_staff(client_for, sample):
    body = client_for("officer").get(reverse("activities:feeds")).content.decode()
    assert "ss-6" in body and "ageRange.maxValue" in body and "Reached the end of the feed" in body
    assert client_for("worker").get(reverse("activities:feeds")).status_code == 403
