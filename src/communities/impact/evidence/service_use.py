"""Service use by group where services record it: residents of the area with a record on the platform, by age band,
disability and unpaid caring (people), their referrals in the last 12 months, and carers with a recorded caring link
(support). Counts only, each breakdown suppressed with its total (primary and secondary)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from communities.people.models import Person
from communities.referrals.models import Referral
from communities.support.models import CarerLink

from . import suppression
from .figures import count_figure

SOURCE = "Communities records of residents (people, referrals, support)"
BANDS = (("aged 0 to 15", 0, 15), ("aged 16 to 64", 16, 64), ("aged 65 and over", 65, 200))


def figures(area) -> dict[str, list[dict]]:
    if not area.postcodes:
        return {}
    people = Person.objects.filter(postcode_normalised__in=area.postcodes, merged_at__isnull=True)
    today = timezone.localdate()
    period = f"records on {today:%-d %b %Y}"
    total = people.count()
    shown = suppression.one(total)
    general = [count_figure("Residents of the area with a record on the platform", shown, period=period,
                            geography=area.name, source=SOURCE)]
    found = {"": general}
    if total == 0:
        return found
    ages = people.aggregate(**_age_counts(today))
    found["age"] = _row("Residents with a record", {label: ages[f"band{n}"] for n, (label, _, _) in enumerate(BANDS)},
                        total, period, area)
    flags = people.aggregate(disabled=Count("id", filter=Q(has_disability=True)),
                             carers=Count("id", filter=Q(is_carer=True)))
    found["disability"] = _row("Residents with a record", {"recorded as disabled": flags["disabled"],
                                                           "not recorded as disabled": total - flags["disabled"]},
                               total, period, area)
    carers = CarerLink.objects.filter(carer__in=people, ended_on__isnull=True).values("carer").distinct().count()
    found["carers"] = _row("Residents with a record", {"recorded as unpaid carers": flags["carers"],
                                                       "not recorded as carers": total - flags["carers"]},
                           total, period, area)
    found["carers"].append(count_figure("Carers with a current caring link recorded (support)",
                                        suppression.one(carers), period=period, geography=area.name, source=SOURCE))
    found["disability"].extend(_referrals(people, today, area))
    return found


def _age_counts(today: date) -> dict:
    counts = {}
    for n, (_, low, high) in enumerate(BANDS):
        born_after = _years_before(today, high + 1)
        born_by = _years_before(today, low)
        counts[f"band{n}"] = Count("id", filter=Q(date_of_birth__gt=born_after, date_of_birth__lte=born_by))
    return counts


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _row(label: str, counts: dict, total: int, period: str, area) -> list[dict]:
    shown = suppression.breakdown(counts, total)
    return [count_figure(f"{label} {key}", cell, period=period, geography=area.name, source=SOURCE,
                         note=f"of {shown.total.label} residents with a record")
            for key, cell in shown.cells.items()]


def _referrals(people, today: date, area) -> list[dict]:
    since = today - timedelta(days=365)
    made = Referral.objects.filter(person__in=people, created_at__date__gt=since)
    counts = made.aggregate(disabled=Count("id", filter=Q(person__has_disability=True)), total=Count("id"))
    shown = suppression.breakdown({"for residents recorded as disabled": counts["disabled"],
                                   "for other residents": counts["total"] - counts["disabled"]}, counts["total"])
    period = f"{since + timedelta(days=1):%-d %b %Y} to {today:%-d %b %Y}"
    return [count_figure(f"Referrals {key}", cell, period=period, geography=area.name, source=SOURCE,
                         note=f"of {shown.total.label} referrals") for key, cell in shown.cells.items()]
