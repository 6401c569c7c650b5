"""Benchmark for communities.stats: recompute a demo-borough indicator table, vectorised vs plain Python.

Not part of the test run. Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/stats_bench.py [--seed 2026] [--indicators 30]
        [--periods 5] [--sii-repetitions 10000] [--skip-loop]

The data set is synthetic (fixed seed): 124 LSOAs nested in 27 wards, aggregated to 165 areas
(1 borough + 27 wards + 124 LSOAs + 10 IMD deciles). Indicators cycle through proportions, crude
rates, directly standardised rates (19 ESP bands), indirectly standardised ratios and life
expectancy (20 bands). For every indicator x area x period we compute the value with 95% and 99.8%
limits, compare the area with the borough (two-level CI overlap, polarity applied), assign LSOA
deciles per indicator and period, the recent-trend marker for proportions and rates, and the SII/RII
across the IMD deciles (simulated limits). The same formulas are then run as a plain Python loop.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as st

from communities import stats as cs

N_LSOA, N_WARD, N_DECILE = 124, 27, 10
KINDS = ("proportion", "crude_rate", "dsr", "isr", "life_expectancy")
Z95, Z998 = float(st.norm.ppf(0.975)), float(st.norm.ppf(0.999))


@dataclass
class Dataset:
    membership: np.ndarray  # (areas, lsoas) 0/1
    area_names: list[str]
    decile_rows: np.ndarray  # indices of the 10 IMD-decile areas
    lsoa_rows: np.ndarray
    kinds: list[str]  # per indicator
    # per kind: arrays (ind, periods, areas[, bands]) at area level
    num: dict[str, np.ndarray]
    den: dict[str, np.ndarray]
    ref_rates: np.ndarray  # (19,) reference rates for ISR
    periods: int


def make_dataset(seed: int, n_ind: int, periods: int) -> Dataset:
    rng = np.random.default_rng(seed)
    ward_of = np.r_[np.arange(N_WARD), rng.integers(0, N_WARD, N_LSOA - N_WARD)]
    imd_score = rng.gamma(4, 6, N_LSOA) + ward_of * 0.5
    decile_of = cs.assign_quantiles(imd_score, 10, invert=True).astype(int) - 1  # 0 = most deprived
    n_areas = 1 + N_WARD + N_LSOA + N_DECILE
    m = np.zeros((n_areas, N_LSOA))
    m[0, :] = 1
    m[1 + ward_of, np.arange(N_LSOA)] = 1
    m[1 + N_WARD + np.arange(N_LSOA), np.arange(N_LSOA)] = 1
    m[1 + N_WARD + N_LSOA + decile_of, np.arange(N_LSOA)] = 1
    names = (
        ["borough"]
        + [f"ward{i:02d}" for i in range(N_WARD)]
        + [f"lsoa{i:03d}" for i in range(N_LSOA)]
        + [f"imd_decile{i + 1}" for i in range(N_DECILE)]
    )
    deprivation = (imd_score - imd_score.mean()) / imd_score.std()
    pop19 = rng.integers(40, 140, size=(N_LSOA, 19)).astype(float)  # ~1,700 people per LSOA
    pop20 = np.concatenate([pop19[:, :1] * 0.2, pop19[:, :1] * 0.8, pop19[:, 1:]], axis=1)
    band_rate = np.exp(np.linspace(-9, -1.6, 19))  # mortality-like age gradient
    kinds = [KINDS[i % len(KINDS)] for i in range(n_ind)]
    num: dict[str, list[np.ndarray]] = {k: [] for k in KINDS}
    den: dict[str, list[np.ndarray]] = {k: [] for k in KINDS}
    for kind in kinds:
        effect = np.exp(0.25 * deprivation)[None, :]
        trend = np.linspace(0.9, 1.1, periods)[:, None]
        if kind == "proportion":
            d = np.broadcast_to(rng.integers(200, 1500, N_LSOA).astype(float), (periods, N_LSOA))
            p = np.clip(rng.uniform(0.05, 0.6) * effect * trend, 0.001, 0.999)
            x = rng.binomial(d.astype(int), p).astype(float)
            num[kind].append(x @ m.T)
            den[kind].append(d @ m.T)
        elif kind == "crude_rate":
            d = np.broadcast_to(pop19.sum(axis=1), (periods, N_LSOA))
            x = rng.poisson(rng.uniform(0.002, 0.05) * effect * trend * d).astype(float)
            num[kind].append(x @ m.T)
            den[kind].append(d @ m.T)
        elif kind in ("dsr", "isr"):
            lam = band_rate[None, None, :] * pop19[None] * (effect * trend)[..., None] * rng.uniform(0.3, 3)
            x = rng.poisson(lam).astype(float)
            num[kind].append(np.einsum("al,plb->pab", m, x))
            den[kind].append(np.broadcast_to(np.einsum("al,lb->ab", m, pop19), (periods, n_areas, 19)))
        else:
            r20 = np.exp(np.linspace(-5.5, -1.4, 20))
            r20[1] = 0.0002
            lam = r20[None, None, :] * pop20[None] * (effect * trend)[..., None]
            x = rng.poisson(lam).astype(float)
            num[kind].append(np.einsum("al,plb->pab", m, x))
            den[kind].append(np.broadcast_to(np.einsum("al,lb->ab", m, pop20), (periods, n_areas, 20)))
    return Dataset(
        membership=m,
        area_names=names,
        decile_rows=np.arange(1 + N_WARD + N_LSOA, n_areas),
        lsoa_rows=np.arange(1 + N_WARD, 1 + N_WARD + N_LSOA),
        kinds=kinds,
        num={k: np.array(v) for k, v in num.items() if v},
        den={k: np.array(v) for k, v in den.items() if v},
        ref_rates=band_rate,
        periods=periods,
    )


# --- vectorised pipeline -------------------------------------------------------------------------------
def run_vectorised(ds: Dataset, sii_reps: int, seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ds.num:
        x, n = ds.num[kind], ds.den[kind]
        res = {}
        for conf in (0.95, 0.998):
            if kind == "proportion":
                e = cs.proportion(x, n, conf, multiplier=100)
            elif kind == "crude_rate":
                e = cs.crude_rate(x, n, conf)
            elif kind == "dsr":
                e = cs.dsr(x, n, confidence=conf)
            elif kind == "isr":
                e = cs.isr(x, n, ds.ref_rates * 1e5, np.full(19, 1e5), confidence=conf, multiplier=100)
            else:
                e = cs.life_expectancy(x, n, confidence=conf)
                e = type("LE", (), {"value": e.value[..., 0], "lower": e.lower[..., 0], "upper": e.upper[..., 0]})
            res[conf] = (np.asarray(e.value), np.asarray(e.lower), np.asarray(e.upper))
        v, l95, u95 = res[0.95]
        _, l99, u99 = res[0.998]
        polarity = "high_is_good" if kind in ("proportion", "life_expectancy") else "low_is_good"
        labels = cs.compare_ci_overlap_two_levels(v, l95, u95, l99, u99, v[..., :1], polarity)
        lsoa_v = v[..., ds.lsoa_rows]
        groups = np.broadcast_to(
            np.arange(lsoa_v.shape[0] * lsoa_v.shape[1]).reshape(lsoa_v.shape[:2])[..., None], lsoa_v.shape
        )
        deciles = cs.assign_quantiles(lsoa_v, 10, invert=False, groups=groups)
        markers = None
        if kind in ("proportion", "crude_rate"):  # recent trend: 1-year proportions and crude rates
            markers = cs.recent_trend_table(
                np.moveaxis(v, 1, -1), np.moveaxis(l95, 1, -1), np.moveaxis(u95, 1, -1)
            ).marker
        out[kind] = {
            "value": v,
            "lower95": l95,
            "upper95": u95,
            "labels": labels,
            "deciles": deciles,
            "markers": markers,
        }
    out["sii"] = run_sii_vectorised(ds, out, sii_reps, seed)
    return out


def _sii_inputs(ds: Dataset, out: dict[str, Any], kind: str) -> tuple[np.ndarray, ...]:
    d = out[kind]
    rows = ds.decile_rows
    v, lo, up = d["value"][..., rows], d["lower95"][..., rows], d["upper95"][..., rows]
    den = ds.den[kind]
    pop = den[..., rows] if den.ndim == 3 else den[..., rows, :].sum(axis=-1)
    if kind == "proportion":
        v, lo, up = v / 100, lo / 100, up / 100
    vt = {"proportion": 2, "crude_rate": 1, "dsr": 1, "isr": 1, "life_expectancy": 0}[kind]
    return v, pop, lo, up, np.array(vt)


def run_sii_vectorised(ds: Dataset, out: dict[str, Any], reps: int, seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    res = {}
    for kind in ds.num:
        v, pop, lo, up, vt = _sii_inputs(ds, out, kind)
        res[kind] = cs.sii(v, pop, lower=lo, upper=up, value_type=int(vt), repetitions=reps, rng=rng)
    return res


# --- the same formulas as a plain Python loop -----------------------------------------------------------
def _byars(o: float, z: float) -> tuple[float, float]:
    lo = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3 if o > 0 else 0.0
    o1 = o + 1
    return (lo if lo >= 0 else math.nan), o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3


def _poisson(o: float, conf: float, z: float) -> tuple[float, float]:
    if o < 10:
        lo = st.chi2.ppf((1 - conf) / 2, 2 * o) / 2 if o > 0 else 0.0
        return lo, st.chi2.ppf(conf + (1 - conf) / 2, 2 * o + 2) / 2
    return _byars(o, z)


def _cell(kind: str, x: Any, n: Any, conf: float, z: float, ds: Dataset, w: list[float]) -> tuple[float, ...]:
    if kind == "proportion":
        c, h, dd = 2 * x + z * z, z * math.sqrt(z * z + 4 * x * (1 - x / n)), 2 * (n + z * z)
        return 100 * x / n, 100 * (c - h) / dd, 100 * (c + h) / dd
    if kind == "crude_rate":
        lo, up = _poisson(x, conf, z)
        return x / n * 1e5, lo / n * 1e5, up / n * 1e5
    if kind == "dsr":
        ws = sum(w)
        o = sum(x)
        rate = sum(xi * wi / ni for xi, wi, ni in zip(x, w, n, strict=True)) / ws
        var = sum(xi * (wi / ni) ** 2 for xi, wi, ni in zip(x, w, n, strict=True)) / ws**2
        if o < 10:
            return math.nan, math.nan, math.nan
        lo, up = _byars(o, z)
        s = math.sqrt(var / o)
        return rate * 1e5, (rate + s * (lo - o)) * 1e5, (rate + s * (up - o)) * 1e5
    if kind == "isr":
        o = sum(x)
        e = sum(ni * ri for ni, ri in zip(n, ds.ref_rates, strict=True))
        lo, up = _poisson(o, conf, z)
        return 100 * o / e, 100 * lo / e, 100 * up / e
    return _le_loop(x, n, z)


def _le_loop(deaths: Any, pops: Any, z: float) -> tuple[float, float, float]:
    ages = cs.LE_START_AGES
    if sum(pops) <= 5000 or any(d > p for d, p in zip(deaths, pops, strict=True)):
        return math.nan, math.nan, math.nan
    k = len(ages)
    lx, q, a, w, m = [100_000.0], [], [], [], []
    for i in range(k):
        ai = 0.1 if ages[i] == 0 else 0.5
        wi = ages[i + 1] - ages[i] if i < k - 1 else math.nan
        mi = deaths[i] / pops[i]
        qi = 1.0 if i == k - 1 or deaths[i] > pops[i] / (wi * ai) else wi * mi / (1 + wi * mi * (1 - ai))
        a.append(ai), w.append(wi), m.append(mi), q.append(qi)
        if i < k - 1:
            lx.append(lx[-1] * (1 - qi))
    big_l = [w[i] * (lx[i + 1] + a[i] * (lx[i] - lx[i + 1])) for i in range(k - 1)] + [lx[-1] / m[-1]]
    t = sum(big_l)
    e = [0.0] * (k + 1)
    acc = 0.0
    for i in range(k - 1, -1, -1):
        acc += big_l[i]
        e[i] = acc / lx[i] if lx[i] > 0 else 0.0
    var_sum = (lx[-1] / 2) ** 2 * 4 / (deaths[-1] * m[-1] ** 2)
    for i in range(k - 2, -1, -1):
        if lx[i] == 0:
            continue
        s2 = q[i] ** 2 * (1 - q[i]) / deaths[i] if lx[i] != lx[i + 1] else 0.0
        var_sum += lx[i] ** 2 * ((1 - a[i]) * w[i] + e[i + 1]) ** 2 * s2
    se = math.sqrt(var_sum) / lx[0]
    del t
    value = math.nan if 2 * Z95 * se > 20 else e[0]  # value suppressed when the 95% CI is > 20 years
    return value, e[0] - z * se, e[0] + z * se


def _quantiles_loop(values: list[float], q: int) -> list[float]:
    n = len(values)
    srt = sorted(values)
    first = {}
    for i, v in enumerate(srt):
        first.setdefault(v, i + 1)
    out = []
    for v in values:
        qq = math.floor((q + 1) - math.ceil(((n + 1) - first[v]) / (n / q)))
        out.append(float(max(qq, 1)))
    return out


def run_loop(ds: Dataset) -> dict[str, Any]:
    w = list(cs.esp2013())
    out: dict[str, Any] = {}
    for kind in ds.num:
        x_all, n_all = ds.num[kind], ds.den[kind]
        n_ind, periods, n_areas = x_all.shape[:3]
        vals = np.full((n_ind, periods, n_areas), np.nan)
        labels = np.empty((n_ind, periods, n_areas), dtype=object)
        for i in range(n_ind):
            for p in range(periods):
                cells = []
                for a in range(n_areas):
                    x, n = x_all[i, p, a].tolist(), n_all[i, p, a].tolist()
                    v, l95, u95 = _cell(kind, x, n, 0.95, Z95, ds, w)
                    _, l99, u99 = _cell(kind, x, n, 0.998, Z998, ds, w)
                    cells.append((v, l95, u95, l99, u99))
                    vals[i, p, a] = v
                bench = cells[0][0]
                swap = kind not in ("proportion", "life_expectancy")  # low is good
                for a, (v, l95, u95, l99, u99) in enumerate(cells):
                    if any(math.isnan(t) for t in (v, l95, u95, l99, u99, bench)):
                        labels[i, p, a] = "None"
                    elif l95 <= bench <= u95:
                        labels[i, p, a] = "Same"
                    elif bench < l95:
                        labels[i, p, a] = (
                            ("Worse" if swap else "Better") if bench >= l99 else ("Worst" if swap else "Best")
                        )
                    else:
                        labels[i, p, a] = (
                            ("Better" if swap else "Worse") if bench <= u99 else ("Best" if swap else "Worst")
                        )
                lsoa = [vals[i, p, a] for a in ds.lsoa_rows]
                if not any(math.isnan(t) for t in lsoa):
                    _quantiles_loop(lsoa, 10)
        out[kind] = {"value": vals, "labels": labels}
    return out


def sii_loop(values: list[float], pops: list[float], se: list[float], reps: int, seed: int) -> tuple[float, float]:
    """Plain-Python SII with simulated 95% limits (untransformed), for timing comparison."""
    rnd = np.random.default_rng(seed)
    total = sum(pops)
    a = [p / total for p in pops]
    x, cum = [], 0.0
    for ai in a:
        x.append(cum + ai / 2)
        cum += ai
    xbar = sum(ai * xi for ai, xi in zip(a, x, strict=True))
    sxx = sum(ai * (xi - xbar) ** 2 for ai, xi in zip(a, x, strict=True))
    sims = []
    for _ in range(reps):
        y = [v + s * float(rnd.standard_normal()) for v, s in zip(values, se, strict=True)]
        sims.append(sum(ai * (xi - xbar) * yi for ai, xi, yi in zip(a, x, y, strict=True)) / sxx)
    sims.sort()
    return sims[round(reps * 0.025) - 1], sims[round(reps * 0.975) - 1]


class Timing(float):
    """Best wall-clock seconds of the repeats; ``cpu`` holds that run's process CPU seconds."""

    cpu: float


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[Timing, Any]:
    best, cpu, result = math.inf, math.inf, None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall = time.perf_counter() - t0
        if wall < best:
            best, cpu = wall, time.process_time() - c0
    t = Timing(best)
    t.cpu = cpu
    return t, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--indicators", type=int, default=30)
    ap.add_argument("--periods", type=int, default=5)
    ap.add_argument("--sii-repetitions", type=int, default=10_000)
    ap.add_argument("--skip-loop", action="store_true", help="skip the (slow) plain-Python comparison")
    args = ap.parse_args()

    ds = make_dataset(args.seed, args.indicators, args.periods)
    n_areas = ds.membership.shape[0]
    cells = args.indicators * args.periods * n_areas
    print(
        f"data set: {args.indicators} indicators x {args.periods} periods x {n_areas} areas "
        f"= {cells:,} cells (kinds: {', '.join(f'{k}={ds.kinds.count(k)}' for k in KINDS)})"
    )

    import warnings

    warnings.simplefilter("ignore")
    t_vec, out = timed(lambda: run_vectorised(ds, args.sii_repetitions, args.seed), repeat=3)

    def without_sii() -> Any:
        return run_vectorised(ds, 10, args.seed)

    t_vec_nosii, _ = timed(without_sii, repeat=3)
    n_sii = args.indicators * args.periods
    t_sii, _ = timed(lambda: run_sii_vectorised(ds, out, args.sii_repetitions, args.seed), repeat=3)

    # single SII (one indicator x period, 10 deciles) vectorised vs plain loop
    v, pop, lo, up, _vt = _sii_inputs(ds, out, "life_expectancy" if "life_expectancy" in ds.num else "crude_rate")
    v1, p1, lo1, up1 = v[0, 0], pop[0, 0], lo[0, 0], up[0, 0]
    se1 = (up1 - lo1) / (2 * Z95)
    t_one, one = timed(lambda: cs.sii(v1, p1, se=se1, repetitions=args.sii_repetitions, rng=1), repeat=5)
    t_one_loop, one_loop = timed(lambda: sii_loop(v1.tolist(), p1.tolist(), se1.tolist(), args.sii_repetitions, 1))

    # XmR (Making Data Count) for every indicator in the borough and every ward, 36 monthly points
    monthly = np.random.default_rng(args.seed).normal(50, 5, (args.indicators, 1 + N_WARD, 36))
    t_xmr, _ = timed(lambda: cs.xmr_table(monthly, "increase", targets=np.full(monthly.shape[:2], 55.0)), repeat=3)

    rows = [
        ("all indicators, all areas & periods, incl. SII", t_vec, "target <= 5 s"),
        ("  same without SII simulation (values, CIs, comparisons, deciles, trends)", t_vec_nosii, ""),
        (
            f"SII/RII, {n_sii} indicator-periods x 10 deciles, {args.sii_repetitions:,} sims each",
            t_sii,
            "target <= 1 s",
        ),
        (f"XmR charts, {args.indicators} indicators x {1 + N_WARD} areas x 36 months, MDC rules + icons", t_xmr, ""),
        (f"one SII, {args.sii_repetitions:,} sims (vectorised)", t_one, ""),
        (f"one SII, {args.sii_repetitions:,} sims (plain Python loop)", t_one_loop, ""),
    ]
    if not args.skip_loop:
        t_loop, loop_out = timed(lambda: run_loop(ds))
        rows.append(("values, CIs, comparisons, deciles as a plain Python loop (no SII/trend)", t_loop, ""))
        # check the loop and the vectorised pipeline agree
        worst = 0.0
        for kind in ds.num:
            a, b = out[kind]["value"], loop_out[kind]["value"]
            ok = ~np.isnan(a)
            worst = max(worst, float(np.max(np.abs(a[ok] - b[ok]) / np.abs(b[ok]))))
            assert (np.isnan(a) == np.isnan(b)).all()
            assert (out[kind]["labels"] == loop_out[kind]["labels"].astype(str)).all()
    print()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, 1-min load average {load:.1f} (wall times suffer when loaded)")
    print(f"{'task':<84}{'wall s':>8}{'cpu s':>8}  note")
    print("-" * 112)
    for name, t, note in rows:
        print(f"{name:<84}{t:>8.3f}{t.cpu:>8.3f}  {note}")
    print("-" * 112)
    if not args.skip_loop:
        # compare like with like: vectorised run without SII and without the (scalar) trend loop
        def core_vec() -> None:
            for kind in ds.num:
                x, n = ds.num[kind], ds.den[kind]
                for conf in (0.95, 0.998):
                    if kind == "proportion":
                        cs.proportion(x, n, conf, multiplier=100)
                    elif kind == "crude_rate":
                        cs.crude_rate(x, n, conf)
                    elif kind == "dsr":
                        cs.dsr(x, n, confidence=conf)
                    elif kind == "isr":
                        cs.isr(x, n, ds.ref_rates * 1e5, np.full(19, 1e5), confidence=conf, multiplier=100)
                    else:
                        cs.life_expectancy(x, n, confidence=conf)
                v = out[kind]
                cs.compare_ci_overlap(v["value"], v["lower95"], v["upper95"], v["value"][..., :1], "high_is_good")
                lsoa_v = v["value"][..., ds.lsoa_rows]
                g = np.arange(lsoa_v.shape[0] * lsoa_v.shape[1]).reshape(lsoa_v.shape[:2])[..., None]
                cs.assign_quantiles(lsoa_v, 10, invert=False, groups=np.broadcast_to(g, lsoa_v.shape))

        t_core, _ = timed(core_vec, repeat=3)
        print(
            f"like-for-like (values, CIs, comparisons, deciles): vectorised {t_core:.3f} s, "
            f"plain loop {t_loop:.3f} s -> speed-up x{t_loop / t_core:.1f}"
        )
        print(f"vectorised and loop values agree to {worst:.1e} relative; comparison labels identical")
    print(
        f"single SII: vectorised {t_one * 1000:.1f} ms vs loop {t_one_loop * 1000:.1f} ms -> speed-up "
        f"x{t_one_loop / t_one:.0f}; 95% limits vectorised [{one.sii_lower[0]:.3f}, {one.sii_upper[0]:.3f}] "
        f"loop [{one_loop[0]:.3f}, {one_loop[1]:.3f}]"
    )


if __name__ == "__main__":
    main()
