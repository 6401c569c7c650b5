"""Statistics core for Insight: public-health indicator methods (pure numpy/scipy, no Django).

Every function is vectorised - pass numpy arrays to compute a whole indicator x area x period
table in one call - and documents its method and published source in its module docstring.

Modules: :mod:`.proportions` (Wilson), :mod:`.rates` (Byar's / exact Poisson, crude rates),
:mod:`.dsr` (Dobson DSRs, ESP 2013), :mod:`.isr` (indirect standardisation), :mod:`.means`
(t intervals), :mod:`.quantiles` (PHE quantiles, Fingertips bands), :mod:`.inequality` (SII/RII),
:mod:`.funnels` (funnel-plot limits), :mod:`.life_expectancy` (Chiang II), :mod:`.compare`
(benchmark comparison, polarity, RAG), :mod:`.trend` (Fingertips recent trend), :mod:`.spc`
(XmR / Making Data Count).

Quick start (shapes: ``(indicators, periods, areas)``, plus a trailing age-band axis for DSRs)::

    from communities import stats

    est = stats.proportion(numerators, denominators, confidence=0.95, multiplier=100)
    est.value, est.lower, est.upper                      # arrays, NaN where inputs are missing
    rate = stats.crude_rate(counts, populations)         # per 100,000, exact (<10) / Byar's
    dsr = stats.dsr(band_counts, band_pops)              # ESP 2013 by default, (..., 19)
    labels = stats.compare_ci_overlap_two_levels(v, l95, u95, l998, u998, england, "low_is_good")
    colours = stats.rag(labels)
    deciles = stats.assign_quantiles(values, 10, invert=False, groups=indicator_period_ids)
    ineq = stats.sii(decile_values, decile_pops, lower=l95, upper=u95, value_type=1, rng=2026)
    trend = stats.recent_trend_table(series_values, series_l95, series_u95)  # (..., years)
    chart = stats.xmr(monthly_values, improvement_direction="decrease", target=12.0)
"""

from ._result import Estimate
from .compare import (
    RAG_COLOURS,
    apply_polarity,
    compare_ci_overlap,
    compare_ci_overlap_two_levels,
    compare_double_ci_overlap,
    compare_spc_dsr,
    compare_spc_proportion,
    rag,
)
from .dsr import ESP2013_BANDS, dsr, esp2013
from .funnels import (
    funnel_axis,
    proportion_funnel,
    proportion_funnel_significance,
    rate_funnel,
    rate_funnel_significance,
    ratio_funnel,
    ratio_funnel_significance,
)
from .inequality import SIIResult, sii
from .isr import ISREstimate, expected_counts, isr
from .life_expectancy import LE_START_AGES, LifeExpectancy, life_expectancy
from .means import MeanEstimate, mean_from_summary, mean_interval
from .proportions import proportion, wilson_interval
from .quantiles import assign_quantiles, quantile_bounds
from .rates import (
    byars_lower,
    byars_upper,
    crude_rate,
    exact_poisson_lower,
    exact_poisson_upper,
    poisson_interval,
)
from .spc import (
    XmRResult,
    XmRTable,
    assurance,
    part_of_run,
    point_type,
    run_one_side,
    special_cause_label,
    trend_points,
    two_in_three_flagged,
    two_in_three_window,
    xmr,
    xmr_limits,
    xmr_table,
)
from .trend import TrendResult, TrendTable, recent_trend, recent_trend_table

__all__ = [
    "ESP2013_BANDS",
    "LE_START_AGES",
    "RAG_COLOURS",
    "Estimate",
    "ISREstimate",
    "LifeExpectancy",
    "MeanEstimate",
    "SIIResult",
    "TrendResult",
    "TrendTable",
    "XmRResult",
    "XmRTable",
    "apply_polarity",
    "assign_quantiles",
    "assurance",
    "byars_lower",
    "byars_upper",
    "compare_ci_overlap",
    "compare_ci_overlap_two_levels",
    "compare_double_ci_overlap",
    "compare_spc_dsr",
    "compare_spc_proportion",
    "crude_rate",
    "dsr",
    "esp2013",
    "exact_poisson_lower",
    "exact_poisson_upper",
    "expected_counts",
    "funnel_axis",
    "isr",
    "life_expectancy",
    "mean_from_summary",
    "mean_interval",
    "part_of_run",
    "point_type",
    "poisson_interval",
    "proportion",
    "proportion_funnel",
    "proportion_funnel_significance",
    "quantile_bounds",
    "rag",
    "rate_funnel",
    "rate_funnel_significance",
    "ratio_funnel",
    "ratio_funnel_significance",
    "recent_trend",
    "recent_trend_table",
    "run_one_side",
    "sii",
    "special_cause_label",
    "trend_points",
    "two_in_three_flagged",
    "two_in_three_window",
    "wilson_interval",
    "xmr",
    "xmr_limits",
    "xmr_table",
]
