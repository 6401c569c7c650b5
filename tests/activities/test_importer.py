"""Following OpenActive RPDE feeds: pages in order, deletions, bad items skipped and reported, resuming, limits."""

from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from communities.activities.demo import sample_feeds
from communities.activities.importer import follow, parse_feed_setting
from communities.activities.models import Activity, Feed, FeedRun, Session
from communities.activities.rpde import FeedError, FileFetcher, HttpFetcher, same_origin

pytestmark = pytest.mark.django_db
BASE = "https://feed.invalid/sessions"


def feed_named(name: str) -> Feed:
    return {f.url.rsplit("/", 1)[-1]: f for f in sample_feeds()}[name]


def series_item(item_id: str, modified: int, **data) -> dict:
    body = {"@type": "SessionSeries", "@id": f"{BASE}/{item_id}", "name": f"Session {item_id}",
            "eventSchedule": [{"byDay": ["https://schema.org/Monday"], "startTime": "10:00", "endTime": "11:00"}]}
    body.update(data)
    return {"state": "updated", "kind": "SessionSeries", "id": item_id, "modified": modified, "data": body}


class PagesFetcher:
    """Pages served from a dict, counting the requests (a feed that grows between runs)."""

    def __init__(self, pages: dict):
        self.pages, self.asked = pages, []

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url not in self.pages:
            raise FeedError(f"{url} unreachable")
        return json.dumps(self.pages[url]).encode()


def test_the_sample_session_series_feed_is_read_to_its_end():
    feed = feed_named("session-series")
    run = follow(feed, FileFetcher())
    assert run.outcome == FeedRun.Outcome.COMPLETE
    assert run.pages == 4
    assert (run.updated, run.deleted, run.skipped) == (8, 1, 2)  # ss-2 twice
    names = set(Activity.objects.values_list("item_id", flat=True))
    assert names == {"ss-1", "ss-2", "ss-3", "ss-4", "ss-7", "ss-8"}  # ss-5 deleted; ss-6 and ss-9 bad
    walking = Activity.objects.get(item_id="ss-2")
    assert walking.prices == [{"name": "Per session", "price": "3.00"}]  # the later page's update won
    assert walking.minimum_age == 50 and walking.maximum_age is None
    swim = Activity.objects.get(item_id="ss-1")
    assert swim.postcode == "TS18 1AA" and swim.lowest_price == Decimal("3.20")
    assert "Visual impairment" in swim.accessibility and "Changing Facilities" in swim.accessibility
    assert sorted(swim.sessions.values_list("weekday", flat=True)) == [0, 2]
    assert feed.next_url.endswith("afterTimestamp=1011&afterId=ss-9")


def test_bad_items_are_reported_by_page_item_and_field():
    run = follow(feed_named("session-series"), FileFetcher())
    problems = {(p["page"], p["item"], p["field"]) for p in run.problems}
    assert problems == {(2, "ss-6", "ageRange.maxValue"), (3, "ss-9", "location.address.postalCode")}


def test_scheduled_sessions_join_their_series_whichever_feed_comes_first():
    follow(feed_named("scheduled-sessions"), FileFetcher())
    waiting = Session.objects.filter(series_ref__endswith="ss-7")
    assert waiting.count() == 15 and not waiting.exclude(activity=None).exists()  # series not read yet
    follow(feed_named("session-series"), FileFetcher())
    aqua = Activity.objects.get(item_id="ss-7")
    dates = set(aqua.sessions.values_list("on_date", flat=True))
    assert date(2026, 12, 24) not in dates  # deleted on a later page
    assert date(2027, 4, 8) not in dates  # cancelled (eventStatus)
    assert len(dates) == 15 and aqua.sessions.get(on_date=date(2026, 12, 10)).start_time == time(18, 30)
    festive = Activity.objects.get(item_id="sch-festive")  # a session with no series is an activity itself
    assert festive.kind == "ScheduledSession" and festive.sessions.get().on_date == date(2026, 12, 28)


def test_facility_uses_bring_their_hours():
    follow(feed_named("facility-uses"), FileFetcher())
    hall = Activity.objects.get(item_id="fu-1")
    assert sorted(hall.sessions.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]
    assert hall.sessions.first().end_time == time(21, 0) and hall.organiser.startswith("Tees leisure trust")


def test_a_second_run_resumes_from_the_last_page_and_changes_nothing():
    feed = feed_named("session-series")
    follow(feed, FileFetcher())
    before = list(Activity.objects.order_by("item_id").values_list("item_id", "modified", "name"))
    fetcher = PagesFetcher({feed.next_url: json.loads(FileFetcher()(feed.next_url))})
    run = follow(feed, fetcher)
    assert fetcher.asked == [feed.next_url]  # only the last page, not the feed from the start
    assert run.outcome == FeedRun.Outcome.COMPLETE and (run.updated, run.deleted) == (0, 0)
    assert list(Activity.objects.order_by("item_id").values_list("item_id", "modified", "name")) == before


