"""Flatten a :class:`~communities.scheduling.model.Problem` into arrays for the compiled kernels.

Node numbering (``R`` requests, ``V`` vehicles, ``N = 2R + 2V`` nodes):

* ``r``            pickup of request ``r``
* ``R + r``        drop-off of request ``r``
* ``2R + v``       start of vehicle ``v``
* ``2R + V + v``   end of vehicle ``v``

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
    big = MANDATORY_PENALTY_FACTOR * max(1.0, float(dist.max())) * max(N, 1)
    mandatory = np.array([not r.optional for r in reqs], dtype=np.bool_)
    penalty = np.array([big if not r.optional else float(r.penalty) for r in reqs], dtype=np.float64)
    keys: dict[tuple, int] = {}
    vtype = np.empty(V, dtype=np.int64)
    for v, veh in enumerate(vehs):
        key = (veh.start, veh.end, veh.capacity, veh.shift, veh.max_duration)
        vtype[v] = keys.setdefault(key, len(keys))
    return ProblemArrays(R, V, e, l, s, q, tt, dist, maxride, cap, maxdur, penalty, mandatory, vtype)
