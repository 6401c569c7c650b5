"""Call order: people in the incident's cohorts first, then by need tier (``needs.tier``), then by area risk (the
community risk map's score per LSOA, highest first, from ``resilience.alerts.risk`` when it is installed; otherwise
the LSOA's IMD 2025 rank, most deprived first), then by postcode (so a responder's calls near each other come
together).

The area risk is read once and kept for RISK_CACHE_SECONDS: it changes with the register's counts and yearly data,
not from one minute to the next, and reading it costs most of a small incident's declaration."""

from __future__ import annotations

import time

from communities.places.models import LSOA

RISK_CACHE_SECONDS = 600
_cached: dict[str, tuple[float, dict[str, float], str]] = {}


def _all_risk() -> tuple[dict[str, float], str]:
    try:
        from communities.resilience.alerts.risk import RiskDataError, scores_by_lsoa
    except ImportError:
        scores_by_lsoa = None
    if scores_by_lsoa is not None:
        try:
            scores = scores_by_lsoa()
        except RiskDataError:
            scores = None
        if scores is not None:
            return {code: float(score.score) for code, score in scores.items()}, "community risk score"
    ranks = LSOA.objects.exclude(imd2025_rank__isnull=True).values_list("code", "imd2025_rank")
    return {code: -float(rank) for code, rank in ranks}, "IMD 2025 rank (most deprived first)"


def area_risk(lsoa_codes) -> tuple[dict[str, float], str]:
    """A number per LSOA where higher means call sooner, and the name of the method used."""
    found = _cached.get("risk")
    if found is None or time.monotonic() - found[0] > RISK_CACHE_SECONDS:
        found = (time.monotonic(), *_all_risk())
        _cached["risk"] = found
    _at, scores, method = found
    return {code: scores[code] for code in lsoa_codes if code in scores}, method


def forget_risk() -> None:
    _cached.clear()
