"""Insight indicators relevant to each group, for the area's wards (or the borough where an indicator has no ward
figures), with their 95% confidence intervals and the comparison with England by interval overlap (the stats core,
through ``insight.compute.compare``). Only indicators imported into Insight appear; each keeps its own source.

Which indicators speak to which group is an editorial choice of this module (not a statistical fact): an indicator
measured for one sex or age group, or about carers, disabled people or poverty.
"""

from __future__ import annotations

from django.db.models import Max, Q

from communities.insight.compute import compare
from communities.insight.models import AreaType, Indicator, IndicatorValue

RELEVANT: dict[str, tuple[str, ...]] = {
    "age": ("children-low-income", "flu-vaccination-65", "falls-admissions-65", "care-home-admissions-65",
            "home-after-reablement", "loneliness"),
    "disability": ("learning-disability-own-home", "supported-at-home"),
    "pregnancy_maternity": ("smoking-in-pregnancy", "infant-mortality"),
    "sex": ("life-expectancy-male", "life-expectancy-female", "healthy-life-expectancy-female",
            "breast-screening", "cervical-screening"),
    "socio_economic": ("children-low-income", "fuel-poverty", "food-insecurity", "free-school-meals",
                       "temporary-accommodation"),
    "carers": ("carers-quality-of-life",),
}


def figures(area) -> dict[str, list[dict]]:
    codes = {code for group in RELEVANT.values() for code in group}
    indicators = {i.pk: i for i in Indicator.objects.filter(code__in=codes)}
    if not indicators:
        return {}
    shown = {indicators[pk].code: rows for pk, rows in _latest_rows(indicators, area).items()}
    return {group: [row for code in wanted if code in shown for row in shown[code]]
            for group, wanted in RELEVANT.items()}


def _latest_rows(indicators: dict[int, Indicator], area) -> dict[int, list[dict]]:
    """For each indicator, its latest period's figures for the area (two queries for all indicators together)."""
    values = IndicatorValue.objects.filter(indicator__in=list(indicators), value__isnull=False)
    latest = dict(values.values("indicator").annotate(y=Max("year")).values_list("indicator", "y"))
    wanted = values.filter(year__in=set(latest.values())).filter(
        Q(area_type=AreaType.WARD, area_code__in=area.ward_codes) | Q(area_type__in=(AreaType.BOROUGH,
                                                                                   AreaType.ENGLAND)))
    found: dict[int, dict[str, list[IndicatorValue]]] = {}
    for v in wanted.order_by("area_name", "area_code"):
        if v.year == latest[v.indicator_id]:
            found.setdefault(v.indicator_id, {}).setdefault(v.area_type, []).append(v)
    return {pk: _shown(indicators[pk], rows) for pk, rows in found.items() if _shown(indicators[pk], rows)}


def _shown(indicator: Indicator, rows: dict[str, list[IndicatorValue]]) -> list[dict]:
    england = (rows.get(AreaType.ENGLAND) or [None])[0]
    local = rows.get(AreaType.WARD) or rows.get(AreaType.BOROUGH) or []
    if not local:
        return []
    labels = compare([v.value for v in local], [v.lower for v in local], [v.upper for v in local],
                     [england.value] * len(local), indicator.polarity) if england else []
    return [_figure(indicator, v, england, labels[n].label if labels else "") for n, v in enumerate(local)]


def _figure(indicator: Indicator, v: IndicatorValue, england, comparison: str) -> dict:
    from .figures import figure

    unit = f" {indicator.unit}" if indicator.unit and indicator.unit != "%" else indicator.unit
    fmt = f"{{:.{indicator.decimals}f}}"
    interval = f" (95% CI {fmt.format(v.lower)} to {fmt.format(v.upper)})" if v.lower is not None else ""
    notes = [f"England {fmt.format(england.value)}{unit}" if england and england.value is not None else "",
             comparison]
    return figure(
        indicator.name, f"{fmt.format(v.value)}{unit}{interval}", value=v.value, lower=v.lower, upper=v.upper,
        period=v.period, geography=f"{v.area_name or v.area_code} ({v.get_area_type_display().lower()})",
        source=indicator.source or "Insight", licence="As stated by the source", note="; ".join(n for n in notes if n),
        synthetic=indicator.synthetic,
    )
