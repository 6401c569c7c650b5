"""The pr01-pr10 files (Cordeau & Laporte 2003) are read as published: 2n header, one depot, a
depot window [0, 1440] and a binding route-duration limit; the independent checker validates them."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from communities.scheduling import DarpFormatError, check_routes, check_solution, read_darp, solve
from communities.scheduling.checker import schedule_exists
from communities.scheduling.reader import parse_darp, read_sol

from ._util import FIXTURES

PR = FIXTURES / "pr"
P, D = "pickup", "dropoff"


def _pr_bks() -> dict[str, float]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from darp import load_bks

    return load_bks(PR / "bks.csv")


def _seqs(inst, routes):  # noqa: ANN001, ANN202 - node-id routes -> checker sequences
    n = inst.n
    return [(str(k), [(str(i if i <= n else i - n), P if i <= n else D) for i in ids]) for k, ids in enumerate(routes)]


def test_pr01_header_and_single_depot():
    inst = read_darp(PR / "pr01.txt")
    assert inst.layout == "pr" and inst.end_depot == 0
    assert (inst.vehicles, inst.n, inst.max_duration, inst.capacity, inst.max_ride) == (3, 24, 480, 6, 90)
    prob = inst.problem
    assert len(prob.requests) == 24 and prob.travel.size == 49  # nodes 0..2n, no node 2n+1
    veh = prob.vehicles[0]
    assert (veh.start, veh.end, veh.max_duration) == (0, 0, 480)
    assert (veh.shift.earliest, veh.shift.latest) == (0, 1440)
    r1 = prob.requests[0]
    assert (r1.pickup.location, r1.dropoff.location) == (1, 25)
    assert r1.pickup.service_time == 10 and r1.load == (1,) and r1.max_ride_time == 90


@pytest.mark.parametrize("name", [f"pr{k:02d}" for k in range(1, 11)])
def test_every_pr_file_reads(name):
    inst = read_darp(PR / f"{name}.txt")
    assert inst.layout == "pr"
    assert len(inst.problem.requests) == inst.n and len(inst.problem.vehicles) == inst.vehicles
    assert name in _pr_bks()


def test_ab_files_keep_their_layout():
    inst = read_darp(FIXTURES / "a2-16.txt")
    assert inst.layout == "ab" and inst.end_depot == 33 and inst.problem.vehicles[0].end == 33


def test_wrong_node_count_names_both_layouts():
    text = (PR / "pr01.txt").read_text().splitlines()
    with pytest.raises(DarpFormatError, match="expected 98 node lines .* or 49 \\(pr layout"):
        parse_darp("\n".join(text[:-1]) + "\n", "pr01.txt")


def test_pr_depot_load_must_be_zero():
    lines = (PR / "pr01.txt").read_text().splitlines()
    lines[1] = lines[1].replace("  0    0 1440", "  1    0 1440")
    with pytest.raises(DarpFormatError) as exc:
        parse_darp("\n".join(lines), "pr01.txt")
    assert (exc.value.line, exc.value.field) == (2, "q")


def test_checker_accepts_pr01_plan_at_the_proven_optimum():
    inst = read_darp(PR / "pr01.txt")
    routes = read_sol(PR / "pr01.sol", inst.n, single_depot=True)
    rep = check_routes(inst.problem, _seqs(inst, routes))
    assert rep.feasible, rep.errors
    assert round(rep.distance, 2) == pytest.approx(_pr_bks()["pr01"], abs=0.005)


def _with_duration(problem, limit):  # noqa: ANN001, ANN202
    prob = problem.with_requests(problem.requests)
    prob.vehicles = [dataclasses.replace(v, max_duration=limit) for v in problem.vehicles]
    return prob


def test_checker_enforces_the_route_duration_limit_on_pr01():
    inst = read_darp(PR / "pr01.txt")
    seqs = _seqs(inst, read_sol(PR / "pr01.sol", inst.n, single_depot=True))
    longest = [max(seqs, key=lambda vs: len(vs[1]))]
    # shortest duration the longest route can have (bisection on the limit with the exact test)
    lo, hi = 0.0, 480.0
    for _ in range(40):
        mid = (lo + hi) / 2
        if schedule_exists(_with_duration(inst.problem, mid), 0, longest[0][1])[0]:
            hi = mid
        else:
            lo = mid
    assert 300 < hi <= 480  # a real day's work, within the published limit
    ok = check_routes(_with_duration(inst.problem, hi + 0.01), longest, require_all_mandatory=False)
    assert ok.feasible, ok.errors
    bad = check_routes(_with_duration(inst.problem, hi - 1.0), longest, require_all_mandatory=False)
    assert not bad.feasible
    assert any("duration" in e for e in bad.errors)


def test_solver_on_pr01_returns_a_checked_plan_ending_at_the_single_depot():
    inst = read_darp(PR / "pr01.txt")
    sol = solve(inst.problem, time_limit=None, max_iterations=300, seed=0)
    rep = check_solution(inst.problem, sol)
    assert rep.feasible, rep.errors
    assert not sol.unserved
    for rt in sol.routes:
        assert rt.visits[0].location == 0 and rt.visits[-1].location == 0
        assert rt.duration <= 480 + 1e-6
    assert sol.trace and sol.trace[-1][1] == pytest.approx(sol.distance)
