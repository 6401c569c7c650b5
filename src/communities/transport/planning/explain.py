"""Re-check a driver's run with the independent checker and say, in the coordinator's words, what is broken.

``check_run`` is the gate for every manual change (a trip locked to a driver, moved to another, inserted late): the
scheduling core's independent checker (:func:`communities.scheduling.check_routes`, exact Bellman-Ford timing) decides
whether the run is possible; when it is not, :func:`explain` finds the first broken constraint on the earliest
possible timetable of the run (every stop as early as its window and the travel allow, which is the timetable least
likely to be late), e.g. "Trip 14 would arrive at James Cook Hospital at 10:42, after its 10:30 appointment".

Pure Python, no Django: the caller passes what to call each trip and place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from communities.scheduling import check_routes

from .instance import SEAT, WHEELCHAIR, Instance, clock

Visit = tuple[str, str]  # (trip id, "pickup" | "dropoff")
TOL = 1e-6


@dataclass(frozen=True)
class Names:
    """How people call a trip and its two places."""

    trip: dict[str, str]  # trip id -> "Trip 14"
    pickup: dict[str, str]  # trip id -> place name
    dropoff: dict[str, str]

    def of_trip(self, trip_id: str) -> str:
        return self.trip.get(trip_id, f"Trip {trip_id}")

    def place(self, trip_id: str, kind: str) -> str:
        return (self.pickup if kind == "pickup" else self.dropoff).get(trip_id, "the address")


def check_run(instance: Instance, vehicle_id: str, visits: Sequence[Visit], names: Names,
              driver_name: str = "the driver") -> list[str]:
    """Messages naming each broken constraint of this run; empty when the checker accepts it."""
    messages = _blocked(instance, vehicle_id, visits, names, driver_name)
    report = check_routes(instance.problem, [(vehicle_id, list(visits))], require_all_mandatory=False)
    if report.feasible and not messages:
        return []
    found = explain(instance, vehicle_id, visits, names, driver_name)
    messages += [m for m in found if m not in messages]
    if not messages:  # the checker found what the earliest timetable cannot show (e.g. ride time vs waiting)
        messages = [f"No timetable for {driver_name}'s run meets every pickup window, appointment and ride-time "
                    "limit together"]
    return messages


def _blocked(instance: Instance, vehicle_id: str, visits: Sequence[Visit], names: Names, driver_name: str) -> list[str]:
    shift = instance.shifts[vehicle_id]
    out = []
    for trip_id, kind in visits:
        drivers = instance.blocked.get(trip_id, frozenset())
        if kind == "pickup" and (shift.driver in drivers or vehicle_id in drivers):
            out.append(f"{names.of_trip(trip_id)} cannot go to {driver_name}: a compliance check or a lock to "
                       "another driver blocks it")
    return out


def explain(instance: Instance, vehicle_id: str, visits: Sequence[Visit], names: Names,
            driver_name: str = "the driver") -> list[str]:
    """The broken constraints seen on the earliest timetable: capacity, lateness, ride time, end of availability."""
    problem = instance.problem
    times, _ = problem.travel.matrices()
    requests = {r.id: r for r in problem.requests}
    vehicle = next(v for v in problem.vehicles if v.id == vehicle_id)
    shift = instance.shifts[vehicle_id]
    out: list[str] = []
    at, place = vehicle.shift.earliest, vehicle.start
    load = [0] * len(problem.dimensions)
    left_pickup: dict[str, float] = {}
    for trip_id, kind in visits:
        req = requests[trip_id]
        stop = req.pickup if kind == "pickup" else req.dropoff
        arrive = at + float(times[place, stop.location])
        start = max(arrive, stop.window.earliest)
        trip, where = names.of_trip(trip_id), names.place(trip_id, kind)
        if start > stop.window.latest + TOL:
            out.append(_late(instance, trip_id, kind, trip, where, start, stop.window.latest))
        sign = 1 if kind == "pickup" else -1
        load = [a + sign * b for a, b in zip(load, req.load, strict=True)]
        out += _over_capacity(problem.dimensions, load, vehicle.capacity, shift, trip, driver_name, kind)
        if kind == "pickup":
            left_pickup[trip_id] = start + stop.service_time
        elif trip_id in left_pickup and req.max_ride_time is not None:
            ride = start - left_pickup[trip_id]
            if ride > req.max_ride_time + TOL:
                out.append(f"{trip}'s passenger would ride {ride:.0f} minutes, more than the {req.max_ride_time:.0f} "
                           "minutes allowed for that journey")
        at, place = start + stop.service_time, stop.location
    home = at + float(times[place, vehicle.end])
    if home > vehicle.shift.latest + TOL:
        out.append(f"{driver_name} would get home at {clock(home)}, after their availability ends at "
                   f"{clock(vehicle.shift.latest)}")
    return out


def _late(instance: Instance, trip_id: str, kind: str, trip: str, where: str, start: float, latest: float) -> str:
    need = instance.trips.get(trip_id)
    if kind == "dropoff" and need is not None and need.appointment is not None:
        return f"{trip} would arrive at {where} at {clock(start)}, after its {clock(latest)} appointment"
    if kind == "pickup":
        return f"{trip} would be picked up at {where} at {clock(start)}, after the latest pickup time {clock(latest)}"
    return f"{trip} would arrive at {where} at {clock(start)}, later than {clock(latest)}"


def _over_capacity(dimensions, load, capacity, shift, trip: str, driver_name: str, kind: str) -> list[str]:
    out = []
    for d, name in enumerate(dimensions):
        if load[d] <= capacity[d] or kind != "pickup":
            continue
        if name == SEAT:
            out.append(f"{driver_name}'s car would carry {load[d]} passengers and escorts after picking up {trip}; "
                       f"it has {shift.seats} passenger seats")
        elif name == WHEELCHAIR:
            out.append(f"{trip} needs a wheelchair space; {driver_name}'s car has {shift.wheelchair_spaces} "
                       f"and {load[d]} would be needed")
    return out
