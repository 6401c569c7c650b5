"""Solution objects: routes with a full timetable, and unserved requests with a reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from communities.scheduling.arrays import ProblemArrays
from communities.scheduling.evaluate import schedule_route
from communities.scheduling.model import Problem


class StopKind(StrEnum):
    START = "start"
    PICKUP = "pickup"
    DROPOFF = "dropoff"
    END = "end"


class UnservedReason(StrEnum):
    NO_VEHICLE_CAN_SERVE = "no_vehicle_can_serve"  # infeasible even alone in any vehicle
    NO_ROOM_IN_PLAN = "no_room_in_plan"  # could be served alone, but not together with the others
    PENALTY_CHEAPER = "penalty_cheaper"  # optional: serving it costs more than its penalty


@dataclass(frozen=True, slots=True)
class Visit:
    """One stop of a route with its timetable.

    ``arrival`` at the location, ``start`` of service (after any waiting), ``departure`` (= start +
    service time); ``load`` on board after the stop, per capacity dimension; ``ride_time`` is set at
    a drop-off: start of service there minus departure from the pickup.
    """

    kind: StopKind
    location: int
    request_id: str | None
    arrival: float
    start: float
    departure: float
    load: tuple[int, ...]
    ride_time: float | None = None

    @property
    def wait(self) -> float:
        return self.start - self.arrival


@dataclass(slots=True)
class Route:
    vehicle_id: str
    visits: list[Visit]
    distance: float

    @property
    def duration(self) -> float:
        return self.visits[-1].start - self.visits[0].start

    def request_sequence(self) -> list[tuple[str, StopKind]]:
        return [(v.request_id, v.kind) for v in self.visits if v.request_id is not None]


@dataclass(slots=True)
class Solution:
    """Routes (one per vehicle that is used) and unserved requests; cost = distance + penalties."""

    routes: list[Route]
    unserved: dict[str, UnservedReason] = field(default_factory=dict)
    distance: float = 0.0
    penalty: float = 0.0
    iterations: int = 0
    seconds: float = 0.0
    # anytime record: (seconds since the solve started, cost of the best plan found by then), one entry per
    # improvement of the best of all searches (the cost includes the penalties of unserved requests)
    trace: list[tuple[float, float]] = field(default_factory=list)

    @property
    def cost(self) -> float:
        return self.distance + self.penalty


def timetable(problem: Problem, pa: ProblemArrays, v: int, nodes: np.ndarray) -> Route:
    """Timetable of a feasible node sequence (start..end nodes of vehicle ``v``) via the eight-step
    schedule; raises ``ValueError`` if the sequence is infeasible for that procedure."""
    m = len(nodes)
    A, B, W, Dep = (np.zeros(m) for _ in range(4))
    pos = np.zeros(pa.n_nodes, dtype=np.int64)
    nodes = np.asarray(nodes, dtype=np.int64)
    ok = schedule_route(nodes, m, v, pa.n_req, pa.e, pa.l, pa.s, pa.q, pa.tt, pa.maxride, pa.cap, pa.maxdur,
                        A, B, W, Dep, pos)
    if not ok:
        raise ValueError(f"route of vehicle {problem.vehicles[v].id} is infeasible")
    R, V = pa.n_req, pa.n_veh
    load = np.zeros(pa.q.shape[1], dtype=np.int64)
    visits = []
    dep_at: dict[int, float] = {}
    dist = 0.0
    for k, node in enumerate(nodes):
        node = int(node)
        load = load + pa.q[node]
        if k:
            dist += float(pa.dist[nodes[k - 1], node])
        ride = None
        if node < R:
            kind, rid = StopKind.PICKUP, problem.requests[node].id
            loc = problem.requests[node].pickup.location
            dep_at[node] = float(Dep[k])
        elif node < 2 * R:
            kind, rid = StopKind.DROPOFF, problem.requests[node - R].id
            loc = problem.requests[node - R].dropoff.location
            ride = float(B[k]) - dep_at[node - R]
        elif node < 2 * R + V:
            kind, rid, loc = StopKind.START, None, problem.vehicles[v].start
        else:
            kind, rid, loc = StopKind.END, None, problem.vehicles[v].end
        visits.append(Visit(kind, loc, rid, float(A[k]), float(B[k]), float(Dep[k]),
                            tuple(int(x) for x in load), ride))
    return Route(problem.vehicles[v].id, visits, dist)
