"""Reference tests: XmR / Making Data Count against NHSRplotthedots and nhspy-plotthedots cases (MIT)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from communities.stats import (
    assurance,
    part_of_run,
    run_one_side,
    special_cause_label,
    trend_points,
    two_in_three_flagged,
    two_in_three_window,
    xmr,
    xmr_table,
)

from ._ref import num, rows


def _vec(s: str) -> list[float]:
    return [float(x) for x in s.split(";")] if s else []


def _sig_close(actual: float, expected: float, sig: int) -> bool:
    """True if ``actual`` agrees with ``expected`` printed to ``sig`` significant digits."""
    if expected == 0:
        return abs(actual) < 10 ** (-sig)
    exp10 = math.floor(math.log10(abs(expected)))
    return abs(actual - expected) <= 0.5 * 10 ** (exp10 - sig + 1) * (1 + 1e-9)


RNORM = rows("spc/xmr_rnorm20_input.csv")
Y = [num(r["y"]) for r in RNORM]
SUMMARY = rows("spc/xmr_rnorm20_expected_summary.csv")


@pytest.mark.parametrize("row", SUMMARY, ids=[f"{r['scenario']}-{r['group']}" for r in SUMMARY])
def test_rnorm20_summary(row: dict[str, str]) -> None:
    y = list(Y)
    scen = row["scenario"]
    kwargs: dict[str, object] = {}
    if scen.startswith(("r2", "r3")):
        y[14] = 10.0  # point 15 replaced by 10
        kwargs["screen_outliers"] = scen.startswith("r2")
    if scen == "s3_facet":
        facet = row["group"]
        y = [v for v, r in zip(y, RNORM, strict=True) if r["facet"] == facet]
    res = xmr(y, **kwargs)  # type: ignore[arg-type]
    # s2: a rebase date before the first point has no effect (negative / zero position ignored)
    if scen == "s2_rebase_before_start":
        res = xmr(y, rebase=[0])
    seg = res.summary[0]
    assert len(res.summary) == 1
    sig = 7 if scen.startswith("r") else 3
    for key in ("mean", "lpl", "upl"):
        assert _sig_close(seg[key], num(row[key]), sig), (key, seg[key], row[key])
    assert seg["n"] == int(row["n"])
    if row["common_cause_points"]:
        assert seg["common_cause_points"] == int(row["common_cause_points"])
        assert seg["special_cause_improvement_points"] == int(row["special_cause_improvement_points"])


def test_rnorm20_facet_equals_rebase() -> None:
    # README: the facet summary is also what a rebase at 2020-01-12 (position 10) gives.
    res = xmr(Y, rebase=[10])
    for facet, seg in zip(("0", "1"), res.summary, strict=True):
        ref = xmr([v for v, r in zip(Y, RNORM, strict=True) if r["facet"] == facet]).summary[0]
        assert seg["mean"] == pytest.approx(ref["mean"], rel=1e-12)
        assert seg["upl"] == pytest.approx(ref["upl"], rel=1e-12)
    assert res.trial_limits.all()  # 10 < 13 points per segment


POINTS_R1 = rows("spc/xmr_rnorm20_expected_points_r1.csv")
RES_R1 = xmr(Y)


@pytest.mark.parametrize("i", range(len(POINTS_R1)), ids=[r["x"] for r in POINTS_R1])
def test_rnorm20_points(i: int) -> None:
    r = POINTS_R1[i]
    assert RES_R1.y[i] == num(r["y"])
    if r["relative_to_mean_snapshot_prefix"]:
        assert RES_R1.relative_to_mean[i] == int(r["relative_to_mean_snapshot_prefix"])
    assert bool(RES_R1.outside_limits[i]) == (r["outside_limits"] == "TRUE")
    assert RES_R1.point_type[i] == r["point_type"]


LIMITS = rows("spc/xmr_limits_cases.csv")


@pytest.mark.parametrize("row", LIMITS, ids=[r["case"] for r in LIMITS])
@pytest.mark.parametrize("screen", [True, False])
def test_limits_cases(row: dict[str, str], screen: bool) -> None:
    res = xmr(_vec(row["values"]), screen_outliers=screen)
    if row["case"] == "mdc_tool_demo":  # approximate: mean to 2 dp, limits to whole numbers
        assert abs(res.mean[0] - num(row["mean"])) <= 0.005
        assert abs(res.lpl[0] - num(row["lpl"])) <= 0.5
        assert abs(res.upl[0] - num(row["upl"])) <= 0.5
        assert np.flatnonzero(res.outside_limits).tolist() == [11]  # point 12 (value 54)
        return
    for attr, col in (
        ("mean", "mean"),
        ("lpl", "lpl"),
        ("upl", "upl"),
        ("near_lpl", "near_lpl_2sigma"),
        ("near_upl", "near_upl_2sigma"),
    ):
        got = float(getattr(res, attr)[0])
        assert got == pytest.approx(num(row[col]), rel=1e-6, abs=1e-12), attr


SCREEN_IN = rows("spc/xmr_outlier_screening_example_input.csv")
SCREEN_EXP = rows("spc/xmr_outlier_screening_example_expected.csv")


@pytest.mark.parametrize("row", SCREEN_EXP, ids=[r["scenario"] for r in SCREEN_EXP])
def test_outlier_screening_example(row: dict[str, str]) -> None:
    res = xmr([num(r["data"]) for r in SCREEN_IN], screen_outliers=row["screen_outliers"] == "TRUE")
    for attr in ("mean", "upl", "lpl"):
        assert round(float(getattr(res, attr)[0]), 2) == pytest.approx(num(row[attr]), abs=1e-9), attr
    assert res.point_type.tolist() == [r["expected_point_type_both_settings"] for r in SCREEN_IN]
    assert res.special_cause_type.tolist() == [r["expected_special_cause_type"] for r in SCREEN_IN]
    # vignette caption says 12 trailing common-cause points; there are 13 (documented in README)
    assert int(np.sum(res.point_type[5:] == "common_cause")) == 13


def test_two_in_three_opposite_sides() -> None:
    rs = rows("spc/two_in_three_opposite_sides_example.csv")
    res = xmr([num(r["data"]) for r in rs])
    assert res.close_to_limits[-2:].all()  # both near a limit ...
    for i, r in enumerate(rs):
        if r["expected_point_type"]:
            assert res.point_type[i] == r["expected_point_type"]  # ... but on opposite sides


RULES = [r for r in rows("spc/rule_unit_cases.csv") if r["input"]]


@pytest.mark.parametrize("row", RULES, ids=[f"{i}-{r['rule']}" for i, r in enumerate(RULES)])
def test_rule_unit_cases(row: dict[str, str]) -> None:
    x = [int(v) for v in _vec(row["input"])]
    s = [int(v) for v in _vec(row["input2_relative_to_mean"])]
    rule = row["rule"]
    if rule == "seven_point_one_side_mean":
        got = run_one_side(x)
    elif rule == "part_of_seven":
        got = part_of_run(x)
    elif rule == "seven_point_trend":
        got = trend_points(_vec(row["input"]))
    elif rule == "two_in_three_window":
        got = two_in_three_window(x, s)
    else:
        got = two_in_three_flagged(x, s)
    assert got.tolist() == [int(v) for v in _vec(row["expected"])]


def test_special_cause_precedence() -> None:
    rs = rows("spc/special_cause_precedence_case.csv")
    col = {k: [int(r[k]) for r in rs] for k in rs[0] if k not in ("expected_special_cause_type",)}
    got = special_cause_label(
        col["y"],
        col["relative_to_mean"],
        col["part_of_trend_flag"],
        col["part_of_run_flag"],
        col["part_of_two_in_three_flag"],
        col["outside_limits_flag"],
    )
    assert got.tolist() == [r["expected_special_cause_type"] for r in rs]


ASSUR = rows("spc/assurance_cases.csv")


@pytest.mark.parametrize("row", ASSUR, ids=[f"{r['improvement_direction']}-{r['facet']}" for r in ASSUR])
def test_assurance(row: dict[str, str]) -> None:
    target = num(row["target"])
    got = assurance(
        num(row["lpl"]), num(row["upl"]), None if math.isnan(target) else target, row["improvement_direction"]
    )  # type: ignore[arg-type]
    assert (got or "") == row["expected_assurance_type"]


def test_rnorm20_facets_as_one_table() -> None:
    # the two facets as a (2, 10) array in one vectorised call
    table = xmr_table(np.array(Y).reshape(2, 10))
    for k, row in enumerate(r for r in SUMMARY if r["scenario"] == "s3_facet"):
        for key in ("mean", "lpl", "upl"):
            assert _sig_close(float(getattr(table, key)[k]), num(row[key]), 3), key
        assert int(np.sum(table.point_type[k] == "common_cause")) == int(row["common_cause_points"])
    assert table.trial_limits.all()


@pytest.mark.parametrize("direction", ["increase", "decrease", "neutral"])
def test_xmr_table_matches_single_series(direction: str) -> None:
    rng = np.random.default_rng(4)
    n_series, length = 60, 24
    y = rng.normal(0, 1, (n_series, length))
    y[::3, 12:] += rng.uniform(1, 4, (20, 1))  # shifts -> runs and points outside the limits
    y[1::3] += np.linspace(0, 3, length) * rng.choice([-1, 1], (20, 1))  # drifts -> trends
    targets = rng.normal(0, 2, n_series)
    table = xmr_table(y, direction, targets=targets)  # type: ignore[arg-type]
    n_special = 0
    for i in range(n_series):
        one = xmr(y[i], direction, target=float(targets[i]))  # type: ignore[arg-type]
        assert table.special_cause_type[i].tolist() == one.special_cause_type.tolist()
        assert table.point_type[i].tolist() == one.point_type.tolist()
        assert table.variation[i] == one.variation[0]
        assert table.assurance[i] == one.assurance
        assert table.upl[i] == pytest.approx(one.upl[0], rel=1e-12)
        n_special += int(np.sum(one.point_type != "common_cause"))
    assert n_special > 50  # the generated series do exercise the special-cause rules
