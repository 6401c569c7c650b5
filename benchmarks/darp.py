"""Benchmark: our ALNS dial-a-ride solver against OR-Tools' routing solver on Cordeau-format files.

Usage::

    python benchmarks/darp.py [--budget SECONDS] [--seed N] [--no-ortools] [--iterations N] [--workers N]
                              [--set ab|pr|all] [--solutions-dir DIR] [INSTANCE_FILE ...]

The pr table of issue #20 (60 s per solver, OR-Tools in the same run, gaps at 10, 30 and 60 s)::

    python benchmarks/darp.py --set pr --budget 60

Without files, runs every a- and b-series instance in ``tests/fixtures/darp`` (``--set pr``: the
Cordeau & Laporte 2003 instances pr01-pr10 in ``tests/fixtures/darp/pr``, read as published).
"at 10s" / "at 30s" are the gaps of our best plan after 10 and 30 s of the same run (anytime
behaviour; only printed for checkpoints below the budget).  Our solver runs
``--workers`` cooperating searches (default 2, as in :func:`solve`); "iters" is their total.  Both solvers get
the same wall-clock budget, on the same machine, in the same run, one after the other; every
solution is verified by the independent checker (:mod:`communities.scheduling.checker`), which
also recomputes the real (unrounded Euclidean) cost that is reported.

OR-Tools model (pywrapcp): pickups and deliveries (same vehicle, pickup first), time dimension
with waiting, time windows, ride-time limit as ``B_drop - B_pick <= s_pick + L``, route duration as
a span bound, one capacity dimension per load dimension, every pickup in a disjunction with our
penalty (mandatory requests: a very large one); first solution LOCAL_CHEAPEST_INSERTION, then
GUIDED_LOCAL_SEARCH.  OR-Tools works in integers, so times and distances are scaled by
:data:`SCALE`; transit times are rounded *up* and window ends *down*, so its integer schedules
stay feasible for the exact times.  Benchmarks are never part of the test run.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
import time
from pathlib import Path

try:
    import resource
except ImportError:  # not on Windows
    resource = None

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communities.scheduling.arrays import compile_problem  # noqa: E402
from communities.scheduling.checker import check_routes, check_solution  # noqa: E402
from communities.scheduling.reader import DarpInstance, read_darp  # noqa: E402
from communities.scheduling.solver import solve  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "darp"
SCALE = 1000


PR_FIXTURES = FIXTURES / "pr"
CHECKPOINTS = (10.0, 30.0)  # seconds: anytime gaps printed besides the final one


def load_bks(path: Path | None = None) -> dict[str, float]:
    """Best-known values of the a/b set and the pr set (or of one given file)."""
    out: dict[str, float] = {}
    for p in ([path] if path is not None else [FIXTURES / "bks.csv", PR_FIXTURES / "bks.csv"]):
        if p.exists():
            with p.open(newline="") as f:
                out.update({row["instance"]: float(row["bks"]) for row in csv.DictReader(f)})
    return out


def cost_at(trace: list[tuple[float, float]], seconds: float) -> float | None:
    """Best cost found within ``seconds`` of the start of the solve (``trace``: (seconds, best cost))."""
    best = None
    for t, c in trace:
        if t <= seconds:
            best = c
    return best


def series_of(name: str) -> str:
    return "pr" if name.startswith("pr") else name[0]


def load_now() -> tuple[float, float, float]:
    return os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3


def solve_ortools(inst: DarpInstance, budget: float) -> tuple[list[tuple[str, list[tuple[str, str]]]], int]:
    """Solve with OR-Tools routing; return stop sequences per vehicle and the number dropped."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    problem = inst.problem
    pa = compile_problem(problem)
    R, V, N = pa.n_req, pa.n_veh, pa.n_nodes
    starts = [2 * R + v for v in range(V)]
    ends = [2 * R + V + v for v in range(V)]
    manager = pywrapcp.RoutingIndexManager(N, V, starts, ends)
    routing = pywrapcp.RoutingModel(manager)
    dist = [[int(round(pa.dist[i, j] * SCALE)) for j in range(N)] for i in range(N)]
    transit = [[int(math.ceil((pa.s[i] + pa.tt[i, j]) * SCALE - 1e-9)) for j in range(N)] for i in range(N)]

    def dist_cb(a: int, b: int) -> int:
        return dist[manager.IndexToNode(a)][manager.IndexToNode(b)]

    def time_cb(a: int, b: int) -> int:
        return transit[manager.IndexToNode(a)][manager.IndexToNode(b)]

    dcb = routing.RegisterTransitCallback(dist_cb)
    routing.SetArcCostEvaluatorOfAllVehicles(dcb)
    tcb = routing.RegisterTransitCallback(time_cb)
    finite_l = pa.l[pa.l < math.inf]
    horizon = int(math.floor(max(float(finite_l.max()) if finite_l.size else 1e5, 1.0) * SCALE)) + 1
    routing.AddDimension(tcb, horizon, horizon, False, "time")
    tdim = routing.GetDimensionOrDie("time")
    for node in range(N):
        lo = int(math.ceil(pa.e[node] * SCALE - 1e-9))
        hi = horizon if pa.l[node] == math.inf else int(math.floor(pa.l[node] * SCALE + 1e-9))
        idx = (routing.Start(node - 2 * R) if 2 * R <= node < 2 * R + V
               else routing.End(node - 2 * R - V) if node >= 2 * R + V else manager.NodeToIndex(node))
        tdim.CumulVar(idx).SetRange(lo, min(hi, horizon))
    for v in range(V):
        if pa.maxdur[v] < math.inf:
            tdim.SetSpanUpperBoundForVehicle(int(math.floor(pa.maxdur[v] * SCALE + 1e-9)), v)
        routing.AddVariableMinimizedByFinalizer(tdim.CumulVar(routing.Start(v)))
        routing.AddVariableMinimizedByFinalizer(tdim.CumulVar(routing.End(v)))
    for d in range(pa.q.shape[1]):
        qd = [int(pa.q[i, d]) for i in range(N)]

        def load_cb(a: int, qd: list[int] = qd) -> int:
            return qd[manager.IndexToNode(a)]

        lcb = routing.RegisterUnaryTransitCallback(load_cb)
        routing.AddDimensionWithVehicleCapacity(lcb, 0, [int(c) for c in pa.cap[:, d]], True, f"load{d}")
    solver = routing.solver()
    for r in range(R):
        p, dl = manager.NodeToIndex(r), manager.NodeToIndex(R + r)
        routing.AddPickupAndDelivery(p, dl)
        solver.Add(routing.VehicleVar(p) == routing.VehicleVar(dl))
        solver.Add(tdim.CumulVar(p) <= tdim.CumulVar(dl))
        if pa.maxride[r] < math.inf:
            limit = int(math.floor((pa.s[r] + pa.maxride[r]) * SCALE + 1e-9))
            solver.Add(tdim.CumulVar(dl) - tdim.CumulVar(p) <= limit)
        routing.AddDisjunction([p, dl], int(round(pa.penalty[r] * SCALE)), 2)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.LOCAL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(budget * 1000))
    sol = routing.SolveWithParameters(params)
    routes: list[tuple[str, list[tuple[str, str]]]] = []
    if sol is None:
        return routes, R
    served = 0
    for v in range(V):
        idx = routing.Start(v)
        seq = []
        idx = sol.Value(routing.NextVar(idx))
        while not routing.IsEnd(idx):
            node = manager.IndexToNode(idx)
            rid = problem.requests[node % R].id if node < 2 * R else None
            if rid is not None:
                seq.append((rid, "pickup" if node < R else "dropoff"))
                served += node < R
            idx = sol.Value(routing.NextVar(idx))
        if seq:
            routes.append((problem.vehicles[v].id, seq))
    return routes, R - served


