"""Income gained for the Anti-Poverty Strategy: awarded outcomes, totals by benefit and by month (no personal data)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from .models import OUTCOME_BENEFITS, Outcome

LABELS = dict(OUTCOME_BENEFITS)


def outcomes_report(date_from=None, date_to=None) -> dict:
    awarded = Outcome.objects.filter(status=Outcome.Status.AWARDED)
    if date_from:
        awarded = awarded.filter(occurred_on__gte=date_from)
    if date_to:
        awarded = awarded.filter(occurred_on__lte=date_to)
    by_benefit = [
        {"benefit": r["benefit"], "label": LABELS.get(r["benefit"], r["benefit"]), "awards": r["awards"],
         "per_year": r["total"] or Decimal("0")}
        for r in awarded.values("benefit").annotate(awards=Count("id"), total=Sum("amount_per_year"))
        .order_by("-total", "benefit")
    ]
    monthly = defaultdict(lambda: {"awards": 0, "per_year": Decimal("0")})
    by_month_benefit = []
    rows = (
        awarded.annotate(month=TruncMonth("occurred_on")).values("month", "benefit")
        .annotate(awards=Count("id"), total=Sum("amount_per_year")).order_by("month", "benefit")
    )
    for r in rows:
        month = r["month"]
        month_key = month.strftime("%Y-%m")
        total = r["total"] or Decimal("0")
        monthly[month_key]["awards"] += r["awards"]
        monthly[month_key]["per_year"] += total
        by_month_benefit.append({"month": month_key, "benefit": r["benefit"],
                                 "label": LABELS.get(r["benefit"], r["benefit"]), "awards": r["awards"],
                                 "per_year": total})
    claims = Outcome.objects.values("status").annotate(n=Count("id"))
    return {
        "by_benefit": by_benefit,
        "by_month": [{"month": k, **v} for k, v in sorted(monthly.items())],
        "by_month_benefit": by_month_benefit,
        "total_awards": sum(r["awards"] for r in by_benefit),
        "total_per_year": sum((r["per_year"] for r in by_benefit), Decimal("0")),
        "status_counts": {r["status"]: r["n"] for r in claims},
    }


CSV_HEADER = ["month", "benefit", "awards", "income_gained_per_year"]


def report_csv_rows(report: dict) -> list[list]:
    from communities.core.csvsafe import safe_row

    rows = [CSV_HEADER]
    for r in report["by_month_benefit"]:
        rows.append(safe_row([r["month"], r["label"], r["awards"], f"{r['per_year']:.2f}"]))
    return rows
