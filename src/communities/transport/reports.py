"""The scheme's figures for a period: trips by purpose, ward and IMD decile; the unmet-request rate; the median time
from request to a confirmed driver; volunteer miles and hours; mileage cost per trip.

Definitions (shown on the page):
- a request counts on its service date; the unmet-request rate is requests turned away or cancelled by the scheme
  or the driver, over all requests except those the passenger or their destination cancelled;
- ward and IMD 2025 decile are those of the pickup postcode of the outward leg (usually the passenger's home);
- cost per trip is the mileage approved or paid for trips done in the period, over those trips (mileage only: no
  staff, vehicle or overhead costs).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median

from django.db.models import Count, Sum

from communities.places.models import Postcode

from .models import ClaimLine, ClaimStatus, Purpose, Status, Trip

DONE = (Status.COMPLETED,)
DRIVEN = (Status.COMPLETED, Status.NO_SHOW)


@dataclass
class Report:
    first_day: date
    last_day: date
    requests: int = 0
    by_purpose: list = field(default_factory=list)
    by_ward: list = field(default_factory=list)
    by_decile: list = field(default_factory=list)
    unmet: int = 0
    unmet_denominator: int = 0
    median_hours_to_confirm: float | None = None
    confirmed_count: int = 0
    miles: Decimal = Decimal("0")
    hours: float = 0.0
    done: int = 0
    mileage_pence: Decimal = Decimal("0")

    @property
    def unmet_rate(self) -> float | None:
        return self.unmet / self.unmet_denominator if self.unmet_denominator else None

    @property
    def cost_per_trip_pence(self) -> Decimal | None:
        return (self.mileage_pence / self.done).quantize(Decimal("0.01")) if self.done else None


def _places(postcodes) -> dict[str, tuple[str, int | None]]:
    rows = Postcode.objects.filter(postcode__in=set(postcodes)).values_list(
        "postcode", "ward__name", "lsoa__ward__name", "lsoa__imd2025_decile")
    return {pc: (ward or lsoa_ward or "Unknown ward", decile) for pc, ward, lsoa_ward, decile in rows}


def scheme_report(organisation, first_day: date, last_day: date) -> Report:
    trips = Trip.objects.filter(organisation=organisation, service_date__range=(first_day, last_day))
    report = Report(first_day, last_day, requests=trips.count())
    labels = dict(Purpose.choices)
    purposes = trips.values("purpose").annotate(n=Count("pk"), done=Count("pk", filter=_status(DONE)))
    report.by_purpose = sorted(({"purpose": labels.get(p["purpose"], p["purpose"]), "requests": p["n"],
                                 "done": p["done"]} for p in purposes), key=lambda r: -r["requests"])
    _by_place(report, trips)
    failed = trips.filter(status=Status.TURNED_AWAY).count() + trips.filter(
        status__in=(Status.CANCELLED, Status.CANCELLED_LATE), cancelled_by__in=("scheme", "driver")).count()
    excused = trips.filter(status__in=(Status.CANCELLED, Status.CANCELLED_LATE),
                           cancelled_by__in=("passenger", "destination")).count()
    report.unmet, report.unmet_denominator = failed, report.requests - excused
    waits = [(c - r).total_seconds() / 3600 for r, c in trips.filter(confirmed_at__isnull=False)
             .values_list("requested_at", "confirmed_at")]
    report.confirmed_count = len(waits)
    report.median_hours_to_confirm = round(median(waits), 1) if waits else None
    driven = trips.filter(status__in=DRIVEN).aggregate(miles=Sum("miles_driven"), minutes=Sum("volunteer_minutes"))
    report.miles, report.hours = driven["miles"] or Decimal("0"), round((driven["minutes"] or 0) / 60, 1)
    report.done = trips.filter(status=Status.COMPLETED).count()
    report.mileage_pence = ClaimLine.objects.filter(
        trip__in=trips.filter(status__in=DRIVEN), claim__status__in=(ClaimStatus.APPROVED, ClaimStatus.PAID)
    ).aggregate(p=Sum("claimed_pence"))["p"] or Decimal("0")
    return report


def _status(statuses):
    from django.db.models import Q

    return Q(status__in=statuses)


def _by_place(report: Report, trips) -> None:
    outward = list(trips.filter(return_of__isnull=True).values_list("pickup_postcode", "status"))
    places = _places(pc for pc, _ in outward)
    wards, deciles = Counter(), Counter()
    wards_done, deciles_done = Counter(), Counter()
    for postcode, status in outward:
        ward, decile = places.get(postcode, ("Unknown ward", None))
        wards[ward] += 1
        deciles[decile] += 1
        if status in DONE:
            wards_done[ward] += 1
            deciles_done[decile] += 1
    report.by_ward = [{"ward": w, "requests": n, "done": wards_done[w]} for w, n in sorted(wards.items())]
    report.by_decile = [{"decile": d if d is not None else "Unknown", "requests": deciles[d],
                         "done": deciles_done[d]}
                        for d in sorted(deciles, key=lambda d: (d is None, d or 0))]
