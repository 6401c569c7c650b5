"""Confidence intervals and comparisons, all computed by :mod:`communities.stats` (the pure statistics core).

* proportions: Wilson score interval (``stats.proportion``);
* crude rates: exact Poisson below 10 events, Byar's from 10 (``stats.crude_rate``);
* counts: the same Poisson limits on the count itself (``stats.poisson_interval``);
* DSRs: limits as imported (Dobson, computed from age-specific data upstream); when only the count is given the
  single-stratum Dobson form DSR x Byar's(O) / O is used (``stats.byars_lower``/``byars_upper``);
* means: Student's t interval from the mean, SD and count (``stats.mean_from_summary``);
* scores: limits as imported.

Comparisons with a benchmark use the Fingertips confidence-interval overlap rule (``stats.compare_ci_overlap``) and
the indicator's polarity (``stats.apply_polarity``); the trend arrow uses the Fingertips recent-trend test over the
last five points (``stats.recent_trend_table``); the SPC icon uses the Making Data Count XmR rules (``stats.xmr``);
inequality uses the slope and relative index of inequality by IMD decile (``stats.sii``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from communities import stats

from .models import Indicator, IndicatorValue, Measure

SII_REPETITIONS = 20_000
SII_SEED = 20250401  # a fixed seed: the same data always give the same simulated limits


def _arr(values) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _clean(x) -> float | None:
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def compute_intervals(indicator: Indicator, rows: Sequence[IndicatorValue]) -> None:
    """Fill ``value``, ``lower``, ``upper`` and ``ci_method`` on ``rows`` (in place, one vectorised call)."""
    if not rows:
        return
    num, den = _arr(r.numerator for r in rows), _arr(r.denominator for r in rows)
    given_v, given_lo, given_up = (_arr(getattr(r, f) for r in rows) for f in ("value", "lower", "upper"))
    measure, mult = indicator.measure, float(indicator.multiplier or 1)
    value, lower, upper = given_v.copy(), given_lo.copy(), given_up.copy()
    method = np.full(len(rows), "As supplied", dtype=object)
    if measure in (Measure.PROPORTION, Measure.RATE):
        ok = ~np.isnan(num) & ~np.isnan(den) & (den > 0) & (num >= 0)
        if measure == Measure.PROPORTION:
            ok &= num <= den
        if ok.any():
            if measure == Measure.PROPORTION:
                est = stats.proportion(num[ok], den[ok], multiplier=mult)
                method[ok] = "Wilson score"
            else:
                est = stats.crude_rate(num[ok], den[ok], multiplier=mult)
                method[ok] = np.where(np.asarray(est.method) == "Exact", "Exact Poisson", "Byar's")
            value[ok], lower[ok], upper[ok] = est.value, est.lower, est.upper
    elif measure == Measure.COUNT:
        ok = ~np.isnan(num) & (num >= 0)
        if ok.any():
            lo, up, labels = stats.poisson_interval(num[ok])
            value[ok], lower[ok], upper[ok] = num[ok], lo, up
            method[ok] = np.where(labels == "Exact", "Exact Poisson", "Byar's")
    elif measure == Measure.DSR:
        ok = ~np.isnan(value) & np.isnan(lower) & ~np.isnan(num) & (num > 0)
        if ok.any():
            o = num[ok]
            lower[ok] = value[ok] * np.asarray(stats.byars_lower(o)) / o
            upper[ok] = value[ok] * np.asarray(stats.byars_upper(o)) / o
            method[ok] = "Dobson (single stratum)"
    elif measure == Measure.MEAN:
        sd = _arr(r.sd for r in rows)
        ok = ~np.isnan(value) & ~np.isnan(sd) & ~np.isnan(den) & (den >= 2) & (sd >= 0)
        if ok.any():
            est = stats.mean_from_summary(value[ok], sd[ok], den[ok])
            lower[ok], upper[ok] = est.lower, est.upper
            method[ok] = "Student's t"
    for i, row in enumerate(rows):
        row.value, row.lower, row.upper = _clean(value[i]), _clean(lower[i]), _clean(upper[i])
        row.ci_method = method[i] if row.lower is not None else ""


# --- comparisons --------------------------------------------------------------------------------------------------
LABELS = {"Same": "Similar", "None": "Not compared"}
TAGS = {
    "Better": "govuk-tag--green", "Best": "govuk-tag--green", "Same": "govuk-tag--yellow",
    "Worse": "govuk-tag--red", "Worst": "govuk-tag--red", "Higher": "govuk-tag--blue",
    "Highest": "govuk-tag--blue", "Lower": "govuk-tag--light-blue", "Lowest": "govuk-tag--light-blue",
    "None": "govuk-tag--grey",
}


@dataclass(frozen=True)
class Comparison:
    raw: str  # Better/Same/Worse (or Higher/Lower, None) as communities.stats labels it
    colour: str  # stats.RAG_COLOURS name

    @property
    def label(self) -> str:
        return LABELS.get(self.raw, self.raw)

    @property
    def tag(self) -> str:
        return TAGS.get(self.raw, "govuk-tag--grey")


def compare(values: Sequence, lowers: Sequence, uppers: Sequence, benchmarks, polarity: str) -> list[Comparison]:
    """Compare each value (with its 95% CI) with its benchmark value, Fingertips style."""
    if len(values) == 0:
        return []
    labels = stats.compare_ci_overlap(_arr(values), _arr(lowers), _arr(uppers), _arr(benchmarks), polarity)
    colours = stats.rag(labels)
    return [Comparison(str(lab), str(col)) for lab, col in zip(labels, colours, strict=True)]


def direction(polarity: str) -> str:
    return {"high_is_good": "increase", "low_is_good": "decrease"}.get(polarity, "neutral")


@dataclass(frozen=True)
class Trend:
    marker: str  # Increasing / Decreasing / NoChange / CannotBeCalculated
    meaning: str  # improving / worsening / no significant change / increasing / decreasing / not enough data

    @property
    def arrow(self) -> str:
        return {"Increasing": "↑", "Decreasing": "↓", "NoChange": "→"}.get(self.marker, "–")


def trend(series: Sequence[IndicatorValue], indicator: Indicator) -> Trend:
    """The Fingertips recent-trend test over the last five consecutive annual points of one series."""
    pts = sorted((r for r in series if r.value is not None), key=lambda r: r.year)
    if len(pts) < 5:
        return Trend("CannotBeCalculated", "not enough data")
    years = list(range(pts[0].year, pts[-1].year + 1))
    by_year = {r.year: r for r in pts}
    grid = [by_year.get(y) for y in years]

    def col(field):
        return _arr(getattr(r, field) if r is not None else None for r in grid)[None, :]

    kwargs = {}
    method = "ci_weighted_regression"
    if indicator.measure == Measure.PROPORTION and not np.isnan(col("numerator")).all():
        kwargs = {"counts": col("numerator"), "denominators": col("denominator")}
        method = "chi_square_trend_proportions"
    table = stats.recent_trend_table(col("value"), col("lower"), col("upper"), method=method, **kwargs)
    marker = str(table.marker[0])
    if marker == "CannotBeCalculated":
        return Trend(marker, "not enough data")
    if marker == "NoChange":
        return Trend(marker, "no significant change")
    up = marker == "Increasing"
    if indicator.polarity == "neutral":
        return Trend(marker, "increasing" if up else "decreasing")
    good = up == (indicator.polarity == "high_is_good")
    return Trend(marker, "improving" if good else "worsening")


VARIATION_TEXT = {
    "common_cause": "Common cause variation",
    "special_cause_improvement_high": "Special cause: improvement (high)",
    "special_cause_improvement_low": "Special cause: improvement (low)",
    "special_cause_concern_high": "Special cause: concern (high)",
    "special_cause_concern_low": "Special cause: concern (low)",
    "special_cause_neutral_high": "Special cause: higher (no judgement)",
    "special_cause_neutral_low": "Special cause: lower (no judgement)",
}


VARIATION_SHORT = {
    "common_cause": "Common cause",
    "special_cause_improvement_high": "Improvement (high)",
    "special_cause_improvement_low": "Improvement (low)",
    "special_cause_concern_high": "Concern (high)",
    "special_cause_concern_low": "Concern (low)",
    "special_cause_neutral_high": "Special cause (high)",
    "special_cause_neutral_low": "Special cause (low)",
}


#: NHS England, "Making Data Count: getting started" (2019) and "Making Data Count: strengthening your decisions"
#: (2021), the assurance icons: where the target lies against the process limits. Read December 2026.
ASSURANCE_TEXT = {
    "consistent_pass": "Variation indicates the target will consistently be met",
    "consistent_fail": "Variation indicates the target will consistently be missed",
    "inconsistent": "Variation indicates the target will be met in some periods and missed in others (hit and miss)",
}
ASSURANCE_SHORT = {
    "consistent_pass": "Meets target", "consistent_fail": "Misses target", "inconsistent": "Hit and miss",
}
ASSURANCE_LETTER = {"consistent_pass": "P", "consistent_fail": "F", "inconsistent": "?"}


@dataclass(frozen=True)
class SPC:
    periods: list[str]
    values: list[float]
    mean: float
    lpl: float
    upl: float
    point_types: list[str]
    labels: list[str]
    variation: str
    trial: bool
    target: float | None = None
    assurance: str | None = None  # consistent_pass / consistent_fail / inconsistent; None without a target

    @property
    def assurance_text(self) -> str:
        return ASSURANCE_TEXT.get(self.assurance or "", "")

    @property
    def assurance_short(self) -> str:
        return ASSURANCE_SHORT.get(self.assurance or "", "")

    @property
    def assurance_letter(self) -> str:
        return ASSURANCE_LETTER.get(self.assurance or "", "")

    @property
    def variation_text(self) -> str:
        return VARIATION_TEXT.get(self.variation, self.variation.replace("_", " "))

    @property
    def variation_short(self) -> str:
        return VARIATION_SHORT.get(self.variation, self.variation_text)

    @property
    def variation_kind(self) -> str:
        if "improvement" in self.variation:
            return "improvement"
        if "concern" in self.variation:
            return "concern"
        if "neutral" in self.variation:
            return "neutral"
        return "common"


def spc(series: Sequence[IndicatorValue], indicator: Indicator) -> SPC | None:
    """XmR chart (Making Data Count) over the series' points in time order, or None with fewer than 2 points."""
    pts = sorted((r for r in series if r.value is not None), key=lambda r: r.year)
    if len(pts) < 2:
        return None
    res = stats.xmr(
        [r.value for r in pts], improvement_direction=direction(indicator.polarity), target=indicator.target,
    )
    return SPC(
        periods=[r.period for r in pts],
        values=[float(r.value) for r in pts],
        mean=float(res.mean[-1]),
        lpl=float(res.lpl[-1]),
        upl=float(res.upl[-1]),
        point_types=[str(x) for x in res.point_type],
        labels=[str(x) for x in res.special_cause_type],
        variation=res.variation[-1],
        trial=bool(res.trial_limits[-1]),
        target=indicator.target,
        assurance=res.assurance,
    )


