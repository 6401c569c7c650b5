"""The CP-SAT certificate of ``benchmarks/darp_exact.py``, which settles best-known values.

The fixture value of b4-24 rests on it (see ``tests/fixtures/darp/SOURCE.md``), so it is tested
like product code: its bound never exceeds a published optimal plan's cost (a relaxation), it
meets that cost on instances with a published plan (tight), and its plans pass the exact checker.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from communities.scheduling import read_darp
from communities.scheduling.checker import check_routes
from communities.scheduling.reader import read_sol

from ._util import FIXTURES, bks

_spec = importlib.util.spec_from_file_location(
    "darp_exact", Path(__file__).resolve().parents[2] / "benchmarks" / "darp_exact.py")
darp_exact = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(darp_exact)


def _cost(inst, routes):
    rep = check_routes(inst.problem, [(str(k), darp_exact.as_seq(inst.n, r)) for k, r in enumerate(routes)])
    assert rep.feasible, rep.errors
    return rep.distance


@pytest.mark.parametrize("name", ["a2-16", "b2-16", "b3-18"])
def test_bound_is_valid_and_tight_where_a_published_plan_exists(name):
    inst = read_darp(FIXTURES / f"{name}.txt")
    published = _cost(inst, read_sol(FIXTURES / f"{name}.sol", inst.n))
    status, bound, routes, _ = darp_exact.solve_exact(inst, 60, 2, 10000)
    assert status == "OPTIMAL"
    assert bound <= published + 1e-9  # a relaxation never cuts off a feasible plan
    assert published - bound < 0.01  # floor rounding costs at most 1e-4 per arc
    assert _cost(inst, routes) == pytest.approx(published, abs=1e-6)


def test_without_arc_elimination_the_bound_is_the_same():
    inst = read_darp(FIXTURES / "b2-16.txt")
    with_elim = darp_exact.solve_exact(inst, 60, 2, 10000)[1]
    without = darp_exact.solve_exact(inst, 60, 2, 10000, eliminate=False)[1]
    assert with_elim == pytest.approx(without, abs=1e-9)


def test_eliminated_arcs_are_never_used_by_published_optimal_plans():
    for sol in sorted(FIXTURES.glob("*.sol")):
        inst = read_darp(FIXTURES / f"{sol.stem}.txt")
        arcs = darp_exact.feasible_arcs(inst)
        for route in read_sol(sol, inst.n):
            for a, b in zip(route, route[1:], strict=False):
                assert (a, b) in arcs, (sol.stem, a, b)


def test_b4_24_optimum_is_371_41_not_the_transcribed_369_36():
    inst = read_darp(FIXTURES / "b4-24.txt")
    status, bound, routes, _ = darp_exact.solve_exact(inst, 120, 2, 10000)
    assert status == "OPTIMAL"
    assert bound > 369.36 + 0.005
    assert round(_cost(inst, routes), 2) == pytest.approx(371.41) == bks()["b4-24"]
