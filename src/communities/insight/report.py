"""The annual Cabinet performance report: HTML and PDF (WeasyPrint) from the same template and SVG charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from communities.core.pdf import html_to_pdf

from . import charts, presenters
from .models import AreaType, Indicator, IndicatorValue, KeyMove

STATIC_CSS = Path(__file__).resolve().parent / "static" / "insight" / "report.css"
MAX_TREND_CHARTS = 6
MAX_INEQUALITY_CHARTS = 2

METHODS = [
    ("Proportions", "Wilson score interval (Wilson 1927), as recommended in APHO Technical Briefing 3 (2008)."),
    ("Crude rates and counts", "Exact Poisson limits for fewer than 10 events (Ulm 1990), Byar's approximation "
     "otherwise (Breslow and Day 1987)."),
    ("Directly standardised rates", "Dobson et al. (1991) limits on the European Standard Population 2013; where "
     "only the count is supplied, the single-stratum form DSR × Byar's limit ÷ count."),
    ("Means", "Student's t interval from the mean, standard deviation and count."),
    ("Comparison with England", "95% confidence-interval overlap, as OHID Fingertips compares areas with a "
     "benchmark: similar if England's value lies within Stockton-on-Tees' interval, otherwise better or worse by "
     "the indicator's polarity."),
    ("Recent trend", "The Fingertips recent-trend test on the five most recent points at 99.8% significance "
     "(chi-square test for trend in proportions, Altman 1991; otherwise weighted regression)."),
    ("Statistical process control", "XmR charts with the NHS England 'Making Data Count' rules: limits at the "
     "mean ± 2.66 × mean moving range; special cause for a point beyond the limits, a run of 7 on one side of the "
     "mean, a trend of 7, or two of three points beyond two sigma (Wheeler 1995; Nelson 1984)."),
    ("Inequality", "Slope and relative indices of inequality across IMD 2025 deciles by weighted regression on "
     "cumulative population mid-points (Low and Low 2004), with Monte-Carlo 95% limits (OHID technical guidance, "
     "APHO Technical Briefing 9)."),
]


@dataclass
class Report:
    year: int
    generated: object
    rows: list
    groups: list
    improved: list
    worsened: list
    better: list
    worse: list
    trend_charts: list = field(default_factory=list)
    inequality_charts: list = field(default_factory=list)
    synthetic: bool = False
    sources: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"What success looks like: annual performance report {self.year}"

    @property
    def summary(self) -> str:
        compared = [r for r in self.rows if r.comparison and r.comparison.raw not in ("None",)]
        return (
            f"Of {len(self.rows)} indicators, {len(self.better)} are better than England, {len(self.worse)} are "
            f"worse and {len(compared) - len(self.better) - len(self.worse)} are similar or not judged; "
            f"{len(self.improved)} improved and {len(self.worsened)} worsened over the last five periods."
        )


def build(year: int) -> Report:
    rows = [r for r in presenters.overview_rows(Indicator.objects.all(), up_to_year=year) if r.value is not None]
    better = [r for r in rows if r.comparison and r.comparison.raw in ("Better", "Best")]
    worse = [r for r in rows if r.comparison and r.comparison.raw in ("Worse", "Worst")]
    improved = [r for r in rows if r.trend and r.trend.meaning == "improving"]
    worsened = [r for r in rows if r.trend and r.trend.meaning == "worsening"]
    report = Report(
        year=year, generated=timezone.now(), rows=rows, groups=presenters.grouped(rows), improved=improved,
        worsened=worsened, better=better, worse=worse, synthetic=any(r.indicator.synthetic for r in rows),
        sources=sorted({r.indicator.source for r in rows if r.indicator.source}),
    )
    focus = [r for r in rows if r.indicator.key_move == KeyMove.HEALTHY_LIVES]
    focus.sort(key=lambda r: (r not in worse, r not in worsened and r not in improved))
    for i, r in enumerate(focus[:MAX_TREND_CHARTS]):
        d = presenters.detail(r.indicator)
        keep = {v.period for v in r.series}
        points = [charts.Point(v.period, v.value, v.lower, v.upper) for v in r.series]
        report.trend_charts.append((r, charts.time_series(
            f"report-trend-{i}", f"{r.indicator.name}: Stockton-on-Tees and England", r.indicator.unit,
            r.indicator.decimals, "Stockton-on-Tees", points,
            [charts.Benchmark("England", {p: v.value for p, v in d.england.items() if p in keep}, "#0b0c0c", "6 4")],
        )))
    with_deciles = set(IndicatorValue.objects.filter(area_type=AreaType.IMD_DECILE, year__lte=year)
                       .values_list("indicator_id", flat=True))
    for i, r in enumerate([r for r in focus if r.indicator.pk in with_deciles][:MAX_INEQUALITY_CHARTS]):
        available = [p for y, p in presenters.periods(r.indicator, AreaType.IMD_DECILE) if y <= year]
        period = r.period if r.period in available else (available[-1] if available else "")
        view = presenters.inequalities(r.indicator, period, chart_id=f"report-inequality-{i}")
        report.inequality_charts.append((r, view))
    return report


def render_html(report: Report, *, stylesheet_href: str = "report.css") -> str:
    return render_to_string("insight/report_document.html", {
        "report": report, "methods": METHODS, "stylesheet_href": stylesheet_href,
    })


def render_pdf(report: Report) -> bytes:
    return html_to_pdf(render_html(report, stylesheet_href=""), STATIC_CSS)


def write(report: Report, directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"cabinet-report-{report.year}"
    html_path, pdf_path = directory / f"{stem}.html", directory / f"{stem}.pdf"
    html_path.write_text(render_html(report), encoding="utf-8")
    (directory / "report.css").write_text(STATIC_CSS.read_text(encoding="utf-8"), encoding="utf-8")
    pdf_path.write_bytes(render_pdf(report))
    return html_path, pdf_path
