"""Following an OpenActive RPDE feed incrementally: from the last position, page by page, to the end.

Each page is applied in one transaction together with the new position (its ``next`` URL and the last item's
``modified`` and ``id``), so a run that stops (network, a page that is not RPDE, the page limit) resumes after the
last page it finished and never applies half a page. Bad items are reported (page, item id, field; bounded by
core.uploads.ErrorReport) and skipped; the rest of the page and the feed go on. An item older than the version
already held is ignored, so reading a page twice changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from communities.core.uploads import ErrorReport

from .models import Activity, Feed, FeedRun, Session
from .openactive import ItemProblem, ItemRead, read_item
from .rpde import FeedError, HttpFetcher, Page, read_page, same_origin

KEEP_PAST_SESSIONS_DAYS = 7


def configured_feeds() -> list[Feed]:
    """The Feed rows for settings.ACTIVITIES_FEEDS ("name=url" pairs); a feed whose URL changed starts again."""
    feeds = []
    for name, url in parse_feed_setting(settings.ACTIVITIES_FEEDS):
        feed, created = Feed.objects.get_or_create(name=name, defaults={"url": url})
        if not created and feed.url != url:
            feed.url, feed.next_url, feed.last_modified, feed.last_item_id = url, "", None, ""
            feed.save()
        feeds.append(feed)
    return feeds


def parse_feed_setting(entries: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for entry in entries:
        name, _, url = entry.partition("=")
        if not name.strip() or not url.strip().startswith(("https://", "http://")):
            raise ImproperlyConfigured(f"ACTIVITIES_FEEDS: each entry is name=https://address, not {entry!r}")
        pairs.append((name.strip()[:100], url.strip()))
    return pairs


def import_configured_feeds() -> dict:
    """Every configured feed, each from where it got to (the periodic task and the management command)."""
    outcome = {}
    for feed in configured_feeds():
        run = follow(feed, HttpFetcher(feed.url))
        outcome[feed.name] = run.get_outcome_display()
    return outcome


def follow(feed: Feed, fetch, *, max_pages: int | None = None) -> FeedRun:
    """Read ``feed`` from its position with ``fetch(url) -> bytes`` until its last page (or ``max_pages``)."""
    max_pages = max_pages or settings.ACTIVITIES_MAX_PAGES_PER_RUN
    run = FeedRun.objects.create(feed=feed, started_at=timezone.now())
    report, url = ErrorReport(), feed.next_url or feed.url
    run.outcome = FeedRun.Outcome.PAGE_LIMIT
    try:
        for _ in range(max_pages):
            page = read_page(url, fetch(url))
            if not same_origin(feed.url, page.next_url):
                raise FeedError(f"{url}: 'next' leads away from the configured feed ({page.next_url}): stopped")
            _apply_page(feed, run, page, report)
            if page.is_last:
                run.outcome = FeedRun.Outcome.COMPLETE
                break
            url = page.next_url
    except FeedError as exc:
        run.outcome, run.error = FeedRun.Outcome.FAILED, str(exc)[:2000]
    _finish(feed, run, report)
    return run


def _apply_page(feed: Feed, run: FeedRun, page: Page, report: ErrorReport) -> None:
    number = run.pages + 1
    last = (feed.last_modified, feed.last_item_id)
    with transaction.atomic():
        for item in page.items:
            try:
                read = read_item(item)
            except ItemProblem as problem:
                problem.page = number
                report.add(problem)
                run.skipped += 1
                continue
            if last[0] is not None and _order_key(read.modified, read.item_id) <= _order_key(*last):
                report.add(ItemProblem(read.item_id, "modified", "is out of order (RPDE items come in 'modified' "
                                       "then 'id' order); applied only if newer than the version held", number))
            if _apply_item(feed, read):
                run.deleted += read.deleted
                run.updated += not read.deleted
            last = (read.modified, read.item_id)
        feed.next_url, (feed.last_modified, feed.last_item_id) = page.next_url, last
        feed.licence = page.licence[:500] or feed.licence
        feed.save(update_fields=["next_url", "last_modified", "last_item_id", "licence"])
        run.pages = number
        run.save(update_fields=["pages", "updated", "deleted", "skipped"])


def _order_key(modified: int, item_id: str) -> tuple:
    return (modified, 0, int(item_id), "") if str(item_id).isdigit() else (modified, 1, 0, str(item_id))


def _apply_item(feed: Feed, read: ItemRead) -> bool:
    """Apply one item; False when a newer version is already held."""
    held = Activity.objects.filter(feed=feed, item_id=read.item_id).values_list("modified", flat=True).first()
    if held is not None and held > read.modified:
        return False
    Session.objects.filter(feed=feed, item_id=read.item_id).delete()
    if read.deleted or read.activity is None:
        Activity.objects.filter(feed=feed, item_id=read.item_id).delete()
    if read.deleted:
        return True
    activity = None
    if read.activity is not None:
        activity, _ = Activity.objects.update_or_create(
            feed=feed, item_id=read.item_id,
            defaults={**read.activity, "modified": read.modified, "hidden": read.cancelled})
    elif read.series_ref:
        activity = Activity.objects.filter(data_id=read.series_ref).order_by("pk").first()
    if not read.cancelled:
        Session.objects.bulk_create([
            Session(feed=feed, item_id=read.item_id, activity=activity,
                    series_ref=read.series_ref or (activity.data_id if activity else ""), **fields)
            for fields in read.sessions
        ])
    return True


def link_sessions_to_series() -> int:
    """Sessions that arrived before their series (another feed, or a later page) join it once it is here."""
    waiting = Session.objects.filter(activity=None).exclude(series_ref="").values("series_ref")
    linked = 0
    for data_id, pk in Activity.objects.filter(data_id__in=waiting).values_list("data_id", "pk"):
        linked += Session.objects.filter(activity=None, series_ref=data_id).update(activity_id=pk)
    return linked


def _finish(feed: Feed, run: FeedRun, report: ErrorReport) -> None:
    with transaction.atomic():
        link_sessions_to_series()
        cutoff = timezone.localdate() - timedelta(days=KEEP_PAST_SESSIONS_DAYS)
        Session.objects.filter(feed=feed, on_date__lt=cutoff).delete()
        run.finished_at = timezone.now()
        run.problems = [p.as_dict() if isinstance(p, ItemProblem) else {"message": str(p)} for p in report]
        run.problem_summary = [{"kind": kind, "items": count} for kind, count in report.more()]
        run.save()
        feed.last_run_at = run.finished_at
        if run.outcome != FeedRun.Outcome.FAILED:
            feed.last_success_at = run.finished_at
        feed.save(update_fields=["last_run_at", "last_success_at"])
        if run.updated or run.deleted:
            transaction.on_commit(_refresh_find_help)


def _refresh_find_help() -> None:
    """Find help pages show activities beside services and are kept in the directory's public cache."""
    from communities.directory.services.public_cache import bump

    bump()
