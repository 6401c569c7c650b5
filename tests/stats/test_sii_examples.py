"""SII on the PHEindicatormethods example inputs (no reference outputs exist for these files).

The vectorised SII over every group at once is checked against an independent per-group weighted
least-squares fit (numpy lstsq on the sqrt-weighted design), and the simulated limits against a
normal-theory approximation for the untransformed case.
"""

from __future__ import annotations

import numpy as np
import pytest

from communities.stats import sii

from ._ref import num, rows


def _lstsq_sii(y: np.ndarray, pop: np.ndarray) -> tuple[float, float]:
    a = pop / pop.sum()
    x = np.cumsum(a) - a / 2
    sw = np.sqrt(a)
    design = np.c_[sw, x * sw]
    (b0, b1), *_ = np.linalg.lstsq(design, y * sw, rcond=None)
    return b0, b1


def _groups(table: str, keys: list[str], order: str) -> dict[tuple[str, ...], list[dict[str, str]]]:
    out: dict[tuple[str, ...], list[dict[str, str]]] = {}
    for r in rows(table):
        out.setdefault(tuple(r[k] for k in keys), []).append(r)
    return {k: sorted(v, key=lambda r: int(r[order])) for k, v in out.items()}


def test_le_by_decile_all_groups_vectorised() -> None:
    groups = _groups("phe/sii_example_le_by_decile.csv", ["Sex", "GeoCode"], "Decile")
    groups = {k: v for k, v in groups.items() if len(v) == 10}
    y = np.array([[num(r["LifeExp"]) for r in g] for g in groups.values()])
    pop = np.array([[num(r["Pop"]) for r in g] for g in groups.values()])
    se = np.array([[num(r["SE"]) for r in g] for g in groups.values()])
    ok = ~np.isnan(y).any(axis=1) & ~np.isnan(se).any(axis=1) & (pop > 0).all(axis=1)
    y, pop, se = y[ok], pop[ok], se[ok]
    assert len(y) > 500
    res = sii(y, pop, se=se, repetitions=2000, rng=5)
    for i in range(0, len(y), 37):
        b0, b1 = _lstsq_sii(y[i], pop[i])
        assert res.sii[i] == pytest.approx(b1, rel=1e-9)
        assert res.rii[i] == pytest.approx((b0 + b1) / b0, rel=1e-9)
        assert res.intercept[i] == pytest.approx(b0, rel=1e-9)
    # limits bracket the SII and are about +/- 1.96 x the analytic SE of a weighted slope
    assert np.all(res.sii_lower[0] < res.sii) and np.all(res.sii < res.sii_upper[0])
    a = pop / pop.sum(axis=1, keepdims=True)
    x = np.cumsum(a, axis=1) - a / 2
    xc = x - (a * x).sum(axis=1, keepdims=True)
    c = a * xc / (a * xc * xc).sum(axis=1, keepdims=True)
    se_slope = np.sqrt((c * c * se * se).sum(axis=1))
    half = (res.sii_upper[0] - res.sii_lower[0]) / 2
    np.testing.assert_allclose(half, 1.959964 * se_slope, rtol=0.1)


def test_ncmp_by_decile_logit_transform() -> None:
    groups = _groups("phe/sii_example_ncmp_by_decile.csv", ["Period", "SchoolYear", "AreaCode"], "Decile")
    for g in list(groups.values())[:6]:
        y = np.array([num(r["Rate"]) for r in g]) / 100
        pop = np.array([num(r["Measured"]) for r in g])
        lo = np.array([num(r["LCL"]) for r in g]) / 100
        up = np.array([num(r["UCL"]) for r in g]) / 100
        res = sii(y, pop, lower=lo, upper=up, value_type=2, transform=True, repetitions=5000, rng=2)
        b0, b1 = _lstsq_sii(np.log(y / (1 - y)), pop)
        expit = 1 / (1 + np.exp(-np.array([b0, b0 + b1])))
        assert res.sii == pytest.approx(expit[1] - expit[0], rel=1e-9)
        assert res.sii_lower[0] < res.sii < res.sii_upper[0]


def test_dsr_by_quintile_log_transform() -> None:
    groups = _groups("phe/sii_example_dsr_by_quintile.csv", ["Period"], "Quintile")
    y = np.array([[num(r["value"]) for r in g] for g in groups.values()])
    pop = np.array([[num(r["total_pop"]) for r in g] for g in groups.values()])
    lo = np.array([[num(r["lowercl"]) for r in g] for g in groups.values()])
    up = np.array([[num(r["uppercl"]) for r in g] for g in groups.values()])
    res = sii(y, pop, lower=lo, upper=up, value_type=1, transform=True, repetitions=5000, rng=3)
    for i in range(len(y)):
        b0, b1 = _lstsq_sii(np.log(y[i]), pop[i])
        assert res.sii[i] == pytest.approx(np.exp(b0 + b1) - np.exp(b0), rel=1e-9)
        assert res.rii[i] == pytest.approx(np.exp(b1), rel=1e-9)
