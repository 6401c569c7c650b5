"""The solver's eight-step schedule (Cordeau & Laporte 2003) against the independent exact checker."""

from __future__ import annotations

import numpy as np
import pytest

from communities.scheduling import read_darp
from communities.scheduling.arrays import compile_problem
from communities.scheduling.checker import check_routes
from communities.scheduling.evaluate import schedule_route
from communities.scheduling.reader import read_sol

from ._util import FIXTURES, line_problem


def _eval(pa, v, nodes):
    m = len(nodes)
    bufs = [np.zeros(m) for _ in range(4)]
    pos = np.zeros(pa.n_nodes, dtype=np.int64)
    ok = schedule_route(np.asarray(nodes, dtype=np.int64), m, v, pa.n_req, pa.e, pa.l, pa.s, pa.q, pa.tt,
                        pa.maxride, pa.cap, pa.maxdur, *bufs, pos)
    return ok, bufs


def _nodes(pa, v, ids, n):
    """Benchmark node ids (1..2n) -> internal node numbers for vehicle v."""
    R, V = pa.n_req, pa.n_veh
    return [2 * R + v] + [i - 1 if i <= n else R + i - n - 1 for i in ids] + [2 * R + V + v]


def _seq(ids, n):
    return [(str(i if i <= n else i - n), "pickup" if i <= n else "dropoff") for i in ids]


def test_eight_step_delays_pickup_to_meet_ride_time():
    prob = line_problem(max_ride=21.0, windows={"a-": (100, 100)})
    pa = compile_problem(prob)
    # internal nodes: a+ = 0, b+ = 1, a- = 2, b- = 3, start = 4, end = 5
    ok, (A, B, W, Dep) = _eval(pa, 0, [4, 0, 1, 2, 3, 5])
    assert ok
    assert B[3] == pytest.approx(100.0)
    assert B[3] - Dep[1] == pytest.approx(21.0)  # ride time of a exactly at its limit
    assert B[1] == pytest.approx(78.0)  # boarding delayed: the car leaves home later (step 4)
    assert B[0] == pytest.approx(68.0) and W[1] == pytest.approx(0.0)
    pa2 = compile_problem(line_problem(max_ride=20.9, windows={"a-": (100, 100)}))
    assert not _eval(pa2, 0, [4, 0, 1, 2, 3, 5])[0]


def test_capacity_and_precedence_rejected():
    pa = compile_problem(line_problem(capacity=(1,)))
    assert not _eval(pa, 0, [4, 0, 1, 2, 3, 5])[0]
    assert _eval(pa, 0, [4, 0, 2, 1, 3, 5])[0]
    pa = compile_problem(line_problem())
    assert not _eval(pa, 0, [4, 2, 0, 1, 3, 5])[0]


@pytest.mark.parametrize("sol", sorted(FIXTURES.glob("*.sol")), ids=lambda p: p.stem)
def test_accepts_known_optimal_routes(sol):
    inst = read_darp(FIXTURES / f"{sol.stem}.txt")
    pa = compile_problem(inst.problem)
    for v, ids in enumerate(read_sol(sol, inst.n)):
        assert _eval(pa, v, _nodes(pa, v, ids, inst.n))[0]


def test_sound_against_exact_checker_on_perturbed_routes():
    """Whenever the eight-step procedure accepts a route, the exact test must accept it too."""
    rng = np.random.default_rng(7)
    accepted = agree = total = 0
    for name in ("a2-16", "b2-20", "a4-24", "b3-24"):
        inst = read_darp(FIXTURES / f"{name}.txt")
        pa = compile_problem(inst.problem)
        for ids in read_sol(FIXTURES / f"{name}.sol", inst.n):
            for _ in range(150):
                cand = list(ids)
                for _ in range(int(rng.integers(1, 3))):
                    k = int(rng.integers(0, len(cand) - 1))
                    cand[k], cand[k + 1] = cand[k + 1], cand[k]
                ours = _eval(pa, 0, _nodes(pa, 0, cand, inst.n))[0]
                exact = check_routes(inst.problem, [("0", _seq(cand, inst.n))], require_all_mandatory=False).feasible
                total += 1
                accepted += ours
                assert not ours or exact, (name, cand)
                agree += ours == exact
    assert accepted > 0  # the perturbations include feasible routes
    assert agree / total > 0.95
