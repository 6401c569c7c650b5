"""Exact-ride-time-aware route evaluation used inside the solver (compiled with numba).

``schedule_route`` is the eight-step scheduling procedure of Cordeau & Laporte (2003, *Transp.
Res. B* 37(6):579-594, section 3.3), with the forward time slack of Savelsbergh (1992) as adapted
there: it first fixes the earliest schedule, then delays the departure from the start depot by the
forward slack (minimising route duration), and if a ride-time limit is still violated it delays the
start of service at each pickup in turn by its forward slack, so waiting moves before boarding and
ride times shrink.  Two refinements, both valid by construction: vertices that are not the
destination of a passenger already on board do not cap the slack by the ride-time limit, and the
end depot caps the slack by the remaining route-duration allowance.

A route is declared feasible only if the schedule built here satisfies every constraint, so the
answer is always *sound*; as with the original procedure, it may in rare cases reject a route that
an exact method would accept.  The independent :mod:`~communities.scheduling.checker` uses an exact
difference-constraint test instead.

Node numbering: see :mod:`communities.scheduling.arrays`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

EPS = 1e-9


@njit(cache=True, nogil=True, inline="always")
def _forward(route, m, start, A, B, W, Dep, e, s, tt):
    for k in range(start, m):
        a = route[k - 1]
        b = route[k]
        A[k] = Dep[k - 1] + tt[a, b]
        B[k] = max(A[k], e[b])
        W[k] = B[k] - A[k]
        Dep[k] = B[k] + s[b]


@njit(cache=True, nogil=True)
def _slack(i, route, m, v, nreq, B, W, Dep, l, maxride, maxdur, pos):  # noqa: E741
    """Forward time slack F_i (Cordeau & Laporte 2003, eq. (3))."""
    f = np.inf
    cum = 0.0
    for j in range(i, m):
        if j > i:
            cum += W[j]
        node = route[j]
        term = l[node] - B[j]
        if nreq <= node < 2 * nreq:
            pj = pos[node - nreq]
            if pj < i:
                term = min(term, maxride[node - nreq] - (B[j] - Dep[pj]))
        if j == m - 1 and i > 0:
            term = min(term, maxdur[v] - (B[m - 1] - B[0]))
        if term < 0.0:
            term = 0.0
        if cum + term < f:
            f = cum + term
    return f


@njit(cache=True, nogil=True)
def _rides_ok(route, m, nreq, B, Dep, maxride, pos):
    for k in range(1, m - 1):
        node = route[k]
        if nreq <= node < 2 * nreq:
            p = pos[node - nreq]
            if B[k] - Dep[p] > maxride[node - nreq] + EPS:
                return False
    return True


@njit(cache=True, nogil=True)
def schedule_route(route, m, v, nreq, e, l, s, q, tt, maxride, cap, maxdur, A, B, W, Dep, pos):  # noqa: E741
    """Eight-step schedule of ``route[:m]`` for vehicle ``v``; fills A, B, W, Dep; returns feasibility.

    ``route[0]`` / ``route[m-1]`` are the vehicle's start / end nodes.  ``pos`` is a work array of
    length N (node -> position).  Checks capacity (every dimension), time windows, ride times and
    route duration.
    """
    ndim = q.shape[1]
    for d in range(ndim):
        ld = 0
        for k in range(m):
            ld += q[route[k], d]
            if ld > cap[v, d] or ld < 0:
                return False
    for k in range(m):
        pos[route[k]] = k
    for k in range(1, m - 1):  # precedence
        node = route[k]
        if nreq <= node < 2 * nreq and pos[node - nreq] > k:
            return False
    n0 = route[0]
    # steps 1-2: earliest schedule
    A[0] = e[n0]
    B[0] = e[n0]
    W[0] = 0.0
    Dep[0] = B[0] + s[n0]
    _forward(route, m, 1, A, B, W, Dep, e, s, tt)
    for k in range(m):
        if B[k] > l[route[k]] + EPS:
            return False
    # steps 3-5: delay the departure from the depot by min(F_0, total waiting)
    f0 = _slack(0, route, m, v, nreq, B, W, Dep, l, maxride, maxdur, pos)
    sw = 0.0
    for k in range(1, m - 1):
        sw += W[k]
    B[0] = e[n0] + min(f0, sw)
    A[0] = B[0]
    Dep[0] = B[0] + s[n0]
    _forward(route, m, 1, A, B, W, Dep, e, s, tt)
    if B[m - 1] - B[0] > maxdur[v] + EPS:
        return False
    # step 6: ride times
    if _rides_ok(route, m, nreq, B, Dep, maxride, pos):
        return True
    # step 7: delay each pickup by its forward slack
    for j in range(1, m - 1):
        if route[j] < nreq:
            fj = _slack(j, route, m, v, nreq, B, W, Dep, l, maxride, maxdur, pos)
            sw = 0.0
            for k in range(j + 1, m - 1):
                sw += W[k]
            W[j] += min(fj, sw)
            B[j] = A[j] + W[j]
            Dep[j] = B[j] + s[route[j]]
            _forward(route, m, j + 1, A, B, W, Dep, e, s, tt)
    # step 8: final check
    for k in range(m):
        if B[k] > l[route[k]] + EPS:
            return False
    if B[m - 1] - B[0] > maxdur[v] + EPS:
        return False
    return _rides_ok(route, m, nreq, B, Dep, maxride, pos)


@njit(cache=True, nogil=True)
def route_cost(route, m, dist):
    """Sum of the arc costs of ``route[:m]``."""
    c = 0.0
    for k in range(m - 1):
        c += dist[route[k], route[k + 1]]
    return c