def test_new_items_after_the_last_position_are_read_next_time():
    feed = Feed.objects.create(name="Growing", url=BASE)
    after = f"{BASE}?afterTimestamp=5&afterId=a"
    pages = {BASE: {"items": [series_item("a", 5)], "next": after}, after: {"items": [], "next": after}}
    follow(feed, PagesFetcher(pages))
    later = f"{BASE}?afterTimestamp=9&afterId=b"
    pages[after] = {"items": [series_item("b", 9), {"state": "deleted", "kind": "SessionSeries", "id": "a",
                                                    "modified": 10}], "next": later}
    pages[later] = {"items": [], "next": later}
    run = follow(feed, PagesFetcher(pages))
    assert (run.updated, run.deleted) == (1, 1)
    assert list(Activity.objects.values_list("item_id", flat=True)) == ["b"]
    assert not Session.objects.filter(item_id="a").exists()


def test_an_older_version_never_replaces_a_newer_one_and_out_of_order_items_are_reported():
    feed = Feed.objects.create(name="Muddled", url=BASE)
    nxt = f"{BASE}?afterTimestamp=3&afterId=a"
    pages = {BASE: {"items": [series_item("a", 7, name="Newer"), series_item("a", 3, name="Older")], "next": nxt},
             nxt: {"items": [], "next": nxt}}
    run = follow(feed, PagesFetcher(pages))
    assert Activity.objects.get(item_id="a").name == "Newer"
    assert [(p["item"], p["field"]) for p in run.problems] == [("a", "modified")]


def test_a_page_that_fails_stops_the_run_and_the_next_run_starts_there():
    feed = Feed.objects.create(name="Flaky", url=BASE)
    second = f"{BASE}?afterTimestamp=1&afterId=a"
    pages = {BASE: {"items": [series_item("a", 1)], "next": second}}
    run = follow(feed, PagesFetcher(pages))
    assert run.outcome == FeedRun.Outcome.FAILED and "unreachable" in run.error
    feed.refresh_from_db()
    assert feed.next_url == second and Activity.objects.filter(item_id="a").exists()
    pages[second] = "not an RPDE page"
    run = follow(feed, PagesFetcher(pages))
    assert run.outcome == FeedRun.Outcome.FAILED and "not an RPDE page" in run.error


def test_a_next_url_on_another_host_is_not_followed():
    feed = Feed.objects.create(name="Redirecting", url=BASE)
    pages = {BASE: {"items": [series_item("a", 1)], "next": "https://elsewhere.invalid/steal"}}
    run = follow(feed, PagesFetcher(pages))
    assert run.outcome == FeedRun.Outcome.FAILED and "leads away" in run.error
    assert not Activity.objects.exists()  # the page was not applied either
    assert not same_origin(BASE, "http://feed.invalid/sessions")  # nor a downgrade to http


def test_the_page_limit_stops_a_run_which_continues_later():
    feed = feed_named("session-series")
    assert follow(feed, FileFetcher(), max_pages=2).outcome == FeedRun.Outcome.PAGE_LIMIT
    assert follow(feed, FileFetcher()).pages == 2
    assert not Activity.objects.filter(item_id="ss-5").exists()


def test_many_bad_items_make_a_bounded_report():
    feed = Feed.objects.create(name="Broken", url=BASE)
    nxt = f"{BASE}?afterTimestamp=999&afterId=z"
    items = [{"state": "updated", "kind": "SessionSeries", "id": f"x{n}", "modified": n, "data": {}}
             for n in range(1, 400)]
    run = follow(feed, PagesFetcher({BASE: {"items": items, "next": nxt}, nxt: {"items": [], "next": nxt}}))
    assert run.skipped == 399 and len(run.problems) == 100
    assert run.problem_summary == [{"kind": "name is missing", "items": 299}]


def test_http_fetcher_refuses_other_addresses_and_large_pages(monkeypatch):
    with pytest.raises(FeedError, match="not on the configured feed"):
        HttpFetcher(BASE)("https://elsewhere.invalid/feed")

    class Response:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, limit):
            return b"x" * limit

    monkeypatch.setattr("urllib.request.urlopen", lambda request, timeout: Response())
    with pytest.raises(FeedError, match="larger than 1,000 bytes"):
        HttpFetcher(BASE, max_bytes=1000)(BASE)


def test_feed_setting_must_name_each_address():
    assert parse_feed_setting(["Leisure=https://x.invalid/feed"]) == [("Leisure", "https://x.invalid/feed")]
    with pytest.raises(ImproperlyConfigured, match="name=https://address"):
        parse_feed_setting(["https://x.invalid/feed"])
