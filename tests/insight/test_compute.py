"""Computed intervals and comparisons agree with communities.stats and with hand-checked values."""

import math

import pytest

from communities import stats
from communities.insight import compute
from communities.insight.models import AreaType, IndicatorValue, Measure

from .conftest import make_indicator


def _row(ind, **fields):
    return IndicatorValue(indicator=ind, area_type=AreaType.BOROUGH, area_code="E06000004", period="2023/24",
                          year=2023, **fields)


def test_wilson_interval_for_a_percentage(db):
    ind = make_indicator()
    row = _row(ind, numerator=2000, denominator=10000)
    compute.compute_intervals(ind, [row])
    # By hand: (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)), z = 1.959964
    assert row.value == pytest.approx(20.0)
    assert row.lower == pytest.approx(19.2276, abs=1e-3)
    assert row.upper == pytest.approx(20.7954, abs=1e-3)
    assert row.ci_method == "Wilson score"
    est = stats.proportion(2000, 10000, multiplier=100)
    assert (row.lower, row.upper) == pytest.approx((est.lower, est.upper))


def test_byars_and_exact_poisson_for_rates(db):
    ind = make_indicator(code="rate", measure=Measure.RATE, multiplier=100_000)
    big, small = _row(ind, numerator=100, denominator=100_000), _row(ind, numerator=4, denominator=100_000)
    small.area_code = "x"
    compute.compute_intervals(ind, [big, small])
    assert big.value == pytest.approx(100.0)
    assert (big.lower, big.upper) == pytest.approx((81.36, 121.63), abs=0.01)  # Byar's, by hand
    assert big.ci_method == "Byar's"
    assert small.ci_method == "Exact Poisson"
    est = stats.crude_rate(4, 100_000, multiplier=100_000)
    assert (small.lower, small.upper) == pytest.approx((est.lower, est.upper))
    assert small.lower == pytest.approx(1.0899, abs=1e-3)  # chi2(0.025, 8) / 2


def test_dsr_with_only_a_count_uses_the_single_stratum_dobson_form(db):
    ind = make_indicator(code="dsr", measure=Measure.DSR, multiplier=100_000)
    row = _row(ind, numerator=100, value=250.0)
    compute.compute_intervals(ind, [row])
    assert row.lower == pytest.approx(250 * stats.byars_lower(100) / 100)
    assert row.upper == pytest.approx(250 * stats.byars_upper(100) / 100)
    supplied = _row(ind, numerator=100, value=250.0, lower=200.0, upper=300.0)
    compute.compute_intervals(ind, [supplied])
    assert (supplied.lower, supplied.upper) == (200.0, 300.0)


def test_mean_uses_students_t(db):
    ind = make_indicator(code="mean", measure=Measure.MEAN, multiplier=1)
    row = _row(ind, value=7.0, sd=2.0, denominator=25)
    compute.compute_intervals(ind, [row])
    half = 2.063899 * 2.0 / 5  # t(0.975, 24) sd / sqrt(n)
    assert (row.lower, row.upper) == pytest.approx((7 - half, 7 + half), abs=1e-4)


def test_comparison_with_polarity():
    # Borough 20% (19.2 to 20.8) against England 14%: higher, so worse when low is good, better when high is good.
    lo, up = 19.2276, 20.7954
    assert compute.compare([20.0], [lo], [up], [14.0], "low_is_good")[0].label == "Worse"
    assert compute.compare([20.0], [lo], [up], [14.0], "high_is_good")[0].label == "Better"
    assert compute.compare([20.0], [lo], [up], [20.5], "low_is_good")[0].label == "Similar"
    assert compute.compare([20.0], [lo], [up], [14.0], "neutral")[0].label == "Higher"
    assert compute.compare([20.0], [lo], [up], [None], "low_is_good")[0].label == "Not compared"
    raw = stats.compare_ci_overlap(20.0, lo, up, 14.0, "low_is_good")
    assert str(raw) == compute.compare([20.0], [lo], [up], [14.0], "low_is_good")[0].raw


def test_trend_and_spc_for_the_small_indicator(small_indicator):
    series = list(IndicatorValue.objects.filter(indicator=small_indicator, area_type=AreaType.BOROUGH))
    t = compute.trend(series, small_indicator)
    assert t.marker == "Decreasing" and t.meaning == "improving"  # falling smoking is good
    s = compute.spc(series, small_indicator)
    expected = stats.xmr([v.value for v in sorted(series, key=lambda v: v.year)], improvement_direction="decrease")
    assert s.mean == pytest.approx(expected.mean[-1])
    assert s.upl == pytest.approx(expected.mean[-1] + 2.66 * expected.mean_moving_range[-1])
    assert s.variation == expected.variation[-1]


def test_sii_matches_communities_stats(small_indicator):
    rows = list(IndicatorValue.objects.filter(indicator=small_indicator, area_type=AreaType.IMD_DECILE,
                                              period="2023/24").order_by("area_code"))
    rows.sort(key=lambda r: int(r.area_code))
    pops = [1500, 1500, 1500]
    result = compute.inequality(rows, pops, small_indicator)
    direct = stats.sii([r.value / 100 for r in rows], pops, lower=[r.lower / 100 for r in rows],
                       upper=[r.upper / 100 for r in rows], value_type=2, multiplier=100,
                       repetitions=compute.SII_REPETITIONS, rng=compute.SII_SEED)
    assert result.sii == pytest.approx(direct.sii)
    assert result.sii_lower == pytest.approx(float(direct.sii_lower[0]))
    # Equal populations: mid-points 1/6, 1/2, 5/6; 26.7%, 16.7%, 8.0% -> slope (8.0 - 26.7) / (2/3) = -28
    assert result.sii == pytest.approx((8.0 - 26.6667) / (2 / 3), abs=0.01)
    assert result.sii_lower < result.sii < result.sii_upper
    assert not math.isnan(result.rii)