@dataclass(frozen=True)
class Inequality:
    sii: float
    sii_lower: float
    sii_upper: float
    rii: float
    rii_lower: float
    rii_upper: float
    intercept: float


CANNOT = "The slope index of inequality cannot be calculated"


def _deciles_phrase(rows: Sequence[IndicatorValue]) -> str:
    names = [r.area_code for r in rows]
    if len(names) == 1:
        return f"decile {names[0]} has"
    return f"deciles {', '.join(names[:-1])} and {names[-1]} have"


def inequality_problem(rows: Sequence[IndicatorValue], indicator: Indicator, *, fallback: bool = False) -> str:
    """Why :func:`inequality` cannot use these decile rows, in plain English ("" when it can, unless ``fallback``:
    then a general sentence for the rare inputs the statistics core itself refuses).

    The SII needs a value with its 95% confidence interval for every decile it uses (OHID, Public Health
    Outcomes Framework technical guidance, slope index of inequality; PHEindicatormethods ``phe_sii`` leaves out
    an area with any quantile missing), at least three points for a line with a spread, and values the log
    (rates) or logit (proportions) simulation can take."""
    complete = [r for r in rows if None not in (r.value, r.lower, r.upper)]
    if len(complete) < 3:
        have = f"only {len(complete)} {'has' if len(complete) == 1 else 'have'} them" if complete else "none have them"
        return f"{CANNOT}: it needs values for at least three deciles, and {have}."
    gaps = [r for r in rows if r not in complete]
    if gaps:
        return (f"{CANNOT} for this period: {len(complete)} of the {len(rows)} deciles have values, but "
                f"{_deciles_phrase(gaps)} no value or no confidence interval. Each decile's place on the deprivation "
                "scale depends on the population of all of them, so the method needs a value with its confidence "
                "interval for every decile.")
    if indicator.measure == Measure.PROPORTION:
        top = float(indicator.multiplier or 1)
        edge = [r for r in rows if r.value <= 0 or r.value >= top or r.lower < 0 or r.upper > top]
        if edge:
            return (f"{CANNOT}: {_deciles_phrase(edge)} a value of 0% or 100% (or limits beyond them), and the limits "
                    "are simulated on the logit scale, which needs values between the two.")
    if indicator.measure in (Measure.RATE, Measure.DSR):
        low = [r for r in rows if r.value <= 0 or r.lower <= 0]
        if low:
            return (f"{CANNOT}: {_deciles_phrase(low)} a rate (or lower limit) of 0, and the limits are simulated on "
                    "the log scale, which needs rates above 0.")
    return f"{CANNOT} from these values." if fallback else ""


