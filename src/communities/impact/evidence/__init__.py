"""Evidence prefilled from the platform for an assessment's area and groups, frozen as a snapshot on the assessment.

:func:`take` asks each source (Census 2021 and ONS population estimates, the Indices of Deprivation 2025, Insight's
indicators, money advice and screening, service records) for figures, each a dict made by :func:`figures.figure`
with its value, period, geography, source and licence. Every group gets its figures or, when the platform holds
none for it, an explicit gap naming the data that would fill it (``characteristics.yaml``: ``needed``). Counts of
residents are suppressed below the threshold (primary and secondary) before they enter the snapshot, so nothing
stored or published can be worked back to fewer than ``IMPACT_SUPPRESSION_THRESHOLD`` people.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from ..characteristics import characteristics
from . import deprivation, insight, money, population, service_use
from .area import Area, area_of

SOURCES = (population, deprivation, insight, money, service_use)


def take(assessment) -> dict:
    """The evidence snapshot for ``assessment``'s area as it is now (a JSON-ready dict)."""
    return build(area_of(assessment))


def build(area: Area) -> dict:
    general: list[dict] = []
    by_group: dict[str, list[dict]] = defaultdict(list)
    for source in SOURCES:
        found = source.figures(area)
        general.extend(found.get("", []))
        for code, rows in found.items():
            if code:
                by_group[code].extend(rows)
    groups = {}
    for group in characteristics():
        rows = by_group.get(group.code, [])
        groups[group.code] = {"figures": rows, "gap": "" if rows else group.needed}
    return {"taken_at": timezone.now().isoformat(), "area": area.describe(), "general": general, "groups": groups}


def gaps(snapshot: dict) -> list[str]:
    """Codes of the groups with no local figure in ``snapshot``."""
    return [code for code, entry in snapshot.get("groups", {}).items() if not entry["figures"]]
