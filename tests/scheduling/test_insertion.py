"""The screened best insertion against brute force: every (pickup, drop-off) position pair through
the eight-step schedule.  The screens (time windows, capacity, ride-time lower bounds) are
necessary conditions only, so both must find the same cheapest feasible insertion cost."""

from __future__ import annotations

import numpy as np
import pytest

from communities.scheduling import read_darp
from communities.scheduling.alns import Alns
from communities.scheduling.arrays import compile_problem
from communities.scheduling.evaluate import route_cost, schedule_route
from communities.scheduling.insertion import best_insertion, remove_request

from ._util import FIXTURES


def _brute_force(pa, r, v, route):
    best = np.inf
    m = len(route)
    bufs = [np.zeros(m + 2) for _ in range(4)]
    pos = np.zeros(pa.n_nodes, dtype=np.int64)
    base = route_cost(np.asarray(route, dtype=np.int64), m, pa.dist)
    for i in range(m - 1):
        for j in range(i, m - 1):
            nodes = route[:i + 1] + [r] + route[i + 1:j + 1] + [pa.n_req + r] + route[j + 1:]
            arr = np.asarray(nodes, dtype=np.int64)
            if schedule_route(arr, m + 2, v, pa.n_req, pa.e, pa.l, pa.s, pa.q, pa.tt, pa.maxride, pa.cap,
                              pa.maxdur, *bufs, pos):
                best = min(best, route_cost(arr, m + 2, pa.dist) - base)
    return best


@pytest.mark.parametrize("name", ["a2-16", "a2-20", "b2-16", "a5-40", "b6-48", "a8-64"])
def test_screened_insertion_matches_brute_force(name):
    pa = compile_problem(read_darp(FIXTURES / f"{name}.txt").problem)
    alns = Alns(pa, 0)
    state, _ = alns.run(max_iterations=30)
    rng = np.random.default_rng(1)
    checked = feasible = 0
    for _ in range(6):
        st = state.copy()
        removed = rng.choice(pa.n_req, size=8, replace=False)
        for r in removed:
            remove_request(int(r), st.routes, st.lengths, st.req_route, pa.n_req)
        for r in removed:
            for v in range(pa.n_veh):
                c, _, _ = best_insertion(int(r), v, st.routes, st.lengths, np.inf, alns.P, alns.W)
                ref = _brute_force(pa, int(r), v, [int(x) for x in st.routes[v, :st.lengths[v]]])
                assert c == pytest.approx(ref, abs=1e-9) or c == ref == np.inf, (r, v)
                checked += 1
                feasible += c < np.inf
    assert feasible > checked // 10  # the comparison is not vacuous
