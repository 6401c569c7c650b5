"""Latency of one household benefits check: warm engine vs a fresh policyengine_uk.Simulation.

Usage: .venv/bin/python benchmarks/benefits_latency.py [--warm 200] [--fresh 10] [--year 2025] [--vary]
       .venv/bin/python benchmarks/benefits_latency.py --shapes [--seed 19] [--per-shape 6] [--repeat 5]
           [--years 2025 2026] [--fresh-per-shape 1] [--before]

``--shapes`` (issue #19): random households of every shape in ``communities.benefits.shapes`` (the same seed
gives the same households), each checked ``--repeat`` times on the warm engine, shapes interleaved so that other
load on the machine falls on all of them alike; p50/p95 per shape of wall-clock and CPU time (``time.process_time``)
with the load average sampled through the run. Target: every shape p50 <= 100 ms and p95 <= 150 ms wall-clock on a
quiet machine. Then ``--fresh-per-shape`` households of each shape and year go through a fresh Simulation each,
and every variable must equal the warm engine's to the penny. ``--before`` also times every check as the fast path
ran before issue #19 (``_upstream_order``), interleaved with the current one, for a like-for-like comparison on a
busy machine.

Warm = ``communities.benefits.results.check_household`` on the shared warm engine (all benefits,
reasons, local CTR). Fresh = ``policyengine_uk.Simulation(situation=...)`` per household computing the
same PolicyEngine variables. Also checks that both give the same amounts (to the penny).

Nothing keeps results between checks (each builds its own simulation), so repeating one household
measures the same work as varying it; ``--vary`` adds £0-£49 a year to the rent at each warm check
to show that.
"""

from __future__ import annotations

import argparse
import contextlib
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


def shapes_main(args: argparse.Namespace) -> int:
    """Per-shape latency of the warm check and a fresh-Simulation comparison on a sample (see module docstring)."""
    from communities.benefits.shapes import random_households

    t0 = time.perf_counter()
    engine = get_engine(tuple(args.years))
    print(f"engine start-up (import + build + warm-up of {engine.years}): {time.perf_counter() - t0:.1f} s")
    shapes = random_households(args.seed, args.per_shape)
    n = sum(len(hs) for hs in shapes.values())
    print(
        f"{len(shapes)} shapes x {args.per_shape} households (seed {args.seed}) = {n}; x {args.repeat} checks; "
        f"tax years {', '.join(map(str, args.years))}"
    )
    wall: dict[str, list[float]] = {name: [] for name in shapes}
    cpu: dict[str, list[float]] = {name: [] for name in shapes}
    before_wall: dict[str, list[float]] = {name: [] for name in shapes}
    before_cpu: dict[str, list[float]] = {name: [] for name in shapes}
    loads = [os.getloadavg()]
    for households in shapes.values():  # one untimed check each: first-use costs are not the shape's
        for household in households:
            check_household(household, args.years[0], engine=engine)
    for _ in range(args.repeat):
        for year in args.years:
            for i in range(args.per_shape):
                for name, households in shapes.items():
                    t, c = time.perf_counter(), time.process_time()
                    check_household(households[i], year, engine=engine)
                    wall[name].append(time.perf_counter() - t)
                    cpu[name].append(time.process_time() - c)
                    if args.before:  # the same check as before issue #19, interleaved
                        t, c = time.perf_counter(), time.process_time()
                        with _upstream_order():
                            check_household(households[i], year, engine=engine)
                        before_wall[name].append(time.perf_counter() - t)
                        before_cpu[name].append(time.process_time() - c)
        loads.append(os.getloadavg())
    print(f"\n{'shape':<30}{'n':>5}{'wall p50':>10}{'wall p95':>10}{'CPU p50':>10}{'CPU p95':>10}  target (wall)")
    misses = []
    for name in shapes:
        w50, w95, c50, c95 = pct(wall[name], 50), pct(wall[name], 95), pct(cpu[name], 50), pct(cpu[name], 95)
        ok = w50 <= 100 and w95 <= 150
        misses += [] if ok else [name]
        print(
            f"{name:<30}{len(wall[name]):>5}{w50:>8.1f}ms{w95:>8.1f}ms{c50:>8.1f}ms{c95:>8.1f}ms  "
            f"{'met' if ok else 'MISSED'}"
        )
    if args.before:
        print(
            "\nBefore (--before: the same checks as before issue #19 - the non-dependant stand-in only when every "
            "benefit unit is rent-liable, counterfactual.BRANCH_INPUTS not calculated first):"
        )
        for name in shapes:
            print(
                f"{name:<30}{len(before_wall[name]):>5}{pct(before_wall[name], 50):>8.1f}ms"
                f"{pct(before_wall[name], 95):>8.1f}ms{pct(before_cpu[name], 50):>8.1f}ms"
                f"{pct(before_cpu[name], 95):>8.1f}ms"
            )
    every_wall = [x for v in wall.values() for x in v]
    every_cpu = [x for v in cpu.values() for x in v]
    print(
        f"{'all':<30}{len(every_wall):>5}{pct(every_wall, 50):>8.1f}ms{pct(every_wall, 95):>8.1f}ms"
        f"{pct(every_cpu, 50):>8.1f}ms{pct(every_cpu, 95):>8.1f}ms"
    )
    one = [load[0] for load in loads]
    print(
        f"load average (1 min) sampled {len(one)} times during the run: min {min(one):.1f}, "
        f"mean {statistics.mean(one):.1f}, max {max(one):.1f} on {os.cpu_count()} CPUs "
        f"(5 min at the end {loads[-1][1]:.1f})"
    )
    print(f"shapes over the target on wall-clock: {', '.join(misses) or 'none'}")
    return _fresh_comparison(engine, shapes, args)


