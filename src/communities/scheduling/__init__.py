"""Scheduling core for the Volunteer Driver Service: a dial-a-ride problem (DARP) solver.

Pure Python + numpy + numba; never imports Django.  Entry points:

* :class:`Problem`, :class:`Request`, :class:`Vehicle`, :class:`Stop`, :class:`TimeWindow` - model
* :class:`MatrixTravel`, :class:`HaversineTravel`, :class:`EuclideanTravel`, :class:`OsrmTravel`
* :func:`solve` - adaptive large neighbourhood search (see ``docs/adr/0004-dial-a-ride-solver.md``)
* :func:`insert_booking` - interactive re-plan of one new booking
* :func:`check_solution`, :func:`check_routes` - independent feasibility checker
* :func:`read_darp` - Cordeau / Ropke benchmark reader
"""

from communities.scheduling.checker import CheckReport, check_routes, check_solution
from communities.scheduling.model import Problem, Request, Stop, TimeWindow, Vehicle
from communities.scheduling.reader import DarpFormatError, read_darp
from communities.scheduling.replan import insert_booking
from communities.scheduling.solution import Route, Solution, StopKind, UnservedReason, Visit
from communities.scheduling.solver import AlnsConfig, solve
from communities.scheduling.travel import (
    EuclideanTravel,
    HaversineTravel,
    MatrixTravel,
    OsrmTravel,
    RoadNetworkTravel,
    TravelProvider,
)

__all__ = [
    "AlnsConfig", "CheckReport", "DarpFormatError", "EuclideanTravel", "HaversineTravel", "MatrixTravel",
    "OsrmTravel", "Problem", "Request", "RoadNetworkTravel", "Route", "Solution", "Stop", "StopKind",
    "TimeWindow", "TravelProvider", "UnservedReason", "Vehicle", "Visit", "check_routes", "check_solution",
    "insert_booking", "read_darp", "solve",
]
