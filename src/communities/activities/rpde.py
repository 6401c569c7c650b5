"""Reading RPDE (Realtime Paged Data Exchange 1.0) pages, only from the addresses the council configured.

A page is ``{"items": [...], "next": "<url>", "license": "<url>"}``; each item is ``{"state": "updated" | "deleted",
"kind", "id", "modified", "data"}`` (no ``data`` when deleted). Items come in ``modified`` then ``id`` order, and the
``next`` URL carries the position after the page's last item, so a consumer that keeps the last ``next`` it reached
reads only what changed since. The last page has no items and a ``next`` equal to its own URL.

Fetching is a swappable callable ``fetch(url) -> bytes``: :class:`HttpFetcher` for configured feeds (timeouts, a page
size limit, the feed's own scheme and host only) and :class:`FileFetcher` for the shipped sample (tests and the demo;
nothing is downloaded).
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample_feed"


class FeedError(Exception):
    """The page as a whole cannot be read (network, size, not RPDE): the run stops and resumes here next time."""


@dataclass(frozen=True)
class Page:
    url: str
    items: list
    next_url: str
    licence: str

    @property
    def is_last(self) -> bool:
        return not self.items and self.next_url == self.url


def same_origin(feed_url: str, url: str) -> bool:
    """A ``next`` URL may only lead to the configured feed's own scheme and host (no open redirect to elsewhere)."""
    configured, asked = urlsplit(feed_url), urlsplit(url)
    return (asked.scheme in ("http", "https") and asked.scheme == configured.scheme
            and asked.netloc.lower() == configured.netloc.lower())


class HttpFetcher:
    """GET with a timeout and a size limit; refuses any address outside the configured feed's scheme and host."""

    def __init__(self, feed_url: str, *, timeout: float | None = None, max_bytes: int | None = None):
        self.feed_url = feed_url
        self.timeout = timeout or settings.ACTIVITIES_FETCH_TIMEOUT_SECONDS
        self.max_bytes = max_bytes or settings.ACTIVITIES_MAX_PAGE_BYTES

    def __call__(self, url: str) -> bytes:
        if not same_origin(self.feed_url, url):
            raise FeedError(f"{url} is not on the configured feed's address ({self.feed_url}): not fetched")
        request = urllib.request.Request(url, headers={  # noqa: S310 (http(s) on the feed's host: same_origin)
            "Accept": "application/json", "User-Agent": "Communities OpenActive reader"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (checked above)
                body = response.read(self.max_bytes + 1)
        except OSError as exc:  # URLError, HTTPError and timeouts are all OSErrors
            raise FeedError(f"Could not fetch {url}: {exc}") from exc
        if len(body) > self.max_bytes:
            raise FeedError(f"{url} is larger than {self.max_bytes:,} bytes: not read")
        return body


class FileFetcher:
    """The shipped sample: ``index.json`` maps each page's URL to a file in the same folder."""

    def __init__(self, folder: Path = SAMPLE_DIR):
        self.folder = folder
        self.index = json.loads((folder / "index.json").read_text())

    def __call__(self, url: str) -> bytes:
        name = self.index.get(url)
        if name is None:
            raise FeedError(f"{url} is not a page of the sample feed")
        return (self.folder / name).read_bytes()


def read_page(url: str, body: bytes) -> Page:
    """The page at ``url``; FeedError names what is wrong with it as a whole."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"{url} is not JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise FeedError(f"{url} is not an RPDE page (a JSON object with 'items' and 'next')")
    items, next_url = document.get("items"), document.get("next")
    if not isinstance(items, list):
        raise FeedError(f"{url}: 'items' is missing or not a list")
    if not isinstance(next_url, str) or not next_url:
        raise FeedError(f"{url}: 'next' is missing")
    if items and next_url == url:
        raise FeedError(f"{url}: a page with items must not point to itself as 'next'")
    licence = document.get("license", "")
    return Page(url=url, items=items, next_url=next_url, licence=licence if isinstance(licence, str) else "")
