"""Benchmark: planning one Volunteer Driver Service day (150 trips, 15 drivers) as the planning job does, against
OR-Tools on the same instance with the same wall-clock budget.

Usage::

    python benchmarks/transport_day.py [--trips 150] [--drivers 15] [--budget 48] [--slices 6] [--seed 0]
                                       [--no-ortools]

The day is synthetic but shaped like a Stockton-on-Tees scheme's (``communities.transport.planning.synthetic``).
Travel times: haversine x 1.3 at 30 km/h (the offline default of
``communities.scheduling.travel``).

Our planner runs as :class:`communities.transport.planning.jobs.PlanDayJob` does: ``--slices`` slices of
``budget / slices`` seconds, each continuing from the previous plan (the job saves the plan between slices so a
killed worker resumes). "cold" is the first plan in a fresh process (numba kernels loaded from the disk cache, or
compiled), "warm" a second plan of the same day in the same process. Then a late booking is inserted into the warm
plan without moving anyone else (target <= 1 s). OR-Tools (the model of ``benchmarks/darp.py``) gets the same budget.
Every plan is verified by the independent checker. The table prints the load average: on a shared 2-core machine
wall-clock figures measure the load as much as the code.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from communities.scheduling import check_routes, check_solution  # noqa: E402
from communities.transport.planning.instance import Instance, build_instance  # noqa: E402
from communities.transport.planning.solving import insert_late, plan_slice, sequences  # noqa: E402
from communities.transport.planning.synthetic import synthetic_day  # noqa: E402


def run_ours(inst: Instance, budget: float, slices: int, seed: int) -> tuple[dict, float]:
    t0 = time.perf_counter()
    plan = None
    for k in range(slices):
        plan = sequences(solution := plan_slice(inst.problem, plan, budget / slices, seed=seed + k))
    return {"solution": solution, "seconds": time.perf_counter() - t0}, time.perf_counter() - t0


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def row(label: str, seconds: float, served: int, total: int, km: float | None, load_avg: str) -> str:
    km_s = f"{km:9.1f}" if km is not None else "   INFEAS"
    return f"{label:<28} {seconds:8.2f} {served:>4}/{total:<4} {km_s} {load_avg:>16}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trips", type=int, default=150)
    ap.add_argument("--drivers", type=int, default=15)
    ap.add_argument("--budget", type=float, default=48.0, help="search seconds in all slices together")
    ap.add_argument("--slices", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-ortools", action="store_true")
    args = ap.parse_args(argv)
    trips, shifts, blocked = synthetic_day(args.trips, args.drivers, args.seed)
    late = trips.pop()
    t0 = time.perf_counter()
    inst = build_instance(trips, shifts, blocked)
    built = time.perf_counter() - t0
    n = len(trips)
    print(f"{n} trips, {len(shifts)} drivers, {len(inst.problem.dimensions)} capacity dimensions "
          f"({', '.join(inst.problem.dimensions)}); instance built in {built * 1000:.0f} ms; "
          f"budget {args.budget:g} s in {args.slices} slices; load average at start {load()}")
    print(f"{'run':<28} {'seconds':>8} {'served':>9} {'km':>9} {'load average':>16}")
    for label in ("ours, cold (first in process)", "ours, warm"):
        out, secs = run_ours(inst, args.budget, args.slices, args.seed)
        sol = out["solution"]
        assert check_solution(inst.problem, sol).feasible
        print(row(label, secs, n - len(sol.unserved), n, sol.distance, load()), flush=True)
    full = build_instance([*trips, late], shifts, blocked)
    t0 = time.perf_counter()
    after, vehicle = insert_late(full.problem, sequences(sol), late.id)
    secs = time.perf_counter() - t0
    moved = sum(1 for v, stops in sequences(after).items()
                if [s for s in stops if s[0] != late.id] != sequences(sol).get(v, []))
    print(row(f"late booking -> {vehicle or 'no room'}", secs, n + 1 - len(after.unserved), n + 1, after.distance,
              load()) + f"  (runs changed besides it: {moved})")
    if not args.no_ortools:
        from darp import solve_ortools

        t0 = time.perf_counter()
        routes, dropped = solve_ortools(inst, args.budget)
        secs = time.perf_counter() - t0
        report = check_routes(inst.problem, routes, require_all_mandatory=False)
        print(row("OR-Tools, same budget", secs, n - dropped, n, report.distance if report.feasible else None, load()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
