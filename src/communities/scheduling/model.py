"""Problem model for the Volunteer Driver Service dial-a-ride problem (DARP).

The model follows the static multi-vehicle DARP of Cordeau & Laporte (2003, *Transportation
Research B* 37(6):579-594): every request is a pickup and a drop-off served by the same vehicle,
with time windows on the start of service, a maximum ride time per passenger, vehicle capacity
and a maximum route duration.  It generalises the benchmark setting to what a volunteer car
scheme needs:

* heterogeneous vehicles (volunteer drivers' cars) with their own start and end location
  (usually the driver's home) and an availability window (shift);
* multi-dimensional capacity (for example ``("seat", "wheelchair")``): the load of a request
  and the capacity of a vehicle are vectors over :attr:`Problem.dimensions`;
* optional requests with a penalty paid when they are left unserved (Ropke & Pisinger 2006
  use the same "request bank" device).

A driver with two separate shifts on one day is modelled as two :class:`Vehicle` entries.
Times are in minutes from an arbitrary origin (e.g. midnight); distances are in the unit of the
travel-time provider (kilometres for :class:`~communities.scheduling.travel.HaversineTravel`).

This module must never import Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from communities.scheduling.travel import TravelProvider

INF = math.inf


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Closed interval ``[earliest, latest]`` for the *start* of service (minutes)."""

    earliest: float = 0.0
    latest: float = INF

    def __post_init__(self) -> None:
        if self.earliest > self.latest:
            raise ValueError(f"time window [{self.earliest}, {self.latest}] is empty")


@dataclass(frozen=True, slots=True)
class Stop:
    """One end of a trip: a location index (into the travel provider), service time and window."""

    location: int
    service_time: float = 0.0
    window: TimeWindow = field(default_factory=TimeWindow)


@dataclass(frozen=True, slots=True)
class Request:
    """A client's trip: pickup, drop-off, load per capacity dimension and ride-time cap.

    ``max_ride_time`` bounds ``start of service at drop-off - departure from pickup`` (the
    definition of Cordeau & Laporte 2003).  ``None`` means no limit.  An ``optional`` request may
    be left unserved at cost ``penalty``; a mandatory one is served whenever a feasible plan
    exists (internally it carries a very large penalty, see :mod:`arrays`).
    """

    id: str
    pickup: Stop
    dropoff: Stop
    load: tuple[int, ...] = (1,)
    max_ride_time: float | None = None
    optional: bool = False
    penalty: float = 0.0


@dataclass(frozen=True, slots=True)
class Vehicle:
    """A driver's car for one shift.

    ``shift`` bounds the departure from ``start`` and the arrival at ``end``;
    ``max_duration`` bounds ``arrival at end - departure from start`` (``None`` = the shift).
    """

    id: str
    start: int
    end: int
    capacity: tuple[int, ...] = (4,)
    shift: TimeWindow = field(default_factory=TimeWindow)
    max_duration: float | None = None


@dataclass(slots=True)
class Problem:
    """A complete DARP instance: requests, vehicles, capacity dimensions and travel provider.

    The objective is total travelled distance plus the penalties of unserved optional requests
    (the Cordeau 2006 benchmark objective is the special case without optional requests).
    """

    requests: list[Request]
    vehicles: list[Vehicle]
    travel: TravelProvider
    dimensions: tuple[str, ...] = ("seat",)
    name: str = "problem"

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise ``ValueError`` on structurally invalid input (dimensions, ids, indices)."""
        d = len(self.dimensions)
        ids = [r.id for r in self.requests]
        if len(set(ids)) != len(ids):
            raise ValueError("request ids must be unique")
        vids = [v.id for v in self.vehicles]
        if len(set(vids)) != len(vids):
            raise ValueError("vehicle ids must be unique")
        n_loc = self.travel.size
        for r in self.requests:
            if len(r.load) != d:
                raise ValueError(f"request {r.id}: load has {len(r.load)} entries, expected {d}")
            if any(x < 0 for x in r.load):
                raise ValueError(f"request {r.id}: negative load")
            for stop in (r.pickup, r.dropoff):
                if not 0 <= stop.location < n_loc:
                    raise ValueError(f"request {r.id}: location {stop.location} out of range")
            if r.max_ride_time is not None and r.max_ride_time < 0:
                raise ValueError(f"request {r.id}: negative max_ride_time")
        for v in self.vehicles:
            if len(v.capacity) != d:
                raise ValueError(f"vehicle {v.id}: capacity has {len(v.capacity)} entries, expected {d}")
            for loc in (v.start, v.end):
                if not 0 <= loc < n_loc:
                    raise ValueError(f"vehicle {v.id}: location {loc} out of range")

    def request_index(self) -> dict[str, int]:
        """Map request id to its index in :attr:`requests`."""
        return {r.id: i for i, r in enumerate(self.requests)}

    def with_requests(self, requests: Sequence[Request]) -> Problem:
        """Return a copy of this problem with another request list (same vehicles, travel)."""
        return Problem(list(requests), list(self.vehicles), self.travel, self.dimensions, self.name)
