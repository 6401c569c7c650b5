"""Benchmark: planning one Volunteer Driver Service day (150 trips, 15 drivers) as the planning job does, against
OR-Tools on the same instance with the same wall-clock budget.

Usage::

    python benchmarks/transport_day.py [--trips 150] [--drivers 15] [--budget 48] [--slices 6] [--seed 0]
                                       [--no-ortools]

The day is synthetic but shaped like a Stockton-on-Tees scheme's (see :func:`synthetic_day`): homes spread over the
borough, hospital appointments at University Hospital of North Tees and James Cook University Hospital with return
journeys, GP surgeries, shopping in Stockton and Thornaby, lunch clubs; a tenth of passengers use a wheelchair, a sixth
travel with an escort; three cars have a wheelchair space; two drivers lack an enhanced DBS check and so may not take
health trips (regulated activity). Travel times: haversine x 1.3 at 30 km/h (the offline default of
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
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from communities.scheduling import check_routes, check_solution  # noqa: E402
from communities.transport.planning.instance import DriverShift, Instance, TripNeed, build_instance  # noqa: E402
from communities.transport.planning.solving import insert_late, plan_slice, sequences  # noqa: E402

BOROUGH = (54.50, 54.63, -1.40, -1.22)  # Stockton-on-Tees, roughly: south, north, west, east
HOSPITALS = [(54.5905, -1.2878), (54.5513, -1.2145)]  # North Tees (Stockton), James Cook (Middlesbrough)
GP_SURGERIES = [(54.5700, -1.3190), (54.5560, -1.2960), (54.6030, -1.3360), (54.5210, -1.3490), (54.5840, -1.3530)]
SHOPS = [(54.5660, -1.3180), (54.5555, -1.2990)]  # Wellington Square, Thornaby Town Centre
CLUBS = [(54.5820, -1.3420), (54.5410, -1.3050), (54.6120, -1.3030)]


def synthetic_day(trips: int = 150, drivers: int = 15, seed: int = 0) -> tuple[list[TripNeed], list[DriverShift],
                                                                               dict[str, set[str]]]:
    """A day of ``trips`` requests (about a third health appointments with their returns) and ``drivers`` drivers."""
    rng = random.Random(seed)

    def home() -> tuple[float, float]:
        return (rng.uniform(BOROUGH[0], BOROUGH[1]), rng.uniform(BOROUGH[2], BOROUGH[3]))

    needs: list[TripNeed] = []
    health: set[str] = set()
    while len(needs) < trips:
        n, where, purpose = len(needs), home(), rng.random()
        escorts, chair = int(rng.random() < 0.17), rng.random() < 0.1
        if purpose < 0.35:
            dest = rng.choice(HOSPITALS + GP_SURGERIES)
            appt = rng.randrange(9 * 60, 15 * 60, 10)
            needs.append(TripNeed(f"t{n}", where, dest, appt - 75, appt - 45, appt, escorts, chair))
            health.add(f"t{n}")
            if len(needs) < trips:  # the return: collected 60-120 minutes after the appointment
                back = appt + rng.choice((60, 90, 120))
                needs.append(TripNeed(f"t{n + 1}", dest, where, back, back + 30, None, escorts, chair))
                health.add(f"t{n + 1}")
        else:
            dest = rng.choice(SHOPS if purpose < 0.7 else CLUBS)
            start = rng.randrange(9 * 60, 15 * 60, 15)
            needs.append(TripNeed(f"t{n}", where, dest, start, start + 30, None, escorts, chair))
    shifts = []
    for d in range(drivers):
        start, end = rng.choice(((8 * 60, 17 * 60), (8 * 60 + 30, 16 * 60), (9 * 60, 17 * 60 + 30), (8 * 60, 13 * 60),
                                  (12 * 60, 18 * 60)))
        shifts.append(DriverShift(f"d{d}", 0, home(), start, end, rng.choice((3, 3, 4)), int(d < 3)))
    no_dbs = {f"d{d}" for d in (drivers - 1, drivers - 2) if d >= 0}
    return needs, shifts, {t: set(no_dbs) for t in health}


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
