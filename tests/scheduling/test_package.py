"""Package-level guarantees: no Django, edge cases, model validation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from communities.scheduling import (
    MatrixTravel,
    Problem,
    Request,
    Stop,
    TimeWindow,
    UnservedReason,
    Vehicle,
    check_solution,
    solve,
)

SRC = Path(__file__).resolve().parents[2] / "src"


def test_never_imports_django():
    code = "import sys, communities.scheduling; sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    res = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)}, capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr.decode()


def test_edge_cases_empty_problem_no_vehicle_single_request():
    t = MatrixTravel([[0, 5], [5, 0]])
    p = Problem([], [Vehicle("v", 0, 0)], t)
    s = solve(p, time_limit=None, max_iterations=5)
    assert s.routes == [] and s.unserved == {} and check_solution(p, s).feasible
    r = Request("a", Stop(0), Stop(1))
    p = Problem([r], [], t)
    s = solve(p, time_limit=None, max_iterations=5)
    assert s.unserved == {"a": UnservedReason.NO_VEHICLE_CAN_SERVE}
    p = Problem([r], [Vehicle("v", 0, 0)], t)
    s = solve(p, time_limit=None, max_iterations=5)
    assert s.distance == pytest.approx(10.0) and check_solution(p, s).feasible
    visits = s.routes[0].visits
    assert [v.kind.value for v in visits] == ["start", "pickup", "dropoff", "end"]
    assert visits[2].arrival == pytest.approx(5.0) and visits[2].load == (0,) and visits[1].load == (1,)


def test_model_validation():
    t = MatrixTravel([[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="empty"):
        TimeWindow(5, 4)
    with pytest.raises(ValueError, match="load"):
        Problem([Request("a", Stop(0), Stop(1), (1, 0))], [Vehicle("v", 0, 0)], t)
    with pytest.raises(ValueError, match="out of range"):
        Problem([Request("a", Stop(0), Stop(2))], [Vehicle("v", 0, 0)], t)
    with pytest.raises(ValueError, match="unique"):
        Problem([Request("a", Stop(0), Stop(1)), Request("a", Stop(1), Stop(0))], [Vehicle("v", 0, 0)], t)
    with pytest.raises(ValueError, match="capacity"):
        Problem([], [Vehicle("v", 0, 0, (1, 1))], t)
