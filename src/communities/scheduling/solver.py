"""Public entry point: :func:`solve` (ALNS) and conversion of the search state to a Solution."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from communities.scheduling.alns import Alns, AlnsConfig, SearchState, empty_state
from communities.scheduling.arrays import ProblemArrays, compile_problem
from communities.scheduling.cooperate import Exchange
from communities.scheduling.insertion import best_insertion
from communities.scheduling.model import Problem
from communities.scheduling.solution import Solution, UnservedReason, timetable


def solve(problem: Problem, time_limit: float | None = 10.0, seed: int = 0, max_iterations: int | None = None,
          config: AlnsConfig | None = None, workers: int = 2, cooperate: bool = True) -> Solution:
    """Plan routes for ``problem`` with adaptive large neighbourhood search.

    Runs ``workers`` searches side by side (threads; the compiled kernels release the GIL, so two
    searches use two cores) and keeps the cheapest plan, the lowest-numbered search winning a tie.
    Search 0 uses ``seed`` itself, so ``workers=1`` is the single search; search ``i`` uses a seed
    derived from ``(seed, i)``.  With ``cooperate`` (the default) the searches meet at the end of
    every annealing cycle -- after a fixed number of iterations -- and all restart from the best
    solution found so far by any of them (:mod:`cooperate`); otherwise they are independent.  Each
    stops after ``time_limit`` seconds or ``max_iterations`` ALNS iterations, whichever comes first
    (at least one must be given).  With ``max_iterations`` and no binding time limit the result is a
    fixed function of ``(problem, seed, config, workers, cooperate)``, reproducible bit for bit
    whatever the thread timing; a time limit only truncates the trajectories (see :mod:`alns`).
    The default of two searches matches the two-core machines the service is sized for
    (docs/adr/0004); on one core they share it.
    The compiled kernels are built (or loaded from numba's on-disk cache) by :func:`warm_up` before
    the clock starts, so ``time_limit`` is search time; ``Solution.seconds`` includes model setup.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    warm_up()
    t0 = time.perf_counter()
    pa = compile_problem(problem)
    searches = [Alns(pa, search_seed(seed, i), config) for i in range(workers)]
    if workers == 1:
        outcomes = [searches[0].run(time_limit=time_limit, max_iterations=max_iterations)]
    else:
        exchange = Exchange(workers) if cooperate else None
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="alns") as pool:
            futures = [pool.submit(a.run, time_limit=time_limit, max_iterations=max_iterations, exchange=exchange,
                                   index=i) for i, a in enumerate(searches)]
            outcomes = [f.result() for f in futures]
    winner = min(range(workers), key=lambda i: (outcomes[i][1], i))
    sol = to_solution(problem, pa, outcomes[winner][0])
    sol.iterations = sum(a.iterations for a in searches)
    sol.seconds = time.perf_counter() - t0
    sol.trace = merge_traces([a.trace for a in searches], t0)
    return sol


def merge_traces(traces: list[list[tuple[float, float]]], t0: float) -> list[tuple[float, float]]:
    """Best cost of all searches over time: ``(seconds since t0, cost)`` at each improvement."""
    out: list[tuple[float, float]] = []
    for t, c in sorted(e for tr in traces for e in tr):
        if not out or c < out[-1][1] - 1e-9:
            out.append((t - t0, c))
    return out


def search_seed(seed: int, index: int) -> int:
    """The seed of parallel search ``index``: ``seed`` itself for the first, then derived from both."""
    if index == 0:
        return seed
    return int(np.random.SeedSequence([seed, index]).generate_state(1)[0])


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
