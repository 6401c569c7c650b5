"""Fixtures for the scheduling tests: benchmark file locations and a tiny hand-made problem."""

from __future__ import annotations

import csv
from pathlib import Path

from communities.scheduling import MatrixTravel, Problem, Request, Stop, TimeWindow, Vehicle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "darp"


def bks() -> dict[str, float]:
    with (FIXTURES / "bks.csv").open(newline="") as f:
        return {row["instance"]: float(row["bks"]) for row in csv.DictReader(f)}


def instance_files() -> list[Path]:
    return sorted(FIXTURES.glob("[ab]*.txt"))


def line_problem(max_ride: float | None = None, capacity: tuple[int, ...] = (2,), duration: float | None = None,
                 windows: dict[str, tuple[float, float]] | None = None) -> Problem:
    """Locations on a line at 0, 10, 20, 30, 40 (depot = 0); travel time = distance.

    Request "a": 10 -> 30, request "b": 20 -> 40; one vehicle based at 0, service time 1.
    """
    xs = [0, 10, 20, 30, 40]
    times = [[abs(a - b) for b in xs] for a in xs]
    w = windows or {}

    def tw(key: str) -> TimeWindow:
        return TimeWindow(*w.get(key, (0.0, 1000.0)))

    reqs = [
        Request("a", Stop(1, 1.0, tw("a+")), Stop(3, 1.0, tw("a-")), (1,) * len(capacity), max_ride),
        Request("b", Stop(2, 1.0, tw("b+")), Stop(4, 1.0, tw("b-")), (1,) * len(capacity), max_ride),
    ]
    dims = ("seat",) if len(capacity) == 1 else ("seat", "wheelchair")
    veh = [Vehicle("car", 0, 0, capacity, TimeWindow(0, 1000), duration)]
    return Problem(reqs, veh, MatrixTravel(times), dims)


