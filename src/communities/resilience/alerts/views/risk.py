"""The community risk map: SVG map (no JavaScript), a table sorted by server-side links, the method, and CSV."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.access import requires
from communities.core.csvsafe import csv_download
from communities.places.svgmap import council_map

from .. import presenters, risk


@requires("resilience_alerts.view_risk_map")
def risk_map(request):
    scores = risk.scores_by_lsoa()
    sort = request.GET.get("sort", "rank")
    descending = request.GET.get("order") == "desc"
    svg = council_map(presenters.map_areas(scores), title="Community risk score by LSOA",
                      description="Each 2021 LSOA shaded by its risk score in fifths, darkest for the highest need. "
                                  "The table below has every value.")
    return render(request, "resilience_alerts/risk_map.html", {
        "rows": presenters.sorted_scores(scores, sort, descending),
        "headers": presenters.header_links(sort, descending),
        "map": svg, "parts": risk.load_weights(), "reviewed": risk.weights_reviewed(),
        "bands": list(zip(presenters.BAND_COLOURS, presenters.BAND_NAMES, strict=True)),
        "register_used": any("register" in s.parts for s in scores.values()),
    })


@requires("resilience_alerts.view_risk_map")
def risk_csv(request):
    scores = risk.scores_by_lsoa()
    # Counts per area only, but an export all the same: who took it is kept.
    record(actor=request.user, action=Action.EXPORT, object_type="resilience_alerts.risk_map", object_id="all",
           request=request, fields={"rows": len(scores)})
    return csv_download(f"community-risk-{timezone.localdate():%Y-%m-%d}.csv", presenters.csv_rows(scores))
