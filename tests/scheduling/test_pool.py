"""Route pool and set-partitioning recombination (CP-SAT), window tightening, and determinism."""

from __future__ import annotations

import numpy as np
import pytest

from communities.scheduling import AlnsConfig, check_solution, read_darp, solve
from communities.scheduling.alns import Alns, SearchState
from communities.scheduling.arrays import compile_problem
from communities.scheduling.checker import schedule_exists
from communities.scheduling.evaluate import schedule_route
from communities.scheduling.pool import RoutePool
from communities.scheduling.reader import read_sol
from communities.scheduling.solver import to_solution

from ._util import FIXTURES


def _feasible(pa, routes, lengths):  # noqa: ANN001, ANN202
    m = routes.shape[1] + 2
    work = [np.zeros(m) for _ in range(4)]
    pos = np.zeros(pa.n_nodes, dtype=np.int64)
    return all(schedule_route(routes[v], lengths[v], v, pa.n_req, pa.e, pa.l, pa.s, pa.q, pa.tt, pa.maxride, pa.cap,
                              pa.maxdur, *work, pos) for v in range(routes.shape[0]) if lengths[v] > 2)


def test_recombination_mixes_routes_of_two_plans_and_never_loses():
    inst = read_darp(FIXTURES / "a4-24.txt")
    pa = compile_problem(inst.problem)
    plans = []
    for seed in (1, 2, 3):
        search = Alns(pa, seed, AlnsConfig(sp_interval=0))
        plans.append(search.run(max_iterations=40)[0])
    costs = [search.cost(p) for p in plans]
    pool = RoutePool(pa)
    for p in plans:
        pool.add_state(p.routes, p.lengths)
    worst = plans[int(np.argmax(costs))]
    out = pool.recombine(worst.routes, worst.lengths, worst.req_route, seed=0, work_limit=5.0)
    assert out is not None  # the best of the three plans is in the pool, so a better plan exists
    st = SearchState(*out)
    assert search.cost(st) <= min(costs) + 1e-9
    assert _feasible(pa, st.routes, st.lengths)
    assert (st.req_route >= 0).all()
    sol = to_solution(inst.problem, pa, st)
    assert check_solution(inst.problem, sol).feasible
    # nothing better than the plan itself in a pool of its own routes
    alone = RoutePool(pa)
    best = plans[int(np.argmin(costs))]
    assert alone.recombine(best.routes, best.lengths, best.req_route, seed=0) is None


def test_pool_forgets_the_oldest_routes_beyond_its_capacity():
    inst = read_darp(FIXTURES / "a2-16.txt")
    pa = compile_problem(inst.problem)
    R, V = pa.n_req, pa.n_veh
    pool = RoutePool(pa, capacity=3)

    def alone(r):  # noqa: ANN001, ANN202 - request r alone in vehicle 0
        routes = np.zeros((V, 2 * R + 2), dtype=np.int64)
        routes[0, :4] = [2 * R, r, R + r, 2 * R + V]
        routes[1, :2] = [2 * R + 1, 2 * R + V + 1]
        return routes, np.array([4, 2], dtype=np.int64)

    for r in (0, 1, 2):
        pool.add_state(*alone(r))
    pool.add_state(*alone(0))  # seen again: now the most recent
    pool.add_state(*alone(3))  # over capacity: the oldest (request 1) goes
    kept = sorted(int(np.frombuffer(raw, dtype=np.int64)[0]) for _, raw in pool.routes)
    assert kept == [0, 2, 3]
    assert pool.added == 5
    cost = next(iter(pool.routes.values()))
    assert cost > 0


def test_search_with_recombination_is_deterministic_and_checked():
    inst = read_darp(FIXTURES / "a5-40.txt")
    cfg = AlnsConfig(sp_interval=50, cycle=100)

    def run():  # noqa: ANN202
        sol = solve(inst.problem, time_limit=None, max_iterations=300, seed=11, config=cfg)
        assert check_solution(inst.problem, sol).feasible
        return sol.distance, [(r.vehicle_id, r.request_sequence()) for r in sol.routes]

    assert run() == run()


@pytest.mark.parametrize("sol", sorted(FIXTURES.glob("*.sol")), ids=lambda p: p.stem)
def test_window_tightening_keeps_every_published_optimal_timetable(sol):
    """The exact latest-start timetable of every route of a published optimum fits the tightened windows."""
    inst = read_darp(FIXTURES / f"{sol.stem}.txt")
    pa = compile_problem(inst.problem)
    n = inst.n
    R = pa.n_req
    for ids in read_sol(sol, n):
        seq = [(str(i if i <= n else i - n), "pickup" if i <= n else "dropoff") for i in ids]
        ok, times = schedule_exists(inst.problem, 0, seq)
        assert ok
        for node_id, t in zip(ids, times[1:-1], strict=True):
            node = node_id - 1 if node_id <= n else R + node_id - n - 1
            assert pa.ew[node] - 1e-5 <= t <= pa.lw[node] + 1e-5
    raw = read_darp(FIXTURES / f"{sol.stem}.txt").problem.requests
    widths = [(r.pickup.window.latest - r.pickup.window.earliest) for r in raw]
    assert float(np.mean(pa.lw[:R] - pa.ew[:R])) < float(np.mean(widths))  # and they did shrink


def test_recombination_of_an_empty_plan_with_an_empty_pool_finds_nothing_to_do():
    """No route at all (every request unserved, nothing seen yet): nothing to recombine, not a crash (issue 15: a day
    whose trips no car could take reached max() of an empty sequence)."""
    inst = read_darp(FIXTURES / "a2-16.txt")
    pa = compile_problem(inst.problem)
    V, R = pa.n_veh, pa.n_req
    routes = np.zeros((V, 2 * R + 2), dtype=np.int64)
    lengths = np.full(V, 2, dtype=np.int64)
    req_route = np.full(R, -1, dtype=np.int64)
    assert RoutePool(pa).recombine(routes, lengths, req_route, seed=0) is None