def inequality(rows: Sequence[IndicatorValue], populations: Sequence[float], indicator: Indicator) -> Inequality | None:
    """SII and RII across IMD deciles (rows ordered most to least deprived), with simulated 95% limits.

    Proportions are analysed on the 0-1 scale (logit simulation) and rates on the log scale, as the OHID guidance
    does; the SII is reported in the indicator's own units."""
    if inequality_problem(rows, indicator):
        return None
    values, lo, up = _arr(r.value for r in rows), _arr(r.lower for r in rows), _arr(r.upper for r in rows)
    pops = _arr(populations)
    mult = 1.0
    value_type = 0
    if indicator.measure == Measure.PROPORTION:
        value_type, mult = 2, float(indicator.multiplier or 1)
        values, lo, up = values / mult, lo / mult, up / mult
        if np.any((values <= 0) | (values >= 1)):
            return None
    elif indicator.measure in (Measure.RATE, Measure.DSR):
        value_type = 1
        if np.any(values <= 0) or np.any(lo <= 0):
            return None
    try:
        res = stats.sii(
            values, pops, lower=lo, upper=up, value_type=value_type, multiplier=mult,
            repetitions=SII_REPETITIONS, rng=SII_SEED,
        )
    except ValueError:
        return None
    return Inequality(
        sii=float(res.sii), sii_lower=float(res.sii_lower[0]), sii_upper=float(res.sii_upper[0]),
        rii=float(res.rii), rii_lower=float(res.rii_lower[0]), rii_upper=float(res.rii_upper[0]),
        intercept=float(res.intercept) * mult,
    )
