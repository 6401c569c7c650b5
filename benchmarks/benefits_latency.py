"""Latency of one household benefits check: warm engine vs a fresh policyengine_uk.Simulation.

Usage: .venv/bin/python benchmarks/benefits_latency.py [--warm 200] [--fresh 10] [--year 2025] [--vary]

Warm = ``communities.benefits.results.check_household`` on the shared warm engine (all benefits,
reasons, local CTR). Fresh = ``policyengine_uk.Simulation(situation=...)`` per household computing the
same PolicyEngine variables. Also checks that both give the same amounts (to the penny).

Nothing keeps results between checks (each builds its own simulation), so repeating one household
measures the same work as varying it; ``--vary`` adds £0-£49 a year to the rent at each warm check
to show that.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from communities.benefits.engine import ALL_VARIABLES, get_engine  # noqa: E402
from communities.benefits.examples import FAMILY_ONE_EARNER, SINGLE_PENSIONER  # noqa: E402
from communities.benefits.pe_inputs import to_situation  # noqa: E402
from communities.benefits.results import check_household  # noqa: E402

HOUSEHOLDS = {"single pensioner": SINGLE_PENSIONER, "couple + 2 children": FAMILY_ONE_EARNER}


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warm", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=10)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--vary", action="store_true", help="a different rent at each warm check")
    args = parser.parse_args()
    t0 = time.perf_counter()
    engine = get_engine((2025, 2026))
    print(f"engine start-up (import + build + warm-up of {engine.years}): {time.perf_counter() - t0:.1f} s")
    from policyengine_uk import Simulation

    rows = []
    cpu = []
    for name, household in HOUSEHOLDS.items():
        warm, warm_cpu = [], []
        for i in range(args.warm):
            checked = household
            if args.vary:
                checked = dataclasses.replace(household, rent_per_year=household.rent_per_year + i % 50)
            t, c = time.perf_counter(), time.process_time()
            check_household(checked, args.year, engine=engine)
            warm.append(time.perf_counter() - t)
            warm_cpu.append(time.process_time() - c)
        gc.collect()  # outside the timed path, as a server would between requests
        fresh = []
        _, fast_values = engine.calculate_households([household], args.year)
        identical = True
        for _ in range(args.fresh):
            t = time.perf_counter()
            sim = Simulation(situation=to_situation(household, args.year))
            values = {v: sim.calculate(v, args.year) for v in ALL_VARIABLES}
            fresh.append(time.perf_counter() - t)
            identical &= all(
                np.abs(np.asarray(values[v], float) - np.asarray(fast_values[v], float)).max() < 0.005
                for v in ALL_VARIABLES
            )
        cpu.append((name, pct(warm_cpu, 50), pct(warm_cpu, 95)))
        rows.append(
            (
                name,
                pct(warm, 50),
                pct(warm, 95),
                pct(fresh, 50),
                pct(fresh, 95),
                statistics.median(fresh) / statistics.median(warm),
                identical,
            )
        )
    varied = " (rent varied at each warm check)" if args.vary else ""
    print(f"\nTax year {args.year}/{(args.year + 1) % 100:02d}; warm n={args.warm}, fresh n={args.fresh}{varied}")
    print(
        f"{'household':<22}{'warm p50':>10}{'warm p95':>10}{'fresh p50':>11}{'fresh p95':>11}"
        f"{'ratio p50':>11}  same amounts"
    )
    for name, wp50, wp95, fp50, fp95, ratio, same in rows:
        print(f"{name:<22}{wp50:>8.1f}ms{wp95:>8.1f}ms{fp50:>9.0f}ms{fp95:>9.0f}ms{ratio:>10.0f}x  {same}")
    print("\nWarm checks, CPU time of this process (less sensitive to other load on the machine):")
    for name, cp50, cp95 in cpu:
        print(f"{name:<22}p50 {cp50:6.1f} ms   p95 {cp95:6.1f} ms")
    load1, load5, _ = os.getloadavg()
    print(f"load average during run: {load1:.1f} (1 min), {load5:.1f} (5 min) on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
