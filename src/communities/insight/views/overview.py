"""The outcomes framework overview: every indicator against England, with trend and SPC variation."""

from __future__ import annotations

from django.shortcuts import render

from communities.core.access import requires

from .. import presenters
from ._csv import csv_response, num


@requires("insight.view_indicators")
def overview(request):
    rows = presenters.overview_rows()
    years = sorted({v.year for r in rows for v in r.series})
    return render(request, "insight/overview.html", {
        "groups": presenters.grouped(rows),
        "count": len(rows),
        "latest_year": years[-1] if years else None,
        "any_synthetic": any(r.indicator.synthetic for r in rows),
    })


@requires("insight.view_indicators")
def overview_csv(request):
    rows = presenters.overview_rows()
    header = ["key_move", "indicator_code", "indicator", "period", "value", "lower95", "upper95", "unit", "england",
              "compared_with_england", "recent_trend", "spc_variation", "target",
              "spc_assurance", "source"]
    return csv_response("insight-overview.csv", header, (
        [
            r.indicator.get_key_move_display(), r.indicator.code, r.indicator.name, r.period,
            num(r.value.value if r.value else None), num(r.value.lower if r.value else None),
            num(r.value.upper if r.value else None), r.indicator.unit, num(r.england.value if r.england else None),
            r.comparison.label if r.comparison else "", r.trend.meaning if r.trend else "",
            r.spc.variation_text if r.spc else "", num(r.indicator.target), r.spc.assurance_text if r.spc else "",
            r.indicator.source,
        ]
        for r in rows
    ))
