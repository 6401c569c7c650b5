"""Benchmark reader: correct loading and precise error messages for malformed files."""

from __future__ import annotations

import math

import pytest

from communities.scheduling import DarpFormatError, read_darp
from communities.scheduling.reader import parse_darp, read_sol

from ._util import FIXTURES, instance_files

GOOD = """2 2 480 3 30
  0   0.000   0.000   0   0    0  480
  1   3.000   4.000   3   1    0 1440
  2  -1.000   0.000   3   1   60   75
  3   0.000   4.000   3  -1   30   45
  4   1.000   1.000   3  -1    0 1440
  5   0.000   0.000   0   0    0  480
"""


def test_parse_small_instance():
    inst = parse_darp(GOOD, "good.txt")
    assert (inst.vehicles, inst.n, inst.max_duration, inst.capacity, inst.max_ride) == (2, 2, 480, 3, 30)
    prob = inst.problem
    assert len(prob.requests) == 2 and len(prob.vehicles) == 2
    r1 = prob.requests[0]
    assert (r1.pickup.location, r1.dropoff.location) == (1, 3)
    assert r1.dropoff.window.earliest == 30 and r1.dropoff.window.latest == 45
    assert r1.max_ride_time == 30 and r1.load == (1,) and not r1.optional
    veh = prob.vehicles[0]
    assert (veh.start, veh.end, veh.capacity, veh.max_duration) == (0, 5, (3,), 480)
    times, dist = prob.travel.matrices()
    assert dist[0, 1] == pytest.approx(5.0)  # 3-4-5 triangle, unrounded Euclidean
    assert times[1, 3] == pytest.approx(3.0)
    assert dist[1, 2] == pytest.approx(math.hypot(4, 4))


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("", 1, "K"),
        ("2 2 480 3\n", 1, "L"),
        ("2 x 480 3 30\n", 1, "n"),
        ("2 2.5 480 3 30\n", 1, "n"),
        ("0 2 480 3 30\n", 1, "K"),
        (GOOD.replace("  3   0.000   4.000   3  -1   30   45", "  3   0.000   4.000   3  -1   30"), 5, "l"),
        (GOOD.replace("  2  -1.000   0.000   3   1   60   75", "  2  -1.000   abc   3   1   60   75"), 4, "y"),
        (GOOD.replace("  2  -1.000", "  7  -1.000"), 4, "id"),
        (GOOD.replace("60   75", "80   75"), 4, "e"),
        (GOOD.replace("  4   1.000   1.000   3  -1", "  4   1.000   1.000   3  -2"), 6, "q"),
        (GOOD.replace("  0   0.000   0.000   0   0", "  0   0.000   0.000   0   1"), 2, "q"),
        (GOOD.replace("  1   3.000   4.000   3   1", "  1   3.000   4.000  -3   1"), 3, "s"),
        ("\n".join(GOOD.splitlines()[:-1]) + "\n", 7, "id"),
    ],
)
def test_malformed_files_name_line_and_field(text, line, field):
    with pytest.raises(DarpFormatError) as exc:
        parse_darp(text, "bad.txt")
    assert exc.value.line == line
    assert exc.value.field == field
    assert f"bad.txt: line {line}, field {field}" in str(exc.value)


def test_reads_every_shared_instance():
    files = instance_files()
    assert len(files) == 48
    for f in files:
        inst = read_darp(f)
        k, n = inst.name[1:].split("-")
        assert inst.vehicles == int(k[0]) and inst.n == int(n)
        assert inst.capacity == (3 if inst.name[0] == "a" else 6)


def test_read_sol_rejects_bad_ids(tmp_path):
    p = tmp_path / "x.sol"
    p.write_text("# comment\n1 3\n2 x\n")
    with pytest.raises(DarpFormatError, match="line 3, field node"):
        read_sol(p, 2)
    p.write_text("1 9\n")
    with pytest.raises(DarpFormatError, match="outside"):
        read_sol(p, 2)
    p.write_text("0 1 3 5\n\n2 4\n")
    assert read_sol(p, 2) == [[1, 3], [2, 4]]


def test_fixture_solution_files_exist():
    assert (FIXTURES / "bks.csv").exists()
    assert (FIXTURES / "SOURCE.md").exists()
