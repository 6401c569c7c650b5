"""Money: benefit awards after advice to the area's residents (their record's postcode in the area), and what the
council's latest caseload screening found unclaimed borough-wide (the extract carries no address, so no area figure).
Counts are suppressed; an amount is shown only beside a count that is."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from communities.money.models import CaseloadExtract, Outcome, ScreenedHousehold

from . import suppression
from .figures import PLATFORM, count_figure, figure

ADVICE = "Communities money advice: outcomes recorded after benefits checks"
SCREENING = "Communities caseload screening (the council's latest screened extract)"


def figures(area) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {"socio_economic": [], "age": []}
    if area.postcodes:
        found["socio_economic"].extend(_awards(area))
    latest = CaseloadExtract.objects.filter(status=CaseloadExtract.Status.DONE).order_by("-finished_at").first()
    if latest is not None:
        _screening(latest, found)
    return found


def _awards(area) -> list[dict]:
    today = timezone.localdate()
    since = today - timedelta(days=365)
    awarded = Outcome.objects.filter(status=Outcome.Status.AWARDED, occurred_on__gt=since,
                                     saved_check__person__postcode_normalised__in=area.postcodes)
    totals = awarded.aggregate(n=Count("id"), amount=Sum("amount_per_year"))
    shown = suppression.one(totals["n"])
    period = f"{since + timedelta(days=1):%-d %b %Y} to {today:%-d %b %Y}"
    rows = [count_figure("Benefit awards after advice to residents of the area", shown, period=period,
                         geography=area.name, source=ADVICE)]
    if not shown.suppressed:
        amount = totals["amount"] or Decimal("0")
        rows.append(figure("Income gained through those awards", f"£{amount:,.0f} a year", value=float(amount),
                           period=period, geography=area.name, source=ADVICE, licence=PLATFORM))
    return rows


def _screening(extract, found) -> None:
    households = ScreenedHousehold.objects.filter(extract=extract)
    counts = households.aggregate(
        total=Count("id"), pension_credit=Count("id", filter=Q(likely_unclaimed_pension_credit=True)),
        universal_credit=Count("id", filter=Q(likely_eligible_uc=True)),
        unclaimed=Count("id", filter=Q(unclaimed_per_year__gt=0)), amount=Sum("unclaimed_per_year"))
    period = f"{extract.label} (screened {extract.finished_at:%-d %b %Y})" if extract.finished_at else extract.label
    where = "Borough (the extract has no addresses)"

    def row(label, n):
        return count_figure(label, suppression.one(n), period=period, geography=where, source=SCREENING,
                            note=f"of {counts['total']:,} households screened")

    unclaimed = suppression.one(counts["unclaimed"])
    found["socio_economic"].append(row("Households with benefits likely unclaimed", counts["unclaimed"]))
    if not unclaimed.suppressed:
        amount = counts["amount"] or Decimal("0")
        found["socio_economic"].append(figure(
            "Entitlement likely unclaimed", f"£{amount:,.0f} a year", value=float(amount), period=period,
            geography=where, source=SCREENING, licence=PLATFORM))
    found["socio_economic"].append(row("Households likely eligible for Universal Credit", counts["universal_credit"]))
    found["age"].append(row("Pensioner households likely not claiming Pension Credit", counts["pension_credit"]))
