"""Reference tests: Byar's/Wilson helpers, proportions, crude rates, means (PHEindicatormethods data)."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pytest

from communities.stats import (
    byars_lower,
    byars_upper,
    crude_rate,
    mean_interval,
    proportion,
    wilson_interval,
)

from ._ref import assert_close, num, rows

BW = rows("phe/byars_wilson.csv")


@pytest.mark.parametrize("row", BW, ids=[f"{r['method']}-{r['x']}-{r['n']}-{r['confidence']}" for r in BW])
def test_byars_wilson(row: dict[str, str]) -> None:
    conf = float(row["confidence"].rstrip("%"))
    x = num(row["x"])
    if row["method"] == "Byars":
        lo, up = byars_lower(x, conf), byars_upper(x, conf)
    else:
        lo, up = wilson_interval(x, num(row["n"]), conf)
    assert_close(lo, num(row["lowercl"]), what="lower")
    assert_close(up, num(row["uppercl"]), what="upper")


PROP = rows("phe/proportion.csv")


@pytest.mark.parametrize("row", PROP, ids=[f"{r['Area']}-x{r['multiplier']}" for r in PROP])
def test_proportion(row: dict[str, str]) -> None:
    x, n, m = num(row["Numerator"]), num(row["Denominator"]), num(row["multiplier"])
    for conf, lo_col, up_col in ((95, "lower95_0cl", "upper95_0cl"), (99.8, "lower99_8cl", "upper99_8cl")):
        est = proportion(x, n, conf, multiplier=m)
        assert_close(est.value, num(row["value"]), what="value")
        assert_close(est.lower, num(row[lo_col]), what=lo_col)
        assert_close(est.upper, num(row[up_col]), what=up_col)
    assert est.method == row["method"]


def _grouped(table: str) -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows(table):
        sums[r["Area"]][0] += num(r["Numerator"])
        sums[r["Area"]][1] += num(r["Denominator"])
    return {k: (v[0], v[1]) for k, v in sums.items()}


PROP_G = rows("phe/proportion_grouped.csv")


@pytest.mark.parametrize("row", PROP_G, ids=[r["Area"] for r in PROP_G])
def test_proportion_grouped(row: dict[str, str]) -> None:
    # The grouped table is the ungrouped table summed by Area (a missing input makes the group missing).
    x, n = _grouped("phe/proportion.csv")[row["Area"]]
    assert_close(x, num(row["Numerator"]), what="summed numerator")
    est = proportion(x, n, 95)
    assert_close(est.value, num(row["value"]), what="value")
    assert_close(est.lower, num(row["lowercl"]), what="lower")
    assert_close(est.upper, num(row["uppercl"]), what="upper")


RATE = rows("phe/rate.csv")


@pytest.mark.parametrize("row", RATE, ids=[f"{r['Area']}-x{r['multiplier']}" for r in RATE])
def test_rate(row: dict[str, str]) -> None:
    x, n, m = num(row["Numerator"]), num(row["Denominator"]), num(row["multiplier"])
    for conf, lo_col, up_col in ((95, "lower95_0cl", "upper95_0cl"), (99.8, "lower99_8cl", "upper99_8cl")):
        est = crude_rate(x, n, conf, multiplier=m)
        assert_close(est.value, num(row["value"]), what="value")
        assert_close(est.lower, num(row[lo_col]), what=lo_col)
        assert_close(est.upper, num(row[up_col]), what=up_col)
    if not math.isnan(x):
        assert est.method == row["method"]


RATE_G = rows("phe/rate_grouped.csv")


@pytest.mark.parametrize("row", RATE_G, ids=[r["Area"] for r in RATE_G])
def test_rate_grouped(row: dict[str, str]) -> None:
    x, n = _grouped("phe/rate.csv")[row["Area"]]
    est = crude_rate(x, n, 95, multiplier=100_000)
    assert_close(est.value, num(row["value"]), what="value")
    assert_close(est.lower, num(row["lowercl"]), what="lower")
    assert_close(est.upper, num(row["uppercl"]), what="upper")


def test_rates_vectorised_equals_scalar() -> None:
    xs = np.array([num(r["Numerator"]) for r in RATE])
    ns = np.array([num(r["Denominator"]) for r in RATE])
    est = crude_rate(xs, ns, 95)
    for i in range(len(xs)):
        one = crude_rate(xs[i], ns[i], 95)
        for a, b in ((est.value[i], one.value), (est.lower[i], one.lower), (est.upper[i], one.upper)):
            assert (math.isnan(a) and math.isnan(b)) or a == b


MEAN_RES = rows("phe/mean_results.csv")


@pytest.mark.parametrize("row", MEAN_RES, ids=[r["area"] for r in MEAN_RES])
def test_mean(row: dict[str, str]) -> None:
    vals = [num(r["values"]) for r in rows("phe/mean_values.csv") if r["area"] == row["area"]]
    for conf, lo_col, up_col in ((95, "lower95_0cl", "upper95_0cl"), (99.8, "lower99_8cl", "upper99_8cl")):
        est = mean_interval(vals, conf)
        assert_close(est.total, num(row["value_sum"]), what="sum")
        assert_close(est.count, num(row["value_count"]), what="count")
        assert_close(est.sd, num(row["stdev"]), what="sd")
        assert_close(est.value, num(row["value"]), what="value")
        assert_close(est.lower, num(row[lo_col]), what=lo_col)
        assert_close(est.upper, num(row[up_col]), what=up_col)
