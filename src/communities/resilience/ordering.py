"""Call order: people in the incident's cohorts first, then by need tier (``needs.tier``), then by area risk (the
community risk map's score per LSOA, highest first, from ``resilience.alerts.risk`` when it is installed; otherwise
the LSOA's IMD 2025 rank, most deprived first), then oldest registration first."""

from __future__ import annotations

from communities.places.models import LSOA


def area_risk(lsoa_codes) -> tuple[dict[str, float], str]:
    """A number per LSOA where higher means call sooner, and the name of the method used."""
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
            return ({code: float(scores[code].score) for code in lsoa_codes if code in scores},
                    "community risk score")
    ranks = LSOA.objects.filter(code__in=lsoa_codes).values_list("code", "imd2025_rank")
    return {code: -float(rank) for code, rank in ranks if rank is not None}, "IMD 2025 rank (most deprived first)"


def call_key(*, needs: list[str], tier: int, lsoa_code: str, registered_at, cohorts: set[str],
             risk: dict[str, float]):
    in_cohort = bool(cohorts & set(needs)) if cohorts else False
    return (not in_cohort, tier, -risk.get(lsoa_code, float("-inf")), registered_at)
