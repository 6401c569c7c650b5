"""Insight indicators relevant to each group, for the area's wards (or the borough where an indicator has no ward
figures), with their 95% confidence intervals and the comparison with England by interval overlap (the stats core,
through ``insight.compute.compare``). Only indicators imported into Insight appear; each keeps its own source.

Which indicators speak to which group is an editorial choice of this module (not a statistical fact): an indicator
measured for one sex or age group, or about carers, disabled people or poverty.
"""

from __future__ import annotations

from django.db.models import Max

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
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    if not indicators:
        return {}
    shown = {code: _latest(indicator, area) for code, indicator in indicators.items()}
    return {group: [row for code in wanted if code in shown for row in shown[code]]
            for group, wanted in RELEVANT.items()}


def _latest(indicator: Indicator, area) -> list[dict]:
    values = IndicatorValue.objects.filter(indicator=indicator, value__isnull=False)
    year = values.aggregate(y=Max("year"))["y"]
    if year is None:
        return []
    latest = values.filter(year=year)
    england = latest.filter(area_type=AreaType.ENGLAND).first()
    local = list(latest.filter(area_type=AreaType.WARD, area_code__in=area.ward_codes).order_by("area_name"))
    if not local:
        local = list(latest.filter(area_type=AreaType.BOROUGH))
    if not local:
        return []
    labels = compare([v.value for v in local], [v.lower for v in local], [v.upper for v in local],
                     [england.value if england else None] * len(local), indicator.polarity) if england else []
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
