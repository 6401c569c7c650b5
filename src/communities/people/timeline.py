"""A person's timeline: what every room has done with or for them, newest first, each entry only for those allowed.

Rooms register a *provider* in their ``AppConfig.ready()``::

    from communities.people import timeline
    timeline.register("referrals", referral_entries)

A provider is ``provider(person, user) -> Iterable[TimelineEntry]`` and decides visibility itself, through its own
scoped querysets (``visible_to(user)``): the person page shows whatever the providers return and nothing else. A
provider that fails does not hide the rest of the timeline: its failure is logged and shown as a gap, never swallowed
silently, because a worker must know the story is incomplete.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime  # timezone-aware
    room: str  # the room's name in plain English: "Referral", "Support plan", "Money check"
    title: str  # what happened, in plain English: "Referred to Stockton Foodbank"
    detail: str = ""  # one line more, if it helps ("Accepted by Jo Bloggs")
    url: str = ""  # where the full entry is, for this user; empty when they may see only this line
    tags: tuple[str, ...] = field(default=())  # GOV.UK tag texts, e.g. ("Overdue",)


Provider = Callable[[object, object], Iterable[TimelineEntry]]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add (or replace, on re-import) the provider called ``name``."""
    _providers[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


@dataclass
class Timeline:
    entries: list[TimelineEntry]
    unavailable: list[str]  # providers that failed: the page says so


def timeline_for(person, user, *, limit: int | None = None) -> Timeline:
    """Every provider's entries for ``person`` that ``user`` may see, newest first."""
    entries: list[TimelineEntry] = []
    unavailable: list[str] = []
    for name, provider in sorted(_providers.items()):
        try:
            entries.extend(provider(person, user))
        except Exception:  # a broken room must not hide the rest of the story
            logger.exception("Timeline provider %s failed for person %s", name, getattr(person, "pk", None))
            unavailable.append(name)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return Timeline(entries=entries[:limit] if limit else entries, unavailable=unavailable)
