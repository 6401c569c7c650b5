"""The scheme's report, the trips feed in Transportation Data Standards shapes, and the public GTFS-Flex booking
rules."""

from __future__ import annotations

import json
from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.access import requires
from communities.core.csvsafe import csv_lines
from communities.core.forms import GovukDateField, GovukForm

from .. import opendata, reports


class PeriodForm(GovukForm):
    first_day = GovukDateField(label="From", noun="The first day", required=False)
    last_day = GovukDateField(label="To", noun="The last day", required=False)


def _period(request):
    today = timezone.localdate()
    first, last = today - timedelta(days=90), today
    form = PeriodForm(request.GET or None, initial={"first_day": first, "last_day": last})
    if request.GET and form.is_valid():
        first = form.cleaned_data["first_day"] or first
        last = form.cleaned_data["last_day"] or last
        if last < first:
            form.add_error("last_day", "The last day must be on or after the first")
            first, last = last, first
        if (last - first).days > 3 * 366:
            form.add_error("first_day", "Choose a period of at most three years")
            first = last - timedelta(days=3 * 366)
    return first, last, form


@requires("transport.view_reports")
def report(request):
    first, last, form = _period(request)
    return render(request, "transport/report.html", {
        "report": reports.scheme_report(request.organisation, first, last), "form": form})


@requires("transport.view_reports")
def trips_feed(request):
    first, last, _ = _period(request)
    feed = opendata.trips_feed(request.organisation, first, last)
    record(actor=request.user, action=Action.EXPORT, object_type="transport.Trip", request=request,
           fields={"format": "TDS JSON", "from": first, "to": last, "trips": len(feed["trips"])})
    response = HttpResponse(json.dumps(feed, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="trips-{first:%Y%m%d}-{last:%Y%m%d}.tds.json"'
    return response


def booking_rules(request):
    """Public: the scheme's booking rules as GTFS-Flex booking_rules.txt (no personal data)."""
    from communities.places.services import current_council

    council = current_council()
    name = council.name if council else "the council's"
    response = HttpResponse("".join(csv_lines(opendata.booking_rules_rows(name))), content_type="text/csv")
    response["Content-Disposition"] = 'inline; filename="booking_rules.txt"'
    return response
