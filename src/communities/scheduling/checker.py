"""Independent feasibility checker for dial-a-ride plans.

Written separately from the solver: it reads the :class:`~communities.scheduling.model.Problem`
objects and the travel provider directly (no compiled arrays, no numba, no code shared with
:mod:`evaluate`) and decides timing feasibility *exactly* with the difference-constraint view of a
route (as in Cordeau 2006 / the README of the benchmark data): with service-start variables
``B_k`` along the sequence,

* ``B_{k+1} - B_k >= s_k + t(k, k+1)``                 (travel, waiting allowed)
* ``e_k <= B_k <= l_k``                                   (time windows, vehicle shift)
* ``B_drop - B_pick <= s_pick + L_r``                     (maximum ride time)
* ``B_end - B_start <= T_v``                               (maximum route duration)

which is feasible iff the constraint graph has no negative cycle (Bellman-Ford; e.g. Cormen et
al., *Introduction to Algorithms*, section 24.4).  Capacity, precedence, pairing and coverage are
checked combinatorially.  :func:`check_solution` additionally verifies the solver's own timetable
(arrival / start / departure / load / ride time) line by line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from communities.scheduling.model import Problem

TOL = 1e-6


@dataclass(slots=True)
class CheckReport:
    """Outcome of a check: ``errors`` is empty iff the plan is feasible; ``distance`` recomputed."""

    errors: list[str] = field(default_factory=list)
    distance: float = 0.0
    served: set[str] = field(default_factory=set)

    @property
    def feasible(self) -> bool:
        return not self.errors


Sequence_ = Sequence[tuple[str, str]]  # (request id, "pickup" | "dropoff")


def schedule_exists(problem: Problem, vehicle_index: int, seq: Sequence_, tol: float = TOL) -> tuple[bool, list[float]]:
    """Exact test: does a timetable exist for this stop sequence?  Returns (ok, latest start times).

    Bellman-Ford over the difference constraints listed in the module docstring; node 0 of the
    constraint graph is the time origin, nodes 1..m the stops (start depot, requests, end depot).
    Each constraint is loosened by ``tol`` so exactly tight schedules are accepted.
    """
    veh = problem.vehicles[vehicle_index]
    times, _ = problem.travel.matrices()
    reqs = {r.id: r for r in problem.requests}
    locs, svc, win = [veh.start], [0.0], [(veh.shift.earliest, veh.shift.latest)]
    index: dict[tuple[str, str], int] = {}
    for rid, kind in seq:
        stop = reqs[rid].pickup if kind == "pickup" else reqs[rid].dropoff
        index[(rid, kind)] = len(locs)
        locs.append(stop.location)
        svc.append(stop.service_time)
        win.append((stop.window.earliest, stop.window.latest))
    locs.append(veh.end)
    svc.append(0.0)
    win.append((veh.shift.earliest, veh.shift.latest))
    m = len(locs)
    edges: list[tuple[int, int, float]] = []  # x_v - x_u <= w  as (u, v, w); vertex 0 = origin, k+1 = stop k

    def le(u: int, v: int, w: float) -> None:  # x_v - x_u <= w
        edges.append((u, v, w + tol))

    for k in range(m):
        lo, hi = win[k]
        if math.isfinite(hi):
            le(0, k + 1, hi)
        le(k + 1, 0, -lo)
        if k + 1 < m:
            le(k + 2, k + 1, -(svc[k] + float(times[locs[k], locs[k + 1]])))
    for (rid, kind), k in index.items():
        if kind == "pickup" and reqs[rid].max_ride_time is not None and (rid, "dropoff") in index:
            le(k + 1, index[(rid, "dropoff")] + 1, svc[k] + reqs[rid].max_ride_time)
    if veh.max_duration is not None:
        le(1, m, veh.max_duration)
    # Bellman-Ford from a virtual source connected to every vertex with weight 0
    dist = [0.0] * (m + 1)
    for _ in range(m + 1):
        changed = False
        for u, v, w in edges:
            if dist[u] + w < dist[v] - 1e-12:
                dist[v] = dist[u] + w
                changed = True
        if not changed:
            return True, [dist[k + 1] - dist[0] for k in range(m)]
    return False, []


def check_routes(problem: Problem, routes: Sequence[tuple[str, Sequence_]], tol: float = TOL,
                 require_all_mandatory: bool = True) -> CheckReport:
    """Check stop sequences ``[(vehicle id, [(request id, kind), ...]), ...]`` without timetables."""
    rep = CheckReport()
    times, dists = problem.travel.matrices()
    vindex = {v.id: i for i, v in enumerate(problem.vehicles)}
    reqs = {r.id: r for r in problem.requests}
    dims = len(problem.dimensions)
    used_vehicles: set[str] = set()
    seen: dict[str, str] = {}
    for vid, seq in routes:
        if vid not in vindex:
            rep.errors.append(f"unknown vehicle {vid}")
            continue
        if vid in used_vehicles:
            rep.errors.append(f"vehicle {vid} has more than one route")
        used_vehicles.add(vid)
        veh = problem.vehicles[vindex[vid]]
        load = [0] * dims
        onboard: set[str] = set()
        prev = veh.start
        for rid, kind in seq:
            if rid not in reqs:
                rep.errors.append(f"vehicle {vid}: unknown request {rid}")
                continue
            req = reqs[rid]
            if kind == "pickup":
                if rid in seen:
                    rep.errors.append(f"request {rid} picked up more than once")
                seen[rid] = vid
                onboard.add(rid)
                load = [a + b for a, b in zip(load, req.load, strict=True)]
                loc = req.pickup.location
            elif kind == "dropoff":
                if rid not in onboard:
                    rep.errors.append(f"vehicle {vid}: request {rid} dropped off before pickup or by another vehicle")
                onboard.discard(rid)
                load = [a - b for a, b in zip(load, req.load, strict=True)]
                loc = req.dropoff.location
            else:
                rep.errors.append(f"vehicle {vid}: bad stop kind {kind!r}")
                continue
            for d in range(dims):
                if load[d] > veh.capacity[d]:
                    rep.errors.append(f"vehicle {vid}: {problem.dimensions[d]} load {load[d]} > capacity "
                                      f"{veh.capacity[d]} after {kind} of {rid}")
            rep.distance += float(dists[prev, loc])
            prev = loc
        rep.distance += float(dists[prev, veh.end])
        if onboard:
            rep.errors.append(f"vehicle {vid}: requests {sorted(onboard)} never dropped off")
        ok, _ = schedule_exists(problem, vindex[vid], seq, tol)
        if not ok:
            rep.errors.append(f"vehicle {vid}: no timetable satisfies time windows, ride times and duration")
    rep.served = set(seen)
    if require_all_mandatory:
        for r in problem.requests:
            if not r.optional and r.id not in seen:
                rep.errors.append(f"mandatory request {r.id} is not served")
    return rep


def check_solution(problem: Problem, solution, tol: float = TOL) -> CheckReport:  # noqa: ANN001
    """Check a :class:`~communities.scheduling.solution.Solution`: sequences exactly (as in
    :func:`check_routes`, mandatory requests may only be missing if reported unserved) and the
    reported timetable against every constraint; the reported distance must match."""
    seqs = [(rt.vehicle_id, [(v.request_id, str(v.kind)) for v in rt.visits if v.request_id is not None])
            for rt in solution.routes]
    rep = check_routes(problem, seqs, tol, require_all_mandatory=False)
    for r in problem.requests:
        if r.id not in rep.served and r.id not in solution.unserved:
            rep.errors.append(f"request {r.id} neither served nor reported unserved")
        if r.id in rep.served and r.id in solution.unserved:
            rep.errors.append(f"request {r.id} served but reported unserved")
    times, _ = problem.travel.matrices()
    reqs = {r.id: r for r in problem.requests}
    vehs = {v.id: v for v in problem.vehicles}
    for rt in solution.routes:
        veh = vehs.get(rt.vehicle_id)
        if veh is None or len(rt.visits) < 2:
            rep.errors.append(f"route of {rt.vehicle_id}: malformed")
            continue
        first, last = rt.visits[0], rt.visits[-1]
        if first.location != veh.start or last.location != veh.end:
            rep.errors.append(f"route of {veh.id}: does not start/end at the vehicle's locations")
        load = [0] * len(problem.dimensions)
        dep_pick: dict[str, float] = {}
        for k, vis in enumerate(rt.visits):
            where = f"route of {veh.id}, stop {k}"
            if k and abs(vis.arrival - (rt.visits[k - 1].departure + float(times[rt.visits[k - 1].location,
                                                                                    vis.location]))) > tol:
                rep.errors.append(f"{where}: arrival inconsistent with previous departure + travel time")
            if vis.start < vis.arrival - tol:
                rep.errors.append(f"{where}: service starts before arrival")
            if vis.request_id is None:
                lo, hi, svc = veh.shift.earliest, veh.shift.latest, 0.0
            else:
                req = reqs[vis.request_id]
                stop = req.pickup if str(vis.kind) == "pickup" else req.dropoff
                lo, hi, svc = stop.window.earliest, stop.window.latest, stop.service_time
                sign = 1 if str(vis.kind) == "pickup" else -1
                load = [a + sign * b for a, b in zip(load, req.load, strict=True)]
                if str(vis.kind) == "pickup":
                    dep_pick[req.id] = vis.departure
                elif req.id in dep_pick:
                    ride = vis.start - dep_pick[req.id]
                    if req.max_ride_time is not None and ride > req.max_ride_time + tol:
                        rep.errors.append(f"{where}: ride time {ride:.6f} of {req.id} > {req.max_ride_time}")
                    if vis.ride_time is not None and abs(vis.ride_time - ride) > tol:
                        rep.errors.append(f"{where}: reported ride time of {req.id} is wrong")
            if vis.start < lo - tol or vis.start > hi + tol:
                rep.errors.append(f"{where}: start {vis.start:.6f} outside window [{lo}, {hi}]")
            if abs(vis.departure - (vis.start + svc)) > tol:
                rep.errors.append(f"{where}: departure is not start + service time")
            if list(vis.load) != load:
                rep.errors.append(f"{where}: reported load {vis.load} != {tuple(load)}")
        if veh.max_duration is not None and last.start - first.start > veh.max_duration + tol:
            rep.errors.append(f"route of {veh.id}: duration {last.start - first.start:.6f} > {veh.max_duration}")
    if abs(rep.distance - solution.distance) > 1e-6 * max(1.0, rep.distance):
        rep.errors.append(f"reported distance {solution.distance} != recomputed {rep.distance}")
    return rep
