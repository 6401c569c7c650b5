"""Hand-made cases, input validation and hypothesis properties for communities.stats."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import t as student_t

from communities.stats import (
    assign_quantiles,
    byars_lower,
    byars_upper,
    compare_ci_overlap,
    crude_rate,
    dsr,
    exact_poisson_lower,
    exact_poisson_upper,
    isr,
    life_expectancy,
    mean_interval,
    proportion,
    rag,
    recent_trend,
    recent_trend_table,
    sii,
    wilson_interval,
    xmr,
)

CONF = st.sampled_from([0.9, 0.95, 0.99, 0.998, 95, 99.8])


# --- Wilson ---------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 10**7), frac=st.floats(0, 1), conf=CONF)
def test_wilson_contains_p_and_is_in_unit_interval(n: int, frac: float, conf: float) -> None:
    x = math.floor(frac * n)
    lo, up = wilson_interval(x, n, conf)
    p = x / n
    assert 0 <= lo <= p + 1e-12 and p - 1e-12 <= up <= 1


@settings(max_examples=100, deadline=None)
@given(n=st.integers(2, 10**6), frac=st.floats(0, 1))
def test_wilson_wider_at_higher_confidence_and_monotone_in_x(n: int, frac: float) -> None:
    x = math.floor(frac * (n - 1))
    lo95, up95 = wilson_interval(x, n, 0.95)
    lo99, up99 = wilson_interval(x, n, 0.998)
    assert lo99 <= lo95 and up99 >= up95
    lo_next, up_next = wilson_interval(x + 1, n, 0.95)
    assert lo_next > lo95 and up_next > up95


def test_wilson_hand_case() -> None:
    # 0 of 10 at 95%: upper = z^2 / (n + z^2)
    z = 1.959963984540054
    lo, up = wilson_interval(0, 10)
    assert lo == 0 and up == pytest.approx(z * z / (10 + z * z), rel=1e-12)


@pytest.mark.parametrize(
    ("x", "n", "match"),
    [
        (-1, 10, "numerators must be greater than or equal to zero"),
        (1, 0, "denominators must be greater than zero"),
        (11, 10, "less than or equal to denominator"),
    ],
)
def test_proportion_rejects_bad_input(x: float, n: float, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        proportion(x, n)


@pytest.mark.parametrize("conf", [0.5, 150, 0])
def test_bad_confidence(conf: float) -> None:
    with pytest.raises(ValueError, match="confidence level"):
        proportion(1, 10, conf)


# --- Poisson ----------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(o=st.integers(0, 10**6), conf=CONF)
def test_exact_poisson_contains_count(o: int, conf: float) -> None:
    assert exact_poisson_lower(o, conf) <= o <= exact_poisson_upper(o, conf)


@settings(max_examples=100, deadline=None)
@given(o=st.integers(50, 10**6))
def test_byars_close_to_exact_for_large_counts(o: int) -> None:
    assert byars_lower(o) == pytest.approx(exact_poisson_lower(o), rel=2e-3)
    assert byars_upper(o) == pytest.approx(exact_poisson_upper(o), rel=2e-3)


def test_exact_poisson_hand_cases() -> None:
    # O = 0: upper = -ln(0.025); O = 1 lower = -ln(0.975)
    assert exact_poisson_upper(0) == pytest.approx(-math.log(0.025), rel=1e-12)
    assert exact_poisson_lower(1) == pytest.approx(-math.log(0.975), rel=1e-12)
    assert exact_poisson_lower(0) == 0


def test_crude_rate_switch_and_errors() -> None:
    est = crude_rate([9, 10], [1000, 1000])
    assert est.method.tolist() == ["Exact", "Byars"]
    with pytest.raises(ValueError, match="numerators"):
        crude_rate(-1, 100)
    with pytest.raises(ValueError, match="denominators"):
        crude_rate(1, 0)


# --- means ------------------------------------------------------------------------------------------------
def test_mean_hand_case_and_grouped_padding() -> None:
    est = mean_interval([[1.0, 2.0, 3.0], [4.0, 6.0, np.nan]])
    assert est.value.tolist() == [2.0, 5.0]
    # sd([1,2,3]) = 1
    assert est.upper[0] == pytest.approx(2 + student_t.ppf(0.975, 2) / math.sqrt(3), rel=1e-12)
    assert est.count.tolist() == [3.0, 2.0]


# --- DSR / ISR --------------------------------------------------------------------------------------------
def test_dsr_equals_crude_rate_when_population_matches_standard() -> None:
    w = np.array([1000.0, 2000.0, 3000.0])
    counts = np.array([10.0, 20.0, 30.0])
    est = dsr(counts, w, w)  # population proportional to the standard -> DSR = crude rate
    assert est.value == pytest.approx(60 / 6000 * 100_000, rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(scale=st.floats(0.1, 10), seed=st.integers(0, 1000))
def test_dsr_scales_with_counts(scale: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    counts = rng.integers(5, 200, size=19).astype(float)
    pops = rng.integers(1000, 10000, size=19).astype(float)
    a, b = dsr(counts, pops), dsr(counts * scale, pops)
    assert b.value == pytest.approx(a.value * scale, rel=1e-9)
    assert a.lower <= a.value <= a.upper


def test_dsr_band_mismatch() -> None:
    with pytest.raises(ValueError, match="age bands"):
        dsr([1.0, 2.0], [10.0, 10.0])


def test_isr_of_reference_population_is_one() -> None:
    ref_c, ref_p = np.array([10.0, 50.0, 200.0]), np.array([10000.0, 8000.0, 3000.0])
    est = isr(ref_c, ref_p, ref_c, ref_p)
    assert est.value == pytest.approx(1.0, rel=1e-12)
    with pytest.raises(ValueError, match="reference populations"):
        isr(ref_c, ref_p, ref_c, np.array([1.0, 0.0, 1.0]))


# --- quantiles ---------------------------------------------------------------------------------------
@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.floats(-1e6, 1e6), min_size=10, max_size=300), q=st.sampled_from([4, 5, 7, 10]))
def test_quantiles_in_range_and_monotone(values: list[float], q: int) -> None:
    v = np.array(values)
    out = assign_quantiles(v, q, invert=False)
    assert np.all((out >= 1) & (out <= q))
    order = np.argsort(v, kind="stable")
    assert np.all(np.diff(out[order]) >= 0)  # higher value never gets a lower quantile
    inv = assign_quantiles(v, q, invert=True)
    assert np.all(np.diff(inv[order]) <= 0)


def test_quantiles_equal_groups() -> None:
    out = assign_quantiles(np.arange(100.0), 10, invert=False)
    assert np.bincount(out.astype(int))[1:].tolist() == [10] * 10


# --- SII ---------------------------------------------------------------------------------------------
def test_sii_exact_line() -> None:
    # values exactly linear in the population mid-points -> SII = slope, RII = (b0+b1)/b0
    pops = np.full(10, 1000.0)
    x = (np.arange(10) + 0.5) / 10
    y = 70 + 10 * x
    res = sii(y, pops, se=np.full(10, 0.1), repetitions=2000, rng=1)
    assert res.sii == pytest.approx(10, rel=1e-12)
    assert res.rii == pytest.approx(80 / 70, rel=1e-12)
    assert res.sii_lower[0] < 10 < res.sii_upper[0]


def test_sii_vectorised_many_areas_seeded() -> None:
    rng = np.random.default_rng(3)
    vals = 70 + rng.normal(0, 1, size=(50, 10)).cumsum(axis=1)
    pops = rng.integers(1000, 5000, size=(50, 10)).astype(float)
    a = sii(vals, pops, se=np.full((50, 10), 0.3), repetitions=1000, rng=7)
    b = sii(vals, pops, se=np.full((50, 10), 0.3), repetitions=1000, rng=7)
    assert a.sii.shape == (50,) and a.sii_lower.shape == (1, 50)
    np.testing.assert_array_equal(a.sii_upper, b.sii_upper)
    assert np.all(a.sii_lower[0] <= a.sii_upper[0])


# --- life expectancy ---------------------------------------------------------------------------------
def test_life_expectancy_constant_hazard_and_strict() -> None:
    pops = np.full(20, 1_000_000.0)
    deaths = pops * 0.01
    res = life_expectancy(deaths, pops)
    # with a constant rate M the Chiang table gives e = 1 / M = 100 years at every age
    np.testing.assert_allclose(res.value, 100.0, rtol=1e-9)
    assert np.all(res.lower < res.value) and np.all(res.upper > res.value)
    with pytest.raises(ValueError, match="negative deaths"):
        life_expectancy(np.r_[-1.0, deaths[1:]], pops, strict=True)


# --- comparison / trend / SPC --------------------------------------------------------------------------
def test_neutral_polarity_and_rag() -> None:
    got = compare_ci_overlap([5.0, 1.0, 3.0], [4.0, 0.5, 2.0], [6.0, 1.5, 4.0], 3.0, "neutral")
    assert got.tolist() == ["Higher", "Lower", "Same"]
    assert rag(["Better", "Same", "Worse", "None"]).tolist() == ["green", "amber", "red", "grey"]
    with pytest.raises(ValueError, match="unknown polarity"):
        compare_ci_overlap(1.0, 0.0, 2.0, 1.0, "sideways")


def test_recent_trend_needs_five_points() -> None:
    res = recent_trend([2019, 2020, 2021, 2022], [1.0, 2, 3, 4], [0.5, 1.5, 2.5, 3.5], [1.5, 2.5, 3.5, 4.5])
    assert res.marker == "CannotBeCalculated"
    res = recent_trend(
        [2018, 2019, 2020, 2021, 2022],
        [1.0, 2, 3, 4, 5],
        [0.9, 1.9, 2.9, 3.9, 4.9],
        [1.1, 2.1, 3.1, 4.1, 5.1],
    )
    assert res.marker == "Increasing" and res.significant
    res = recent_trend(
        [2018, 2019, 2020, 2021, 2022],
        [5.0, 4, 3, 2, 1],
        [4.9, 3.9, 2.9, 1.9, 0.9],
        [5.1, 4.1, 3.1, 2.1, 1.1],
        year_range=3,
    )
    assert res.marker == "CannotBeCalculated"


def test_xmr_run_trend_and_configurable_run_length() -> None:
    base = [6.0, 5, 6, 5, 6, 5, 6, 5, 6, 5]
    run = [6.2, 6.1, 6.3, 6.2, 6.1, 6.2]  # 6 points above the mean (shift shorter than 7)
    res7 = xmr(base + run, improvement_direction="increase")
    res6 = xmr(base + run, improvement_direction="increase", run_length=6)
    assert not np.any(np.char.startswith(res7.special_cause_type, "7 Points"))
    assert np.sum(res6.point_type == "special_cause_improvement") >= 6
    trend = xmr([1.0, 2, 3, 4, 5, 6, 7], improvement_direction="decrease")
    # 1 and 7 fall outside the limits (1 below = improvement for "decrease", 7 above = concern);
    # the points between are labelled by the rising trend -> concern
    assert trend.special_cause_type.tolist() == ["Below LCL"] + ["7 Point Trend (Increasing)"] * 5 + ["Above UCL"]
    assert trend.point_type.tolist() == ["special_cause_improvement"] + ["special_cause_concern"] * 6
    assert trend.variation == ["special_cause_concern_high"]


def test_xmr_fix_after_n_points_and_rebase() -> None:
    y = [10.0, 11, 9, 10, 11, 9, 10, 11, 9, 10, 30, 31, 29, 30]
    fixed = xmr(y, fix_after_n_points=10)
    assert fixed.mean[-1] == pytest.approx(10.0)
    assert fixed.outside_limits[10:].all()
    rebased = xmr(y, rebase=[10])
    assert rebased.mean[-1] == pytest.approx(30.0) and not rebased.outside_limits.any()
    with pytest.raises(ValueError, match="missing"):
        xmr([1.0, np.nan, 2.0])


def _trend_reference(v: list[float], lo: list[float], up: list[float]) -> tuple[str, float]:
    """Independent plain-Python reading of the Fingertips rule (CI-weighted method)."""
    pts: list[tuple[float, float, float]] = []
    for val, lw, hi in zip(v[::-1], lo[::-1], up[::-1], strict=True):  # latest first
        if math.isnan(val):
            break
        if not (math.isnan(lw) or math.isnan(hi)):
            pts.append((val, lw, hi))
        if len(pts) == 5:
            break
    if len(pts) < 5:
        return "CannotBeCalculated", 0.0
    pts = pts[::-1]

    def fit(idx: list[int]) -> tuple[float, float]:
        w = [1 / ((pts[i][2] - pts[i][1]) / 3.92) ** 2 for i in idx]
        t = [i + 1.0 for i in idx]
        y = [pts[i][0] for i in idx]
        sw, swt = sum(w), sum(a * b for a, b in zip(w, t, strict=True))
        swy = sum(a * b for a, b in zip(w, y, strict=True))
        swt2 = sum(a * b * b for a, b in zip(w, t, strict=True))
        swty = sum(a * b * c for a, b, c in zip(w, t, y, strict=True))
        den = sw * swt2 - swt**2
        return (sw * swty - swt * swy) / den, math.sqrt(sw / den)

    b, se = fit(list(range(5)))
    chi = (b / se) ** 2
    loo = [fit([i for i in range(5) if i != k])[0] for k in range(5)]
    same = len({s >= 0 for s in [b, *loo]}) == 1
    if chi > 9.549536 and same:
        return ("Increasing" if b > 0 else "Decreasing"), chi
    return "NoChange", chi


def test_recent_trend_table_matches_reference_loop() -> None:
    rng = np.random.default_rng(11)
    n_series, years = 300, 8
    drift = np.linspace(0, 3, years) * rng.choice([-1, 1, 0], (n_series, 1))
    v = 20 + rng.normal(0, 1, (n_series, years)).cumsum(axis=1) + drift
    half = rng.uniform(0.3, 2.0, (n_series, years))
    lo, up = v - half, v + half
    v[rng.random((n_series, years)) < 0.05] = np.nan  # missing values stop the backwards walk
    lo[rng.random((n_series, years)) < 0.05] = np.nan  # missing limits are skipped
    table = recent_trend_table(v, lo, up)
    yrs = np.arange(2015, 2015 + years)
    for i in range(n_series):
        marker, chi = _trend_reference(v[i].tolist(), lo[i].tolist(), up[i].tolist())
        assert table.marker[i] == marker
        assert table.chi_square[i] == pytest.approx(chi, rel=1e-9)
        one = recent_trend(yrs[::-1], v[i, ::-1], lo[i, ::-1], up[i, ::-1])  # unsorted years are fine
        assert one.marker == marker
    assert {"Increasing", "Decreasing", "NoChange", "CannotBeCalculated"} <= set(table.marker.tolist())
