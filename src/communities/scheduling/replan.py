"""Interactive re-planning: insert one new booking into an existing plan quickly (target <= 1 s).

Method: the cheapest feasible insertion over all vehicles (exact eight-step schedule check, as in
the repair step of Ropke & Pisinger 2006), keeping every existing booking on its vehicle and in
its order.  If no vehicle has room, a short ALNS run (bounded by ``time_limit``) starting from the
current plan may move other bookings to make room; bookings that were served stay served.
"""

from __future__ import annotations

import time

import numpy as np

from communities.scheduling.alns import Alns, AlnsConfig, SearchState, empty_state, problem_tuple
from communities.scheduling.arrays import compile_problem
from communities.scheduling.insertion import apply_insertion, best_insertion, make_work
from communities.scheduling.model import Problem, Request
from communities.scheduling.solution import Solution
from communities.scheduling.solver import to_solution


def state_from_solution(problem: Problem, solution: Solution) -> SearchState:
    """Rebuild the search state (node sequences per vehicle) of ``solution`` for ``problem``."""
    pa = compile_problem(problem)
    st = empty_state(pa)
    R, V = pa.n_req, pa.n_veh
    ridx = problem.request_index()
    vidx = {v.id: i for i, v in enumerate(problem.vehicles)}
    for rt in solution.routes:
        v = vidx[rt.vehicle_id]
        nodes = [2 * R + v]
        for vis in rt.visits:
            if vis.request_id is None:
                continue
            r = ridx[vis.request_id]
            nodes.append(r if str(vis.kind) == "pickup" else R + r)
            st.req_route[r] = v
        nodes.append(2 * R + V + v)
        st.routes[v, : len(nodes)] = nodes
        st.lengths[v] = len(nodes)
    return st


def insert_booking(problem: Problem, solution: Solution, request: Request, time_limit: float = 0.5,
                   seed: int = 0) -> tuple[Problem, Solution]:
    """Return ``(new problem, new solution)`` with ``request`` added to ``problem`` and planned.

    The new request is inserted at its cheapest feasible position; if there is none and
    ``time_limit > 0``, a short ALNS re-optimisation from the current plan tries to make room.
    Requests unserved before stay candidates for insertion in that run.  If the booking still
    cannot be served it is reported in ``solution.unserved`` with the reason.
    """
    t0 = time.perf_counter()
    new_problem = problem.with_requests([*problem.requests, request])
    pa = compile_problem(new_problem)
    st = state_from_solution(new_problem, solution)
    r = pa.n_req - 1
    P, W = problem_tuple(pa), make_work(pa.n_nodes, pa.q.shape[1])
    best, bv, bi, bj = np.inf, -1, -1, -1
    for v in range(pa.n_veh):
        c, i, j = best_insertion(r, v, st.routes, st.lengths, min(best, pa.penalty[r]), P, W)
        if c < best:
            best, bv, bi, bj = c, v, i, j
    if bv >= 0:
        apply_insertion(r, bv, bi, bj, st.routes, st.lengths, st.req_route, pa.n_req, W[7])
    elif time_limit > 0:
        served_before = st.req_route >= 0
        alns = Alns(pa, seed, AlnsConfig(max_remove=10))
        cand, _ = alns.run(time_limit=max(0.0, time_limit - (time.perf_counter() - t0)), initial=st)
        if cand.req_route[r] >= 0 and np.all(cand.req_route[served_before] >= 0):
            st = cand
    sol = to_solution(new_problem, pa, st)
    sol.seconds = time.perf_counter() - t0
    return new_problem, sol
