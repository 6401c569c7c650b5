"""From a day's trips and drivers to a dial-a-ride problem for the scheduling core, in plain dataclasses.

No Django here: the planning job (``jobs.py``) reads the database into :class:`TripNeed` and :class:`DriverShift`
records, and this module turns them into a :class:`communities.scheduling.Problem`. Times are minutes after
midnight of the service day.

How the scheme's rules become the core's model:

* a passenger's seats are themselves plus their escorts; a wheelchair user also takes a wheelchair space;
* a trip with an appointment must arrive by it (drop-off window ends at the appointment); its pickup window is the
  booked ``earliest``-``latest`` pickup;
* a driver's availability windows on the day become one vehicle each, starting and ending at the driver's home;
* **who may not drive whom**: the core knows no per-driver exclusions, but it knows several capacity dimensions.
  Trips are grouped by the set of drivers who must not take them (compliance blockers, or a lock to another
  driver); each group gets a dimension in which its trips load 1, a blocked driver's car has capacity 0 and every
  other car room for all of them. Any plan the core accepts therefore gives no trip to a blocked driver, and the
  independent checker verifies it like any capacity.

The planning assumptions (ride-time limit, time to help a passenger in or out) are settings, stated on the plan page
beside the travel-time assumption; they are the scheme's policy, not measured values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from communities.scheduling import HaversineTravel, Problem, Request, Stop, TimeWindow, TravelProvider, Vehicle

LatLon = tuple[float, float]
SEAT, WHEELCHAIR = "seat", "wheelchair"


@dataclass(frozen=True)
class Assumptions:
    """The scheme's planning policy: how long a passenger may ride, how long boarding takes."""

    ride_factor: float = 1.5  # a passenger rides at most ride_factor x the direct time ...
    ride_extra_minutes: float = 15.0  # ... plus this many minutes
    boarding_minutes: float = 3.0  # helping a passenger in or out of the car
    wheelchair_boarding_minutes: float = 8.0  # securing a wheelchair
    appointment_early_minutes: float = 45.0  # arrive no earlier than this before an appointment

    def max_ride(self, direct_minutes: float) -> float:
        return self.ride_factor * direct_minutes + self.ride_extra_minutes


@dataclass(frozen=True)
class TripNeed:
    """One trip to plan: the booked windows in minutes after midnight, and what the passenger needs."""

    id: str
    pickup: LatLon
    dropoff: LatLon
    earliest_pickup: float
    latest_pickup: float
    appointment: float | None = None
    escorts: int = 0
    wheelchair: bool = False


@dataclass(frozen=True)
class DriverShift:
    """One availability window of a driver on the day, with the car they drive in it."""

    driver: str
    window: int  # the window's number for this driver (a driver may have two on a day)
    home: LatLon
    start: float
    end: float
    seats: int
    wheelchair_spaces: int = 0

    @property
    def vehicle_id(self) -> str:
        return f"{self.driver}/{self.window}"


@dataclass
class Instance:
    """The problem for the core, and how to read its answer back."""

    problem: Problem
    shifts: dict[str, DriverShift]  # by vehicle id
    trips: dict[str, TripNeed]  # by request id (= trip id)
    blocked: dict[str, frozenset[str]] = field(default_factory=dict)  # trip id -> drivers who must not take it
    locations: list[LatLon] = field(default_factory=list)


class Locations:
    """Distinct coordinates, each given an index into the travel matrices."""

    def __init__(self) -> None:
        self.points: list[LatLon] = []
        self._index: dict[LatLon, int] = {}

    def index(self, point: LatLon) -> int:
        key = (round(float(point[0]), 6), round(float(point[1]), 6))
        if key not in self._index:
            self._index[key] = len(self.points)
            self.points.append(key)
        return self._index[key]


def build_instance(trips: Sequence[TripNeed], shifts: Sequence[DriverShift],
                   blocked: dict[str, set[str] | frozenset[str]] | None = None,
                   assumptions: Assumptions | None = None,
                   travel: Callable[[list[LatLon]], TravelProvider] | None = None,
                   name: str = "day") -> Instance:
    """The core's problem for a day. ``blocked`` maps a trip id to the drivers (or single shifts, by vehicle id)
    who must not take it."""
    rules = assumptions or Assumptions()
    blocked = {t: frozenset(d) for t, d in (blocked or {}).items() if d}
    places = Locations()
    for s in shifts:
        places.index(s.home)
    for t in trips:
        places.index(t.pickup)
        places.index(t.dropoff)
    provider = (travel or HaversineTravel)(places.points)
    times, _ = provider.matrices()
    groups = sorted({blocked[t.id] for t in trips if t.id in blocked}, key=sorted)
    dimensions = (SEAT, WHEELCHAIR, *(f"allowed{k}" for k in range(len(groups))))
    group_of = {g: k for k, g in enumerate(groups)}
    requests = []
    for t in trips:
        p, d = places.index(t.pickup), places.index(t.dropoff)
        direct = float(times[p, d])
        board = rules.wheelchair_boarding_minutes if t.wheelchair else rules.boarding_minutes
        if t.appointment is not None:
            drop_window = TimeWindow(max(t.earliest_pickup, t.appointment - rules.appointment_early_minutes),
                                     t.appointment)
        else:
            drop_window = TimeWindow(t.earliest_pickup)
        load = [1 + t.escorts, int(t.wheelchair)] + [0] * len(groups)
        if t.id in blocked:
            load[2 + group_of[blocked[t.id]]] = 1
        requests.append(Request(
            t.id, Stop(p, board, TimeWindow(t.earliest_pickup, t.latest_pickup)), Stop(d, board, drop_window),
            tuple(load), rules.max_ride(direct),
        ))
    vehicles = []
    everyone = len(trips) or 1
    for s in shifts:
        allowed = [0 if s.driver in g or s.vehicle_id in g else everyone for g in groups]
        home = places.index(s.home)
        vehicles.append(Vehicle(s.vehicle_id, home, home, (s.seats, s.wheelchair_spaces, *allowed),
                                TimeWindow(s.start, s.end)))
    problem = Problem(requests, vehicles, provider, dimensions, name)
    return Instance(problem, {s.vehicle_id: s for s in shifts}, {t.id: t for t in trips}, blocked, places.points)


def minutes(clock: str) -> float:
    """'09:30' -> 570.0 (for tests and the benchmark's generator)."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(value: float) -> str:
    """570.4 -> '09:30' (times shown to people are rounded to the minute)."""
    total = int(round(value))
    return f"{total // 60:02d}:{total % 60:02d}"
