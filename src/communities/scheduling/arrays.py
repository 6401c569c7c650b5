"""Flatten a :class:`~communities.scheduling.model.Problem` into arrays for the compiled kernels.

Node numbering (``R`` requests, ``V`` vehicles, ``N = 2R + 2V`` nodes):

* ``r``            pickup of request ``r``
* ``R + r``        drop-off of request ``r``
* ``2R + v``       start of vehicle ``v``
* ``2R + V + v``   end of vehicle ``v``

Screening windows ``ew`` / ``lw`` are the time windows tightened once, exactly (no feasible schedule
is lost): a drop-off cannot start before its pickup's earliest start plus service and direct travel,
a pickup no later than the latest drop-off minus those, the ride-time limit bounds each end by the other,
and every stop must be reachable from some vehicle's start and able to reach its end within the shift
(the preprocessing of Cordeau & Laporte 2003, section 2, and Cordeau 2006, section 2.1).  Benchmark files leave the
non-critical end of each request open (``[0, 1440]``), so this lets the insertion screens prune.  The
eight-step schedule keeps the published windows ``e`` / ``l``: its timetables and verdicts, and so the
search trajectory, are unchanged; only insertion candidates that cannot be feasible are skipped earlier.

Mandatory requests get the penalty :data:`MANDATORY_PENALTY_FACTOR` x (largest distance) x N so
that leaving one unserved always costs more than any routing saving (the request-bank device of
Ropke & Pisinger 2006, *Transportation Science* 40(4):455-472).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from communities.scheduling.model import Problem

MANDATORY_PENALTY_FACTOR = 100.0


@dataclass(slots=True)
class ProblemArrays:
    """Dense arrays describing a problem (see module docstring for node numbering)."""

    n_req: int
    n_veh: int
    e: np.ndarray  # earliest start of service per node
    l: np.ndarray  # latest start of service per node  # noqa: E741
    s: np.ndarray  # service time per node
    q: np.ndarray  # (N, D) load change per node
    tt: np.ndarray  # (N, N) travel times
    dist: np.ndarray  # (N, N) travel cost (distance)
    maxride: np.ndarray  # (R,) maximum ride time (inf = none)
    cap: np.ndarray  # (V, D) capacities
    maxdur: np.ndarray  # (V,) maximum route duration (inf = none)
    penalty: np.ndarray  # (R,) cost of leaving the request unserved
    mandatory: np.ndarray  # (R,) bool
    vtype: np.ndarray  # (V,) id of the class of identical vehicles
    ew: np.ndarray  # earliest start per node, tightened (insertion screens only)
    lw: np.ndarray  # latest start per node, tightened (insertion screens only)

    @property
    def n_nodes(self) -> int:
        return 2 * self.n_req + 2 * self.n_veh


def compile_problem(problem: Problem) -> ProblemArrays:
    """Build the :class:`ProblemArrays` of ``problem`` (matrices are expanded node x node)."""
    reqs, vehs = problem.requests, problem.vehicles
    R, V, D = len(reqs), len(vehs), len(problem.dimensions)
    N = 2 * R + 2 * V
    loc = np.empty(N, dtype=np.int64)
    e = np.zeros(N)
    l = np.full(N, np.inf)  # noqa: E741
    s = np.zeros(N)
    q = np.zeros((N, D), dtype=np.int64)
    maxride = np.full(R, np.inf)
    for r, req in enumerate(reqs):
        for node, stop in ((r, req.pickup), (R + r, req.dropoff)):
            loc[node] = stop.location
            e[node], l[node], s[node] = stop.window.earliest, stop.window.latest, stop.service_time
        q[r] = req.load
        q[R + r] = [-x for x in req.load]
        if req.max_ride_time is not None:
            maxride[r] = req.max_ride_time
    cap = np.zeros((V, D), dtype=np.int64)
    maxdur = np.full(V, np.inf)
    for v, veh in enumerate(vehs):
        for node, location in ((2 * R + v, veh.start), (2 * R + V + v, veh.end)):
            loc[node] = location
            e[node], l[node] = veh.shift.earliest, veh.shift.latest
        cap[v] = veh.capacity
        if veh.max_duration is not None:
            maxdur[v] = veh.max_duration
    times, dists = problem.travel.matrices()
    tt = np.ascontiguousarray(times[np.ix_(loc, loc)], dtype=np.float64)
    dist = np.ascontiguousarray(dists[np.ix_(loc, loc)], dtype=np.float64)
    ew, lw = e.copy(), l.copy()
    tighten_windows(R, V, ew, lw, s, tt, maxride)
    big = MANDATORY_PENALTY_FACTOR * max(1.0, float(dist.max())) * max(N, 1)
    mandatory = np.array([not r.optional for r in reqs], dtype=np.bool_)
    penalty = np.array([big if not r.optional else float(r.penalty) for r in reqs], dtype=np.float64)
    keys: dict[tuple, int] = {}
    vtype = np.empty(V, dtype=np.int64)
    for v, veh in enumerate(vehs):
        key = (veh.start, veh.end, veh.capacity, veh.shift, veh.max_duration)
        vtype[v] = keys.setdefault(key, len(keys))
    return ProblemArrays(R, V, e, l, s, q, tt, dist, maxride, cap, maxdur, penalty, mandatory, vtype, ew, lw)


def tighten_windows(R: int, V: int, e: np.ndarray, l: np.ndarray, s: np.ndarray, tt: np.ndarray,  # noqa: E741
                    maxride: np.ndarray) -> None:
    """Shrink the service-start windows of the request nodes in place without losing a feasible schedule."""
    if R == 0 or V == 0:
        return
    p = np.arange(R)
    d = R + p
    starts = 2 * R + np.arange(V)
    ends = 2 * R + V + np.arange(V)
    nodes = np.arange(2 * R)
    for _ in range(2):
        # reachable from some vehicle's start, and some vehicle's end reachable afterwards
        first = (e[starts][:, None] + s[starts][:, None] + tt[np.ix_(starts, nodes)]).min(axis=0)
        last = (l[ends][:, None] - tt[np.ix_(nodes, ends)].T).max(axis=0) - s[nodes]
        e[nodes] = np.maximum(e[nodes], first)
        l[nodes] = np.minimum(l[nodes], last)
        direct = s[p] + tt[p, d]
        e[d] = np.maximum(e[d], e[p] + direct)
        l[p] = np.minimum(l[p], l[d] - direct)
        ride = np.isfinite(maxride)
        e[p] = np.where(ride, np.maximum(e[p], e[d] - s[p] - np.where(ride, maxride, 0.0)), e[p])
        l[d] = np.where(ride, np.minimum(l[d], l[p] + s[p] + np.where(ride, maxride, 0.0)), l[d])