def write_sol(path: Path, inst: DarpInstance, sol) -> None:  # noqa: ANN001
    index = inst.problem.request_index()
    lines = []
    for rt in sol.routes:
        ids = [str(inst.node_id(index[v.request_id], str(v.kind) == "dropoff"))  # depots omitted
               for v in rt.visits if v.request_id is not None]
        lines.append(" ".join(ids))
    path.write_text(f"# {inst.name}: cost {sol.distance:.4f}\n" + "\n".join(lines) + "\n", encoding="utf-8")


def fmt_gap(cost: float | None, bks: float | None) -> str:
    if cost is None or bks is None:
        return "-"
    return f"{100 * (cost - bks) / bks:+.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per instance and solver (default 60)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-ortools", action="store_true")
    ap.add_argument("--iterations", type=int, default=None,
                    help="also stop our solver after N ALNS iterations (deterministic for a seed)")
    ap.add_argument("--workers", type=int, default=2, help="parallel cooperating searches (default 2)")
    ap.add_argument("--solutions-dir", type=Path)
    ap.add_argument("--set", choices=("ab", "pr", "all"), default="ab",
                    help="instances when no files are given: a/b (default), pr01-pr10, or both")
    ap.add_argument("instances", nargs="*", type=Path)
    args = ap.parse_args(argv)
    default = {"ab": sorted(FIXTURES.glob("[ab]*.txt")), "pr": sorted(PR_FIXTURES.glob("pr*.txt"))}
    default["all"] = default["ab"] + default["pr"]
    files = args.instances or default[args.set]
    if not files:
        ap.error(f"no instance files given and none in {FIXTURES}")
    bks = load_bks()
    if args.solutions_dir:
        args.solutions_dir.mkdir(parents=True, exist_ok=True)
    # compile the numba kernels outside the timed runs
    solve(read_darp(files[0]).problem, time_limit=None, max_iterations=1)
    load = load_now()
    print(f"budget {args.budget:g} s wall-clock per solver and instance, seed {args.seed}, "
          f"iteration limit {args.iterations} per search, {args.workers} searches, "
          f"{os.cpu_count()} CPUs, load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    checkpoints = [c for c in CHECKPOINTS if c < args.budget]
    head = (f"{'instance':<10}{'BKS':>9}" + "".join(f"{f'at {c:g}s':>8}" for c in checkpoints)
            + f"{'ours':>10}{'gap%':>8}{'OR-Tools':>10}{'gap%':>8}{'ours s':>8}{'OR s':>7}{'ours cpu':>9}"
            f"{'iters':>8}{'load':>6}")
    print(head, flush=True)
    gaps: dict[str, list[float]] = {}
    early: dict[tuple[str, float], list[float]] = {}
    wins = 0
    compared = 0
    for f in files:
        inst = read_darp(f)
        ref = bks.get(inst.name)
        t, c = time.perf_counter(), time.process_time()
        sol = solve(inst.problem, time_limit=args.budget, seed=args.seed, max_iterations=args.iterations,
                    workers=args.workers)
        ours_t, ours_cpu = time.perf_counter() - t, time.process_time() - c
        rep = check_solution(inst.problem, sol)
        ours = rep.distance if rep.feasible and not sol.unserved else None
        if args.solutions_dir and ours is not None:
            write_sol(args.solutions_dir / f"{inst.name}.sol", inst, sol)
        ort = None
        ort_t = 0.0
        if not args.no_ortools:
            t = time.perf_counter()
            routes, dropped = solve_ortools(inst, args.budget)
            ort_t = time.perf_counter() - t
            orep = check_routes(inst.problem, routes)
            ort = orep.distance if orep.feasible and dropped == 0 else None
        series = series_of(inst.name)
        if ours is not None and ref is not None:
            gaps.setdefault(series, []).append(100 * (ours - ref) / ref)
        at = []
        for c in checkpoints:
            v = cost_at(sol.trace, c) if ours is not None else None
            at.append(fmt_gap(v, ref))
            if v is not None and ref is not None:
                early.setdefault((series, c), []).append(100 * (v - ref) / ref)
        if ours is not None and ort is not None:
            compared += 1
            wins += ours < ort - 1e-6
        elif ours is not None and not args.no_ortools:
            compared += 1
            wins += 1
        ours_s = f"{ours:.2f}" if ours is not None else "INFEAS"
        ort_s = "-" if args.no_ortools else (f"{ort:.2f}" if ort is not None else "INFEAS")
        print(f"{inst.name:<10}{(f'{ref:.2f}' if ref else '-'):>9}" + "".join(f"{a:>8}" for a in at)
              + f"{ours_s:>10}{fmt_gap(ours, ref):>8}{ort_s:>10}{fmt_gap(ort, ref):>8}{ours_t:>8.1f}{ort_t:>7.1f}"
              f"{ours_cpu:>9.1f}{sol.iterations:>8}{load_now()[0]:>6.1f}", flush=True)
        if not rep.feasible:
            print(f"  ours infeasible: {rep.errors[:3]}", flush=True)
    for series, g in sorted(gaps.items()):
        print(f"{series}-series: {len(g)} instances, mean gap {sum(g) / len(g):+.3f} %, max gap {max(g):+.3f} %")
        for c in checkpoints:
            e = early.get((series, c), [])
            if e:
                print(f"  at {c:g} s: {len(e)} instances, mean gap {sum(e) / len(e):+.3f} %, max gap {max(e):+.3f} %")
    end = load_now()
    print(f"load average at end {end[0]:.2f} {end[1]:.2f} {end[2]:.2f}")
    if resource is not None:  # ru_maxrss is in KiB on Linux
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process (our solver and OR-Tools): {peak:.0f} MB (target <= 1 GB)")
    if not args.no_ortools:
        print(f"ours strictly better than OR-Tools on {wins} of {compared} instances")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
