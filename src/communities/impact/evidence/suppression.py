"""The one place evidence counts are suppressed (``communities.stats.suppression``), at the configured threshold."""

from __future__ import annotations

from django.conf import settings

from communities.stats.suppression import suppress_one, suppress_row


def threshold() -> int:
    return settings.IMPACT_SUPPRESSION_THRESHOLD


def one(count: int):
    return suppress_one(int(count), threshold())


def breakdown(counts: dict[str, int], total: int):
    """Cells and total of a breakdown of ``total`` people (primary and secondary suppression together)."""
    return suppress_row({k: int(v) for k, v in counts.items()}, threshold(), total=int(total))
