"""Reference tests: funnel-plot limits and significance (PHEindicatormethods funnel test data).

Tolerances: proportion lines are stored rounded to 6 decimals (we require agreement to that
rounding). The ratio and rate lines were produced by the reference tool's iterative (bisection)
Poisson search; we compute the exact chi-square root. Every cell is compared at 1e-6 relative;
the few cells where the reference's bisection was looser (56 of 840 ratio cells, 4 of 630 in the
crude_lt10 rate file, all at small event counts) must agree to 1e-4 and the reference's expected
count must be a Poisson-tail root to 1e-6 in probability (ours to 1e-12). Grids, baselines and
labels are exact.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import poisson

from communities.stats import (
    funnel_axis,
    proportion_funnel,
    proportion_funnel_significance,
    rate_funnel,
    rate_funnel_significance,
    ratio_funnel,
    ratio_funnel_significance,
)

from ._ref import num, rows

ITERATIVE_REL_TOL = 1e-4
REL_TOL = 1e-6
YEARS = 3
ROUNDED_6DP_ABS_TOL = 5e-7 + 1e-12

PROP_IN = rows("phe/funnel_prop_inputs.csv")
PX = np.array([num(r["numerator"]) for r in PROP_IN])
PN = np.array([num(r["denominator"]) for r in PROP_IN])
PROP_LINES = proportion_funnel(PX, PN)
SMALL = PN < 31000
PROP_LINES_SMALL = proportion_funnel(PX[SMALL], PN[SMALL])
PROP_COLS = ["Lower2s0025limit", "Upper2s0025limit", "Lower3s0001limit", "Upper3s0001limit", "Baseline"]


def _row_index(grid: np.ndarray, x: float) -> int:
    hits = np.flatnonzero(grid == x)
    assert hits.size == 1, f"grid value {x} not on our axis"
    return int(hits[0])


PROP_LINE_ROWS = [
    (table, r)
    for table in ("phe/funnel_prop_outputs.csv", "phe/funnel_prop_outputs_axis_variation.csv")
    for r in rows(table)
]


@pytest.mark.parametrize(
    ("table", "row"),
    PROP_LINE_ROWS,
    ids=[f"{t.split('/')[-1].removesuffix('.csv')}-{r['Population']}" for t, r in PROP_LINE_ROWS],
)
def test_proportion_funnel_lines(table: str, row: dict[str, str]) -> None:
    lines = PROP_LINES if table.endswith("outputs.csv") else PROP_LINES_SMALL
    i = _row_index(lines["Population"], num(row["Population"]))
    for c in PROP_COLS:
        expected = num(row[c])
        # funnel_prop_outputs.csv is rounded to 6 dp; the axis-variation file keeps full precision
        tol = ROUNDED_6DP_ABS_TOL if table.endswith("outputs.csv") else 1e-6 * abs(expected)
        assert abs(lines[c][i] - expected) <= tol, (c, lines[c][i], expected)


@pytest.mark.parametrize("i", range(len(PROP_IN)), ids=[r["Area"] for r in PROP_IN])
def test_proportion_funnel_significance(i: int) -> None:
    assert PROP_SIG[i] == PROP_IN[i]["significance"]


PROP_SIG = proportion_funnel_significance(PX, PN)

RATIO_IN = rows("phe/funnel_ratio_inputs.csv")
RO = np.array([num(r["obs"]) for r in RATIO_IN])
RE = np.array([num(r["expected"]) for r in RATIO_IN])
RATIO_SIG = ratio_funnel_significance(RO, RE)
RATIO_LINES = ratio_funnel(RO, RE)
RATIO_OUT = rows("phe/funnel_ratio_outputs.csv")


@pytest.mark.parametrize(
    "i", range(len(RATIO_IN)), ids=[f"{i}-{r['obs']}-{r['expected']}" for i, r in enumerate(RATIO_IN)]
)
def test_ratio_funnel_significance(i: int) -> None:
    assert RATIO_SIG[i] == RATIO_IN[i]["significance"]


LINE_TAILS = {
    "lower_2s": ("cdf", 0.025),
    "upper_2s": ("sf", 0.025),
    "lower_3s": ("cdf", 0.001),
    "upper_3s": ("sf", 0.001),
}


def _tail_error(observed: float, expected_events: float, line: str) -> float:
    """How far ``expected_events`` is from the exact root: P(X <= O) = alpha for a lower line,
    P(X >= O) = alpha for an upper line, X ~ Poisson(expected_events)."""
    tail, alpha = LINE_TAILS[line]
    p = poisson.cdf(observed, expected_events) if tail == "cdf" else poisson.sf(observed - 1, expected_events)
    return abs(float(p) - alpha)


def _check_iterative_cell(ours: float, ref: float, events: float, ref_exp_events: float, line: str, what: str) -> None:
    """Every cell must agree to 1e-6 relative, except cells where the reference's bisection was
    looser: those must agree to 1e-4 and the reference's expected count must be an approximate root
    (Poisson tail error < 1e-6 in probability) while ours is exact (< 1e-12)."""
    if ours == pytest.approx(ref, rel=REL_TOL):
        return
    assert ours == pytest.approx(ref, rel=ITERATIVE_REL_TOL), what
    assert _tail_error(events, ref_exp_events, line) < 1e-6, f"{what}: reference is not a bisection root"


@pytest.mark.parametrize("row", RATIO_OUT, ids=[r["Observed_events"] for r in RATIO_OUT])
def test_ratio_funnel_lines(row: dict[str, str]) -> None:
    o = num(row["Observed_events"])
    i = _row_index(RATIO_LINES["Observed_events"], o)
    for line in LINE_TAILS:
        ref_exp = num(row[f"{line}_exp_events"])
        assert _tail_error(o, RATIO_LINES[f"{line}_exp_events"][i], line) < 1e-12  # ours: exact root
        for col in (f"{line}_exp_events", f"{line}_count", f"{line}_isr"):
            _check_iterative_cell(float(RATIO_LINES[col][i]), num(row[col]), o, ref_exp, line, col)


RATE_IN = rows("phe/funnel_rate_inputs.csv")
EV = np.array([num(r["ev"]) for r in RATE_IN])
RATE = np.array([num(r["rate"]) for r in RATE_IN])
K = int(np.argmax(EV))


def _rate_case(case: str) -> dict[str, np.ndarray]:
    if case == "dsr":
        return rate_funnel(EV, RATE, "dsr", years_of_data=3)
    if case == "crude_lt10":  # largest ev replaced by 5, rate unchanged
        ev = EV.copy()
        ev[K] = 5
        return rate_funnel(ev, RATE, "crude", years_of_data=3)
    # crude_zero_with_denominator: largest ev and its rate set to 0, pop = 1e5 ev / rate passed as
    # denominator, only rows with pop > max(pop) / 2 kept
    pop = 100_000 * EV / RATE
    ev, rate = EV.copy(), RATE.copy()
    ev[K], rate[K] = 0, 0
    keep = pop > pop.max() / 2
    return rate_funnel(ev[keep], rate[keep], "crude", years_of_data=3, denominators=pop[keep])


RATE_CASES = {c: _rate_case(c) for c in ("dsr", "crude_lt10", "crude_zero_with_denominator")}
RATE_ROWS = [(c, r) for c in RATE_CASES for r in rows(f"phe/funnel_rate_outputs_{c}.csv")]


@pytest.mark.parametrize(("case", "row"), RATE_ROWS, ids=[f"{c}-{r['Events']}" for c, r in RATE_ROWS])
def test_rate_funnel_lines(case: str, row: dict[str, str]) -> None:
    lines = RATE_CASES[case]
    ev = num(row["Events"])
    i = _row_index(lines["Events"], ev)
    assert lines["baseline"][i] == pytest.approx(num(row["baseline"]), rel=REL_TOL)
    b_ref = num(row["baseline"]) / 100_000
    for line in LINE_TAILS:
        ref_exp = num(row[f"{line}_population_1_year"]) * YEARS * b_ref
        for col in (f"{line}_population_1_year", f"{line}_limit"):
            _check_iterative_cell(float(lines[col][i]), num(row[col]), ev, ref_exp, line, col)
    assert row["method"] == "Poisson"


SIG_IN = rows("phe/funnel_rate_significance_inputs.csv")
SIG_COUNT = np.array([num(r["count"]) for r in SIG_IN])
SIG_POP = np.array([num(r["pop"]) for r in SIG_IN])
RATE_COLS = {
    "dsr_per_100000": ("dsr", np.array([num(r["rate_dsr"]) for r in SIG_IN]), 100_000.0),
    "dsr_per_100": ("dsr", np.array([num(r["rate_dsr"]) for r in SIG_IN]) / 1000, 100.0),
    "crude_per_100000": ("crude", np.array([num(r["rate_crude_per_100000"]) for r in SIG_IN]), 100_000.0),
    "crude_per_100": ("crude", np.array([num(r["rate_crude_per_100"]) for r in SIG_IN]), 100.0),
}


def _rate_sig(col: str, with_zero: bool) -> np.ndarray:
    rt, rate, mult = RATE_COLS[col]
    keep = np.ones(SIG_COUNT.size, bool) if with_zero else SIG_COUNT > 0
    out = np.full(SIG_COUNT.size, "", dtype=object)
    out[keep] = rate_funnel_significance(SIG_COUNT[keep], rate[keep], rt, mult, denominators=SIG_POP[keep])  # type: ignore[arg-type]
    return out


RATE_SIG = {(c, w): _rate_sig(c, w) for c in RATE_COLS for w in (True, False)}
# Rows with zero events are not in the "without_0" data set, so their label there is not an output.
SIG_CELLS = [(i, c, w) for i in range(len(SIG_IN)) for c in RATE_COLS for w in (True, False) if w or SIG_COUNT[i] > 0]


@pytest.mark.parametrize(
    ("i", "col", "with_zero"),
    SIG_CELLS,
    ids=[f"{i}-{c}-{'with' if w else 'without'}_0" for i, c, w in SIG_CELLS],
)
def test_rate_funnel_significance(i: int, col: str, with_zero: bool) -> None:
    expected = SIG_IN[i][f"{col}_{'with' if with_zero else 'without'}_0"]
    assert RATE_SIG[(col, with_zero)][i] == expected


def test_funnel_axis_grid_rules() -> None:
    g = funnel_axis([16386, 102950])
    assert g[0] == 1 and g[-1] == 110_000 and g.size == 100
    assert np.all(np.diff(g) >= 1)
    g2 = funnel_axis([20000, 30000])  # max <= 2 x min: axis starts at 0.95 x min, one significant digit
    assert g2[0] == 10_000
