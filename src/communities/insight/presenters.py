"""What the Insight pages and the Cabinet report show, assembled from the stored values and communities.stats."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from communities.places.models import LSOA, Ward

from . import charts
from .compute import SPC, Comparison, Inequality, Trend, compare, inequality, inequality_problem, spc, trend
from .models import AreaType, Indicator, IndicatorValue, KeyMove, Measure


@dataclass
class Row:
    indicator: Indicator
    period: str = ""
    value: IndicatorValue | None = None
    england: IndicatorValue | None = None
    region: IndicatorValue | None = None
    comparison: Comparison | None = None
    trend: Trend | None = None
    spc: SPC | None = None
    series: list[IndicatorValue] = field(default_factory=list)


def series_by_indicator(area_type: str = AreaType.BOROUGH, indicators=None) -> dict[int, list[IndicatorValue]]:
    qs = IndicatorValue.objects.filter(area_type=area_type).order_by("year")
    if indicators is not None:
        qs = qs.filter(indicator__in=indicators)
    out: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in qs:
        out[v.indicator_id].append(v)
    return out


def _benchmarks(indicators) -> dict[tuple[int, str, str], IndicatorValue]:
    qs = IndicatorValue.objects.filter(indicator__in=indicators, area_type__in=[AreaType.ENGLAND, AreaType.REGION])
    return {(v.indicator_id, v.area_type, v.period): v for v in qs}


def overview_rows(indicators=None, up_to_year: int | None = None) -> list[Row]:
    """One row per indicator: latest borough value (up to ``up_to_year``) against England, trend and SPC icon."""
    indicators = list(indicators if indicators is not None else Indicator.objects.all())
    borough = series_by_indicator(AreaType.BOROUGH, indicators)
    bench = _benchmarks(indicators)
    rows = []
    for ind in indicators:
        series = [v for v in borough.get(ind.pk, []) if up_to_year is None or v.year <= up_to_year]
        row = Row(ind, series=series)
        if series:
            latest = series[-1]
            row.period, row.value = latest.period, latest
            row.england = bench.get((ind.pk, AreaType.ENGLAND, latest.period))
            row.region = bench.get((ind.pk, AreaType.REGION, latest.period))
            row.trend = trend(series, ind)
            row.spc = spc(series, ind)
        rows.append(row)
    # one vectorised comparison over every indicator with the same polarity
    by_polarity: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.value is not None:
            by_polarity[row.indicator.polarity].append(row)
    for polarity, group in by_polarity.items():
        results = compare(
            [r.value.value for r in group], [r.value.lower for r in group], [r.value.upper for r in group],
            [r.england.value if r.england else None for r in group], polarity,
        )
        for r, c in zip(group, results, strict=True):
            r.comparison = c
    return rows


def grouped(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    labels = dict(KeyMove.choices)
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        out[row.indicator.key_move].append(row)
    return [(labels[k], out[k]) for k in KeyMove.values if out.get(k)]


def periods(indicator: Indicator, area_type: str = AreaType.BOROUGH) -> list[tuple[int, str]]:
    qs = IndicatorValue.objects.filter(indicator=indicator, area_type=area_type)
    return sorted(set(qs.values_list("year", "period")))


def chosen_period(indicator: Indicator, requested: str | None, area_type: str) -> str:
    available = [p for _, p in periods(indicator, area_type)]
    if requested in available:
        return requested
    return available[-1] if available else ""


@dataclass
class Detail:
    indicator: Indicator
    series: list[IndicatorValue]
    england: dict[str, IndicatorValue]
    region: dict[str, IndicatorValue]
    comparator: dict[str, IndicatorValue]
    comparisons: list[Comparison | None]
    trend: Trend
    spc: SPC | None
    chart: str
    spc_svg: str


def detail(indicator: Indicator) -> Detail:
    series = list(IndicatorValue.objects.filter(indicator=indicator, area_type=AreaType.BOROUGH).order_by("year"))
    bench: dict[str, dict[str, IndicatorValue]] = defaultdict(dict)
    for v in IndicatorValue.objects.filter(
        indicator=indicator, area_type__in=[AreaType.ENGLAND, AreaType.REGION, AreaType.COMPARATOR]
    ):
        bench[v.area_type][v.period] = v
    eng = bench[AreaType.ENGLAND]
    comps = compare(
        [v.value for v in series], [v.lower for v in series], [v.upper for v in series],
        [eng[v.period].value if v.period in eng else None for v in series], indicator.polarity,
    )
    result = spc(series, indicator)
    dec = indicator.decimals
    chart = charts.time_series(
        "chart-trend", f"{indicator.name}: Stockton-on-Tees compared with England and the North East",
        indicator.unit, dec, "Stockton-on-Tees",
        [charts.Point(v.period, v.value, v.lower, v.upper) for v in series],
        [
            charts.Benchmark("England", {p: v.value for p, v in eng.items()}, "#0b0c0c", "6 4"),
            charts.Benchmark("North East", {p: v.value for p, v in bench[AreaType.REGION].items()}, "#4c2c92", "2 3"),
        ],
    )
    spc_svg = charts.spc_chart("chart-spc", f"{indicator.name}: statistical process control (XmR) chart",
                               indicator.unit, dec, result)
    return Detail(indicator, series, eng, bench[AreaType.REGION], bench[AreaType.COMPARATOR], comps,
                  trend(series, indicator), result, chart, spc_svg)


@dataclass
class WardRow:
    code: str
    name: str
    value: IndicatorValue | None
    comparison: Comparison | None
    map_class: int | None = None


@dataclass
class WardView:
    period: str
    rows: list[WardRow]
    borough: IndicatorValue | None
    england: IndicatorValue | None
    chart: str


def _period_value(indicator, area_type, period) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(indicator=indicator, area_type=area_type, period=period).first()


def wards(indicator: Indicator, period: str) -> WardView:
    values = {v.area_code: v for v in IndicatorValue.objects.filter(
        indicator=indicator, area_type=AreaType.WARD, period=period)}
    names = dict(Ward.objects.values_list("code", "name"))
    borough = _period_value(indicator, AreaType.BOROUGH, period)
    england = _period_value(indicator, AreaType.ENGLAND, period)
    known = sorted((v for v in values.values() if v.value is not None), key=lambda v: -v.value)
    comps = compare([v.value for v in known], [v.lower for v in known], [v.upper for v in known],
                    [borough.value if borough else None] * len(known), indicator.polarity)
    rows = [WardRow(v.area_code, names.get(v.area_code, v.area_name or v.area_code), v, c)
            for v, c in zip(known, comps, strict=True)]
    rows += [WardRow(code, name, None, None) for code, name in sorted(names.items(), key=lambda kv: kv[1])
             if code not in values and (values or False)]
    bars = [
        charts.Bar(r.name, r.value.value, r.value.lower, r.value.upper, r.comparison.colour,
                   f"({r.comparison.label.lower()})" if r.comparison and r.comparison.raw != "None" else "")
        for r in rows if r.value is not None
    ]
    refs = [("Borough", borough.value if borough else None, "6 3"), ("England", england.value if england else None,
                                                                     "2 3")]
    chart = charts.ward_bars("chart-wards", f"{indicator.name} by ward, {period}, compared with the borough",
                             indicator.unit, indicator.decimals, bars, refs)
    return WardView(period, rows, borough, england, chart)


@dataclass
class DecileRow:
    decile: int
    value: IndicatorValue | None
    population: float


@dataclass
class InequalityView:
    period: str
    rows: list[DecileRow]
    result: Inequality | None
    chart: str
    problem: str = ""  # why the SII cannot be calculated, in plain English ("" when it is)


def decile_populations(council_code: str | None = None) -> dict[int, float]:
    qs = LSOA.objects.exclude(imd2025_decile=None)
    if council_code:
        qs = qs.filter(council_id=council_code)
    return {d: float(p or 0) for d, p in qs.values("imd2025_decile").annotate(p=Sum("population"))
            .values_list("imd2025_decile", "p")}


def inequalities(indicator: Indicator, period: str, chart_id: str = "chart-inequality") -> InequalityView:
    values = {}
    for v in IndicatorValue.objects.filter(indicator=indicator, area_type=AreaType.IMD_DECILE, period=period):
        try:
            values[int(v.area_code)] = v
        except ValueError:
            continue
    pops = decile_populations()
    rows = []
    for d in sorted(values):
        v = values[d]
        weight = v.denominator if (indicator.measure in (Measure.PROPORTION, Measure.RATE) and v.denominator) else 0
        rows.append(DecileRow(d, v, float(weight or pops.get(d, 0.0))))
    usable = [r for r in rows if r.population > 0]
    result = inequality([r.value for r in usable], [r.population for r in usable], indicator)
    bars = [charts.Bar(str(r.decile), r.value.value, r.value.lower, r.value.upper, weight=r.population or 1)
            for r in rows]
    chart = charts.decile_bars(chart_id, f"{indicator.name} by deprivation decile, {period}",
                               indicator.unit, indicator.decimals, bars, result)
    problem = "" if result else inequality_problem([r.value for r in usable], indicator, fallback=True)
    return InequalityView(period, rows, result, chart, problem)


def ward_map(indicator: Indicator, period: str) -> tuple[str, list[WardRow]]:
    view = wards(indicator, period)
    svg, breaks = charts.ward_map("chart-map", f"Map of {indicator.name} by ward, {period}", indicator.unit,
                                  indicator.decimals, {r.code: r.value.value for r in view.rows if r.value})
    for r in view.rows:
        r.map_class = None if r.value is None else (charts.class_of(r.value.value, breaks) or 0) + 1
    return svg, sorted(view.rows, key=lambda r: r.name)
