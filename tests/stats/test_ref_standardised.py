"""Reference tests: DSR (Dobson) and ISR/SMR against PHEindicatormethods test data."""

from __future__ import annotations

import math

import numpy as np
import pytest

from communities.stats import ESP2013_BANDS, dsr, esp2013, isr

from ._ref import assert_close, num, rows


def _by_area(table: str, area_col: str = "area") -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in rows(table):
        out.setdefault(r[area_col], []).append(r)
    return out


def test_esp2013_shipped() -> None:
    w = esp2013()
    assert w.shape == (19,)
    assert w.sum() == 100_000
    assert ESP2013_BANDS[0] == "0-4" and ESP2013_BANDS[-1] == "90+"
    ref = [num(r["esp2013"]) for r in rows("phe/esp2013.csv")]
    assert list(w) == ref


def _dsr_inputs(area: str) -> tuple[np.ndarray | None, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(counts, pops, standard, frequencies) for a result row's area."""
    if area == "testdata_1976":
        rs = rows("phe/dsr_esp1976.csv")
        return (
            np.array([num(r["count"]) for r in rs]),
            np.array([num(r["pop"]) for r in rs]),
            np.array([num(r["esp1976"]) for r in rs]),
            None,
        )
    if area.startswith("testdata_nonind"):
        rs = _by_area("phe/dsr_nonindependent.csv")[area]
        cols = (
            ["f1", "f2", "f3"]
            if area in {"testdata_nonind_dummy", "testdata_nonind_small", "testdata_nonind_tiny"}
            else ["f1", "f2", "f3", "f4"]
        )
        # README: for these three areas the source ignored column f4 (treated as 0).
        freq = np.array([[num(r[c]) for c in cols] for r in rs])
        return None, np.array([num(r["pop"]) for r in rs]), None, freq
    rs = _by_area("phe/dsr_isr_multiarea.csv")[area]
    return np.array([num(r["count"]) for r in rs]), np.array([num(r["pop"]) for r in rs]), None, None


DSR_ROWS = rows("phe/dsr_results.csv")
# Known bad reference cells (README "Known bad or surprising cells"): the 99.8% limits of
# testdata_1976 are 10x too large in the source spreadsheet. We test the corrected value (cell / 10).
BAD_1976 = {"lower99_8cl", "upper99_8cl"}


@pytest.mark.parametrize("row", DSR_ROWS, ids=[f"{r['area']}-{r['statistic']}" for r in DSR_ROWS])
def test_dsr(row: dict[str, str]) -> None:
    counts, pops, std, freq = _dsr_inputs(row["area"])
    mult = 10_000 if row["statistic"].endswith("per 10000") else 100_000
    for conf, lo_col, up_col in ((95, "lower95_0cl", "upper95_0cl"), (99.8, "lower99_8cl", "upper99_8cl")):
        est = dsr(counts, pops, std, multiplier=mult, confidence=conf, frequencies=freq)
        assert_close(est.value, num(row["value"]), what="value")
        for col, got in ((lo_col, est.lower), (up_col, est.upper)):
            expected = num(row[col])
            if row["area"] == "testdata_1976" and col in BAD_1976:
                # the bad cell really is 10x our value, and our value is the corrected one
                assert_close(got * 10, expected, what=f"bad cell {col} (x10)")
                expected = expected / 10
            assert_close(got, expected, what=col)
    assert est.method == row["method"]
    assert_close(float(np.nansum(pops)), num(row["total_pop"]), what="total_pop")
    if freq is not None:
        total = float(np.sum(np.nan_to_num(freq) * np.arange(1, freq.shape[1] + 1)))
    else:
        total = float(np.nansum(counts))
    assert_close(total, num(row["total_count"]), what="total_count")
    if math.isnan(num(row["value"])):
        assert row["statistic"] == "dsr NA for total count < 10"


def test_dsr_vectorised_multiarea() -> None:
    areas = _by_area("phe/dsr_isr_multiarea.csv")
    counts = np.array([[num(r["count"]) for r in rs] for rs in areas.values()])
    pops = np.array([[num(r["pop"]) for r in rs] for rs in areas.values()])
    est = dsr(counts, pops)
    for i, (c, p) in enumerate(zip(counts, pops, strict=True)):
        one = dsr(c, p)
        assert est.value[i] == pytest.approx(one.value, rel=1e-15)
        assert est.lower[i] == pytest.approx(one.lower, rel=1e-15)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("phe/dsr_isr_err1_negative_count.csv", "numerators"),
        ("phe/dsr_isr_err2_zero_pop.csv", "populations"),
        ("phe/dsr_isr_err3_negative_pop.csv", "populations"),
        ("phe/dsr_isr_err4_negative_stdpop.csv", "standard populations"),
    ],
)
def test_dsr_invalid_inputs(table: str, message: str) -> None:
    rs = rows(table)
    for rs_area in _group(rs).values():
        counts = np.array([num(r["count"]) for r in rs_area])
        pops = np.array([num(r["pop"]) for r in rs_area])
        std = np.array([num(r["stdpop"]) for r in rs_area]) if "stdpop" in rs_area[0] else None
        bad = (counts < 0).any() or (pops <= 0).any() or (std is not None and (std < 0).any())
        if bad:
            with pytest.raises(ValueError, match=message):
                dsr(counts, pops, std)
            return
    pytest.fail(f"{table}: no invalid area found")


