"""Public entry point: :func:`solve` (ALNS) and conversion of the search state to a Solution."""

from __future__ import annotations

import time

import numpy as np

from communities.scheduling.alns import Alns, AlnsConfig, SearchState, empty_state
from communities.scheduling.arrays import ProblemArrays, compile_problem
from communities.scheduling.insertion import best_insertion
from communities.scheduling.model import Problem
from communities.scheduling.solution import Solution, UnservedReason, timetable


def solve(problem: Problem, time_limit: float | None = 10.0, seed: int = 0, max_iterations: int | None = None,
          config: AlnsConfig | None = None) -> Solution:
    """Plan routes for ``problem`` with adaptive large neighbourhood search.

    Stops after ``time_limit`` seconds or ``max_iterations`` ALNS iterations, whichever comes
    first (at least one must be given).  The search trajectory is a fixed function of
    ``(problem, seed, config)``: with ``max_iterations`` and no binding time limit the result is
    reproducible bit for bit; a time limit only truncates the trajectory (see :mod:`alns`).
    The compiled kernels are built (or loaded from numba's on-disk cache) by :func:`warm_up` before
    the clock starts, so ``time_limit`` is search time; ``Solution.seconds`` includes model setup.
    """
    warm_up()
    t0 = time.perf_counter()
    pa = compile_problem(problem)
    alns = Alns(pa, seed, config)
    state, _ = alns.run(time_limit=time_limit, max_iterations=max_iterations)
    sol = to_solution(problem, pa, state)
    sol.iterations = alns.iterations
    sol.seconds = time.perf_counter() - t0
    return sol


_WARM = False


def warm_up() -> None:
    """Compile (or load from cache) every numba kernel once per process on a one-request problem."""
    global _WARM
    if _WARM:
        return
    from communities.scheduling.model import Request, Stop, Vehicle
    from communities.scheduling.travel import MatrixTravel

    tiny = Problem([Request("r", Stop(0), Stop(1)), Request("s", Stop(1), Stop(0))], [Vehicle("v", 0, 0)],
                   MatrixTravel([[0.0, 1.0], [1.0, 0.0]]))
    pa = compile_problem(tiny)
    alns = Alns(pa, 0, AlnsConfig(segment=1, cycle=1))
    for op in Alns.DESTROY:  # exercise every kernel (shaw needs service_starts)
        st, _ = alns.run(max_iterations=1)
        alns._destroy(st, op, 1)
    to_solution(tiny, pa, st)
    _WARM = True


def to_solution(problem: Problem, pa: ProblemArrays, state: SearchState) -> Solution:
    """Timetables for every used vehicle and a reason for every unserved request."""
    routes = []
    for v in range(pa.n_veh):
        m = int(state.lengths[v])
        if m > 2:
            routes.append(timetable(problem, pa, v, state.routes[v, :m]))
    unserved = {}
    for r in np.flatnonzero(state.req_route < 0):
        unserved[problem.requests[int(r)].id] = unserved_reason(pa, state, int(r))
    distance = sum(rt.distance for rt in routes)
    penalty = float(sum(problem.requests[int(r)].penalty for r in np.flatnonzero(state.req_route < 0)
                        if problem.requests[int(r)].optional))
    return Solution(routes, unserved, distance, penalty)


def unserved_reason(pa: ProblemArrays, state: SearchState, r: int) -> UnservedReason:
    """Why request ``r`` is unserved: impossible alone, no room in this plan, or penalty cheaper."""
    from communities.scheduling.alns import problem_tuple
    from communities.scheduling.insertion import make_work

    P, W = problem_tuple(pa), make_work(pa.n_nodes, pa.q.shape[1])
    alone = empty_state(pa)
    if all(best_insertion(r, v, alone.routes, alone.lengths, np.inf, P, W)[0] == np.inf for v in range(pa.n_veh)):
        return UnservedReason.NO_VEHICLE_CAN_SERVE
    best = min(best_insertion(r, v, state.routes, state.lengths, np.inf, P, W)[0] for v in range(pa.n_veh))
    if best < np.inf and not pa.mandatory[r] and best >= pa.penalty[r]:
        return UnservedReason.PENALTY_CHEAPER
    if not pa.mandatory[r]:
        # optional and no feasible slot now: either no room, or penalty cheaper than making room
        return UnservedReason.NO_ROOM_IN_PLAN if best == np.inf else UnservedReason.PENALTY_CHEAPER
    return UnservedReason.NO_ROOM_IN_PLAN


__all__ = ["AlnsConfig", "solve", "to_solution"]
