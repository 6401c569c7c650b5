"""Demo: Tees Active-style leisure sessions (synthetic) read from the shipped sample feeds (settings.DEMO_EXTENSIONS).

The feeds are read through the same importer as real ones, so the demo shows the skipped bad items and the deletion
on the feeds page too.
"""

from __future__ import annotations

from .importer import follow
from .models import Feed
from .rpde import FileFetcher

SAMPLE_BASE = "https://sample-openactive.invalid/feeds/"
SAMPLE_FEEDS = (
    ("Leisure sessions (synthetic sample)", "session-series"),
    ("Leisure timetable (synthetic sample)", "scheduled-sessions"),
    ("Facility hire (synthetic sample)", "facility-uses"),
)


def sample_feeds() -> list[Feed]:
    feeds = []
    for name, path in SAMPLE_FEEDS:
        feed, _ = Feed.objects.get_or_create(name=name, defaults={"url": SAMPLE_BASE + path,
                                                                  "publisher": "Synthetic sample (not real)"})
        feeds.append(feed)
    return feeds


def add_demo_activities(ctx=None) -> None:
    fetcher = FileFetcher()
    for feed in sample_feeds():
        follow(feed, fetcher)
