"""One indicator: trend and SPC chart, ward comparison, inequality by deprivation decile, ward map, CSVs."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from communities.core.access import requires

from .. import presenters
from ..models import AreaType, Indicator
from ._csv import csv_response, num


def _indicator(code: str) -> Indicator:
    return get_object_or_404(Indicator, code=code)


def _context(indicator, tab: str, **extra):
    return {"indicator": indicator, "tab": tab, **extra}


@requires("insight.view_indicators")
def detail(request, indicator_code):
    indicator = _indicator(indicator_code)
    d = presenters.detail(indicator)
    rows = [
        {"v": v, "england": d.england.get(v.period), "region": d.region.get(v.period),
         "comparator": d.comparator.get(v.period), "comparison": c}
        for v, c in zip(d.series, d.comparisons, strict=True)
    ]
    spc_rows = list(zip(d.spc.periods, d.spc.values, d.spc.labels, d.spc.point_types, strict=True)) if d.spc else []
    return render(request, "insight/indicator.html", _context(indicator, "trend", d=d, rows=rows, spc_rows=spc_rows))


@requires("insight.view_indicators")
def detail_csv(request, indicator_code):
    indicator = _indicator(indicator_code)
    d = presenters.detail(indicator)
    header = ["indicator_code", "indicator", "period", "value", "lower95", "upper95", "ci_method", "numerator",
              "denominator", "england", "north_east", "comparator", "compared_with_england"]
    return csv_response(f"{indicator.code}-trend.csv", header, (
        [indicator.code, indicator.name, v.period, num(v.value), num(v.lower), num(v.upper), v.ci_method,
         num(v.numerator), num(v.denominator), num(d.england[v.period].value if v.period in d.england else None),
         num(d.region[v.period].value if v.period in d.region else None),
         num(d.comparator[v.period].value if v.period in d.comparator else None), c.label if c else ""]
        for v, c in zip(d.series, d.comparisons, strict=True)
    ))


def _period(request, indicator, area_type):
    return presenters.chosen_period(indicator, request.GET.get("period"), area_type)


@requires("insight.view_indicators")
def wards(request, indicator_code):
    indicator = _indicator(indicator_code)
    period = _period(request, indicator, AreaType.WARD)
    view = presenters.wards(indicator, period)
    return render(request, "insight/wards.html", _context(
        indicator, "wards", view=view, periods=presenters.periods(indicator, AreaType.WARD)))


@requires("insight.view_indicators")
def wards_csv(request, indicator_code):
    indicator = _indicator(indicator_code)
    view = presenters.wards(indicator, _period(request, indicator, AreaType.WARD))
    header = ["indicator_code", "indicator", "period", "ward_code", "ward", "value", "lower95", "upper95",
              "numerator", "denominator", "compared_with_borough"]
    return csv_response(f"{indicator.code}-wards.csv", header, (
        [indicator.code, indicator.name, view.period, r.code, r.name, num(r.value.value if r.value else None),
         num(r.value.lower if r.value else None), num(r.value.upper if r.value else None),
         num(r.value.numerator if r.value else None), num(r.value.denominator if r.value else None),
         r.comparison.label if r.comparison else ""]
        for r in view.rows
    ))


@requires("insight.view_indicators")
def inequality(request, indicator_code):
    indicator = _indicator(indicator_code)
    period = _period(request, indicator, AreaType.IMD_DECILE)
    view = presenters.inequalities(indicator, period)
    return render(request, "insight/inequality.html", _context(
        indicator, "inequality", view=view, periods=presenters.periods(indicator, AreaType.IMD_DECILE)))


@requires("insight.view_indicators")
def inequality_csv(request, indicator_code):
    indicator = _indicator(indicator_code)
    view = presenters.inequalities(indicator, _period(request, indicator, AreaType.IMD_DECILE))
    header = ["indicator_code", "indicator", "period", "imd2025_decile", "value", "lower95", "upper95", "population"]
    rows = [[indicator.code, indicator.name, view.period, r.decile, num(r.value.value), num(r.value.lower),
             num(r.value.upper), num(r.population, 0)] for r in view.rows]
    if view.result:
        res = view.result
        rows.append([indicator.code, indicator.name, view.period, "SII", num(res.sii), num(res.sii_lower),
                     num(res.sii_upper), ""])
        rows.append([indicator.code, indicator.name, view.period, "RII", num(res.rii), num(res.rii_lower),
                     num(res.rii_upper), ""])
    return csv_response(f"{indicator.code}-inequality.csv", header, rows)


@requires("insight.view_indicators")
def ward_map(request, indicator_code):
    indicator = _indicator(indicator_code)
    period = _period(request, indicator, AreaType.WARD)
    svg, rows = presenters.ward_map(indicator, period)
    return render(request, "insight/map.html", _context(
        indicator, "map", svg=svg, rows=rows, period=period, periods=presenters.periods(indicator, AreaType.WARD)))