def _group(rs: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in rs:
        out.setdefault(r.get("area", "all"), []).append(r)
    return out


ISR_ROWS = rows("phe/isr_results.csv")


def _isr_case(stat: str) -> tuple[str, float]:
    if stat.startswith("indirectly standardised rate per 100000"):
        return "rate", 100_000
    if stat.startswith("indirectly standardised rate per 1000"):
        return "rate", 1000
    if stat.endswith("x 100"):
        return "ratio", 100
    return "ratio", 1


@pytest.mark.parametrize("observed_from", ["counts", "totals", "refdata"])
@pytest.mark.parametrize("row", ISR_ROWS, ids=[f"{r['area']}-{r['statistic']}" for r in ISR_ROWS])
def test_isr(row: dict[str, str], observed_from: str) -> None:
    kind, mult = _isr_case(row["statistic"])
    rs = _by_area("phe/isr_multiarea_with_ref.csv")[row["area"]]
    counts = np.array([num(r["count"]) for r in rs])
    pops = np.array([num(r["pop"]) for r in rs])
    if observed_from == "refdata":  # separate reference table, same band order
        ref = rows("phe/isr_refdata.csv")
        refc, refp = np.array([num(r["refcount"]) for r in ref]), np.array([num(r["refpop"]) for r in ref])
    else:
        refc, refp = np.array([num(r["refcount"]) for r in rs]), np.array([num(r["refpop"]) for r in rs])
    observed = None
    if observed_from == "totals":
        observed = {r["area"]: num(r["total_count"]) for r in rows("phe/isr_observed_totals.csv")}[row["area"]]
    for conf, lo_col, up_col in ((95, "lower95_0cl", "upper95_0cl"), (99.8, "lower99_8cl", "upper99_8cl")):
        est = isr(counts, pops, refc, refp, kind=kind, multiplier=mult, confidence=conf, observed=observed)
        assert_close(est.observed, num(row["observed"]), what="observed")
        assert_close(est.expected, num(row["expected"]), what="expected")
        assert_close(est.reference_rate, num(row["ref_rate"]), what="ref_rate")
        assert_close(est.value, num(row["value"]), what="value")
        assert_close(est.lower, num(row[lo_col]), what=lo_col)
        assert_close(est.upper, num(row[up_col]), what=up_col)
    assert est.method == row["method"]


def test_isr_zero_population_band_is_allowed() -> None:
    # err2 (zero population in one band) is valid for ISR: that band contributes no expected events.
    rs = rows("phe/dsr_isr_err2_zero_pop.csv")
    ref = rows("phe/isr_refdata.csv")
    refc, refp = np.array([num(r["refcount"]) for r in ref]), np.array([num(r["refpop"]) for r in ref])
    area = [r for r in rs if r["area"] == "Area1"]
    counts, pops = np.array([num(r["count"]) for r in area]), np.array([num(r["pop"]) for r in area])
    est = isr(counts, pops, refc, refp)
    assert pops[1] == 0
    assert est.expected == pytest.approx(float(np.sum(pops * refc / refp)), rel=1e-12)
    assert est.value == pytest.approx(np.sum(counts) / est.expected, rel=1e-12)
