"""Counts from the platform's own records for the partner view: a small registry, one function per source.

Each provider takes the area's 2021 LSOA codes and returns ``{label: count}``, a breakdown whose total is published
beside it; the counts go through :func:`communities.stats.suppression.suppress_row`. A resident belongs to the LSOA
of their household's address. Counts are across all organisations on the platform (aggregates only: no names, no
links to records) - the point of a partnership profile - and are shown only to the partner roles (rules.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from communities.stats.suppression import suppress_row

from .figures import Figure, Section


@dataclass(frozen=True)
class Provider:
    key: str
    title: str
    app_label: str  # shown only when this app is installed
    count: Callable[[tuple[str, ...]], dict[str, int]]
    source: str


PROVIDERS: dict[str, Provider] = {}


def register(key: str, title: str, app_label: str, source: str):
    def wrap(function):
        PROVIDERS[key] = Provider(key, title, app_label, function, source)
        return function

    return wrap


def _people(codes):
    from communities.people.models import Person

    return Person.objects.filter(household__lsoa_id__in=codes)


@register("people", "Residents with a record", "people", "People records (household address)")
def people_counts(codes):
    people = _people(codes)
    return {"Carers": people.filter(is_carer=True).count(),
            "Not recorded as carers": people.filter(is_carer=False).count()}


@register("money", "Benefits checks", "money", "Money: benefits checks saved to residents' records")
def money_counts(codes):
    from communities.money.models import SavedCheck

    checks = SavedCheck.objects.filter(person__household__lsoa_id__in=codes)
    return {"Found unclaimed entitlement": checks.filter(total_unclaimed_per_year__gt=0).count(),
            "Found none unclaimed": checks.filter(total_unclaimed_per_year__lte=0).count()}


@register("referrals", "Referrals", "referrals", "Referrals of residents to services")
def referral_counts(codes):
    from communities.referrals.models import CLOSED, Referral

    referrals = Referral.objects.filter(person__household__lsoa_id__in=codes)
    return {"Open": referrals.exclude(status__in=CLOSED).count(), "Closed": referrals.filter(status__in=CLOSED).count()}


@register("support", "Support plans", "support", "Support plans")
def support_counts(codes):
    from communities.support.models import SupportPlan

    plans = SupportPlan.objects.filter(person__household__lsoa_id__in=codes)
    open_plans = plans.filter(closed_on__isnull=True).count()
    return {"Open": open_plans, "Closed": plans.count() - open_plans}


@register("transport", "Volunteer Driver Service trips in the last 12 months", "transport",
          "Volunteer Driver Service trips (passengers' household address)")
def transport_counts(codes):
    from datetime import timedelta

    from communities.transport.models import Trip
    from communities.transport.models.trips import Status

    since = timezone.localdate() - timedelta(days=365)
    trips = Trip.objects.filter(passenger__person__household__lsoa_id__in=codes, service_date__gte=since,
                                service_date__lte=timezone.localdate())
    done = trips.filter(status=Status.COMPLETED).count()
    return {"Done": done, "Not done (cancelled, not there, turned away, still to come)": trips.count() - done}


@register("volunteering", "Volunteers living here", "volunteering", "Volunteering: registered volunteers' home LSOA")
def volunteering_counts(codes):
    from communities.volunteering.models import Volunteer

    volunteers = Volunteer.objects.filter(lsoa_id__in=codes)
    active = volunteers.filter(is_active=True).count()
    return {"Active": active, "Not active": volunteers.count() - active}


@register("resilience", "Emergency register entries", "resilience", "Emergencies: the consented emergency register")
def resilience_counts(codes):
    from communities.resilience.models import RegisterEntry

    entries = RegisterEntry.objects.filter(lsoa_id__in=codes)
    return {"Current consent": entries.current().count(), "Consent lapsed or withdrawn": entries.lapsed().count()}


def section(area, threshold: int) -> Section:
    today = timezone.localdate()
    out = Section("Partners only: the platform's records", partner_only=True, note=(
        "Counts of records on this platform for residents whose household address is in the area, across all "
        f"organisations. Counts below {threshold} are shown as 'fewer than {threshold}', and one more count is "
        "withheld where it could be worked out from the total. Areas that overlap (an LSOA and its ward) are "
        "suppressed separately, so a withheld count could be worked out by comparing them: these figures are for "
        "partners' use, not for publication."))
    for provider in PROVIDERS.values():
        if not apps.is_installed(f"communities.{provider.app_label}"):
            continue
        published = suppress_row(provider.count(area.lsoa_codes), threshold)
        common = {"period": f"Records on {today:%-d %B %Y}", "geography": area.geography, "source": provider.source,
                  "licence": "Not for publication: partners only", "denominator": ""}
        out.figures.append(Figure(f"{provider.title}: total", published.total.label,
                                  suppressed=published.total.suppressed, **common))
        for label, shown in published.cells.items():
            out.figures.append(Figure(f"{provider.title}: {label}", shown.label, suppressed=shown.suppressed, **common))
    return out
