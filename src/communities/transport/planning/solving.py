"""Running the scheduling core for a day plan: in slices (so a background job can show progress and resume), and
one late booking into a published plan without moving anyone else.

Pure Python (no Django). A plan travels between slices, and into the database, as *sequences*: for each vehicle id
the ordered ``(trip id, "pickup" | "dropoff")`` stops; the timetable is recomputed from them by the core.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from communities.scheduling import Problem, Solution, check_solution, solve
from communities.scheduling.alns import Alns, SearchState, empty_state, problem_tuple
from communities.scheduling.arrays import compile_problem
from communities.scheduling.cooperate import Exchange
from communities.scheduling.insertion import apply_insertion, best_insertion, make_work
from communities.scheduling.solution import UnservedReason
from communities.scheduling.solver import search_seed, to_solution, warm_up

Sequences = dict[str, list[tuple[str, str]]]


def sequences(solution: Solution) -> Sequences:
    """The plan as ordered stops per vehicle (vehicles without trips left out)."""
    return {rt.vehicle_id: [(v.request_id, str(v.kind)) for v in rt.visits if v.request_id is not None]
            for rt in solution.routes}


def state_from_sequences(problem: Problem, seqs: Sequences, pa=None) -> SearchState:
    """The core's search state for these sequences; stops of trips or vehicles no longer in the problem are dropped
    (a trip cancelled between two slices of the job)."""
    pa = pa or compile_problem(problem)
    st = empty_state(pa)
    R, V = pa.n_req, pa.n_veh
    ridx = problem.request_index()
    vidx = {v.id: i for i, v in enumerate(problem.vehicles)}
    for vehicle_id, stops in seqs.items():
        if vehicle_id not in vidx:
            continue
        v = vidx[vehicle_id]
        nodes = [2 * R + v]
        kept = [(ridx[t], kind) for t, kind in stops if t in ridx]
        complete = {r for r, kind in kept if kind == "pickup"} & {r for r, kind in kept if kind == "dropoff"}
        for r, kind in kept:
            if r in complete:
                nodes.append(r if kind == "pickup" else R + r)
                st.req_route[r] = v
        nodes.append(2 * R + V + v)
        st.routes[v, : len(nodes)] = nodes
        st.lengths[v] = len(nodes)
    return st


def solution_from_sequences(problem: Problem, seqs: Sequences) -> Solution:
    """Timetables for saved sequences (raises ValueError if one is no longer feasible for the core)."""
    pa = compile_problem(problem)
    return to_solution(problem, pa, state_from_sequences(problem, seqs, pa))


def plan_slice(problem: Problem, previous: Sequences | None, seconds: float, seed: int = 0,
               workers: int = 2) -> Solution:
    """One slice of planning: a fresh search (no previous plan) or ``workers`` cooperating searches continuing from
    the previous plan for ``seconds``; returns the best plan, checked by the independent checker."""
    impossible = impossible_alone(problem)
    possible = problem.with_requests([r for r in problem.requests if r.id not in impossible])
    if not possible.requests:
        solution = Solution([], {})
    elif previous is None:
        solution = solve(possible, time_limit=seconds, seed=seed, workers=workers)
    else:
        solution = _improve(possible, previous, seconds, seed, workers)
    solution.unserved.update(dict.fromkeys(impossible, UnservedReason.NO_VEHICLE_CAN_SERVE))
    report = check_solution(problem, solution)
    if not report.feasible:  # the core guarantees feasibility; refuse to save a plan that is not
        raise RuntimeError("The planned runs failed the independent check: " + "; ".join(report.errors[:5]))
    return solution


def impossible_alone(problem: Problem) -> set[str]:
    """Trips no car can take even with nothing else to do (set aside before the search, which needs at least one
    possible route)."""
    warm_up()
    pa = compile_problem(problem)
    st = empty_state(pa)
    P, W = problem_tuple(pa), make_work(pa.n_nodes, pa.q.shape[1])
    return {req.id for r, req in enumerate(problem.requests)
            if all(best_insertion(r, v, st.routes, st.lengths, np.inf, P, W)[0] == np.inf for v in range(pa.n_veh))}


def _improve(problem: Problem, previous: Sequences, seconds: float, seed: int, workers: int) -> Solution:
    warm_up()
    t0 = time.perf_counter()
    pa = compile_problem(problem)
    start = state_from_sequences(problem, previous, pa)
    searches = [Alns(pa, search_seed(seed, i), None) for i in range(workers)]
    exchange = Exchange(workers)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="plan") as pool:
        futures = [pool.submit(a.run, time_limit=seconds, initial=start.copy(), exchange=exchange, index=i)
                   for i, a in enumerate(searches)]
        outcomes = [f.result() for f in futures]
    best = min(range(workers), key=lambda i: (outcomes[i][1], i))
    solution = to_solution(problem, pa, outcomes[best][0])
    solution.iterations = sum(a.iterations for a in searches)
    solution.seconds = time.perf_counter() - t0
    return solution


def insert_late(problem: Problem, seqs: Sequences, trip_id: str,
                vehicles: set[str] | None = None) -> tuple[Solution, str | None]:
    """Put one trip into a plan at its cheapest feasible place (among ``vehicles`` if given: a move by hand to one
    driver), keeping every other trip on its driver and in its order (no re-shuffle); returns the new plan and the
    vehicle id that takes it (None: no room)."""
    pa = compile_problem(problem)
    st = state_from_sequences(problem, {v: [s for s in stops if s[0] != trip_id] for v, stops in seqs.items()}, pa)
    r = problem.request_index()[trip_id]
    P, W = problem_tuple(pa), make_work(pa.n_nodes, pa.q.shape[1])
    best, bv, bi, bj = np.inf, -1, -1, -1
    for v in range(pa.n_veh):
        if vehicles is not None and problem.vehicles[v].id not in vehicles:
            continue
        cost, i, j = best_insertion(r, v, st.routes, st.lengths, best, P, W)
        if cost < best:
            best, bv, bi, bj = cost, v, i, j
    if bv >= 0:
        apply_insertion(r, bv, bi, bj, st.routes, st.lengths, st.req_route, pa.n_req, W[7])
    return to_solution(problem, pa, st), (problem.vehicles[bv].id if bv >= 0 else None)
