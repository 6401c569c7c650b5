"""The referral-to-outcome funnel for commissioners: referred → seen → accepted → completed with an outcome, by
service, ward and IMD 2025 decile. Counts only, never names.

A person's area is their household's LSOA, or else the LSOA of their postcode (places.Postcode), as the support
room's carers count does; people with neither are counted under "Area not known".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from communities.places.models import Postcode
from communities.stats.proportions import wilson_interval

from .models import Referral, Status

GROUPS = {
    "service": ("Service", "service_name"),
    "ward": ("Ward", "ward_name"),
    "decile": ("IMD 2025 decile (1 = most deprived)", "imd_decile"),
}
UNKNOWN = "Area not known"


@dataclass(frozen=True)
class FunnelRow:
    label: str
    referred: int
    seen: int
    accepted: int
    completed: int

    def share(self, count: int) -> str:
        return f"{100 * count / self.referred:.0f}%" if self.referred else "–"

    @property
    def completed_share(self) -> str:
        return self.share(self.completed)

    @property
    def completed_interval(self) -> str:
        """95% Wilson interval of the share completed with an outcome (stats.proportions), so that small wards and
        services are not over-read."""
        if not self.referred:
            return ""
        lower, upper = wilson_interval(self.completed, self.referred)
        return f"{100 * lower:.0f}% to {100 * upper:.0f}%"


def _with_area(referrals):
    by_postcode = Postcode.objects.filter(postcode=OuterRef("person__postcode"))
    return referrals.annotate(
        ward_name=Coalesce(F("person__household__lsoa__ward__name"),
                           Subquery(by_postcode.values("lsoa__ward__name")[:1])),
        imd_decile=Coalesce(F("person__household__lsoa__imd2025_decile"),
                            Subquery(by_postcode.values("lsoa__imd2025_decile")[:1])),
    )


def in_period(referrals, start: date | None, end: date | None):
    tz = timezone.get_current_timezone()
    if start:
        referrals = referrals.filter(created_at__gte=datetime.combine(start, time.min, tzinfo=tz))
    if end:
        referrals = referrals.filter(created_at__lte=datetime.combine(end, time.max, tzinfo=tz))
    return referrals


def funnel(by: str, *, start: date | None = None, end: date | None = None, referrals=None) -> list[FunnelRow]:
    """One row per service, ward or decile, and a total row last."""
    if by not in GROUPS:
        raise ValueError(f"Group by one of {', '.join(GROUPS)}")
    column = GROUPS[by][1]
    base = in_period(_with_area(referrals if referrals is not None else Referral.objects.all()), start, end)
    counts = {
        "referred": Count("pk"),
        "seen": Count("pk", filter=Q(seen_at__isnull=False)),
        "accepted": Count("pk", filter=Q(accepted_at__isnull=False)),
        "completed": Count("pk", filter=Q(status=Status.COMPLETED) & ~Q(outcome="")),
    }
    rows = [FunnelRow(label=_label(by, r[column]), **{k: r[k] for k in counts})
            for r in base.values(column).annotate(**counts).order_by(column)]
    total = base.aggregate(**counts)
    return [*rows, FunnelRow(label="All referrals", **total)]


def _label(by: str, value) -> str:
    if value is None or value == "":
        return UNKNOWN
    return f"Decile {value}" if by == "decile" else str(value)


def carers_with_current_plan() -> int | None:
    """The support room's count of carers with a current emergency plan, or None where that room is not installed."""
    try:
        from communities.support.reports import carers_with_current_plan as count
    except ImportError:
        return None
    return count()