@contextlib.contextmanager
def _upstream_order():
    """The fast path as it was before issue #19: the non-dependant stand-in only when every benefit unit is
    rent-liable, and the Pension Credit branch's inputs not calculated first."""
    from communities.benefits import counterfactual

    kept = counterfactual.BRANCH_INPUTS, counterfactual.pin_non_dependant_pension_credit

    def rent_liable_only(sim, year: int) -> bool:
        liable = np.asarray(sim.calculate("benunit_is_rent_liable", year), dtype=bool)
        if not liable.all():
            return False
        sim.set_input(counterfactual.NON_DEP_PC, year, np.zeros(len(liable), dtype=bool))
        return True

    counterfactual.BRANCH_INPUTS, counterfactual.pin_non_dependant_pension_credit = (), rent_liable_only
    try:
        yield
    finally:
        counterfactual.BRANCH_INPUTS, counterfactual.pin_non_dependant_pension_credit = kept


def _fresh_comparison(engine, shapes: dict, args: argparse.Namespace) -> int:
    """Every variable of the warm engine against a fresh Simulation per sampled household (to the penny)."""
    if args.fresh_per_shape <= 0:
        return 0
    from policyengine_uk import Simulation

    differ = []
    times = []
    for year in args.years:
        for name, households in shapes.items():
            for household in households[: args.fresh_per_shape]:
                _, fast = engine.calculate_households([household], year)
                t = time.perf_counter()
                sim = Simulation(situation=to_situation(household, year))
                fresh = {v: np.asarray(sim.calculate(v, year), float) for v in ALL_VARIABLES}
                times.append(time.perf_counter() - t)
                wrong = [
                    v for v in ALL_VARIABLES if np.abs(fresh[v] - np.asarray(fast[v], float)).max(initial=0) >= 0.005
                ]
                if wrong:
                    differ.append((name, year, wrong))
    print(
        f"\nfresh Simulation on {len(times)} households ({args.fresh_per_shape} per shape and year): "
        f"p50 {pct(times, 50):.0f} ms; same amounts to the penny: "
        f"{'all' if not differ else f'{len(times) - len(differ)} of {len(times)}'}"
    )
    for name, year, wrong in differ:
        print(f"  DIFFERENT: {name} {year}: {', '.join(wrong)}")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", action="store_true", help="per-shape latency of random households (issue #19)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--per-shape", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--years", type=int, nargs="+", default=[2025])
    parser.add_argument("--fresh-per-shape", type=int, default=1)
    parser.add_argument("--before", action="store_true", help="also time each check as before issue #19")
    parser.add_argument("--warm", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=10)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--vary", action="store_true", help="a different rent at each warm check")
    args = parser.parse_args()
    if args.shapes:
        sys.exit(shapes_main(args))
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
