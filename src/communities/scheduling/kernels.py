"""Compiled helpers of the search: removal gains, relocation local search, totals."""

from __future__ import annotations

import numpy as np
from numba import njit

from communities.scheduling.evaluate import route_cost, schedule_route
from communities.scheduling.insertion import apply_insertion, best_insertion, remove_request


@njit(cache=True, nogil=True)
def total_cost(routes, lengths, req_route, dist, penalty):
    """Routing cost of all routes plus penalties of unserved requests."""
    c = 0.0
    for v in range(routes.shape[0]):
        if lengths[v] > 2:
            c += route_cost(routes[v], lengths[v], dist)
    for r in range(req_route.shape[0]):
        if req_route[r] < 0:
            c += penalty[r]
    return c


@njit(cache=True, nogil=True)
def removal_gains(routes, lengths, req_route, nreq, dist):
    """Cost saved by removing each served request from its route (``-inf`` if unserved)."""
    g = np.full(nreq, -np.inf)
    for v in range(routes.shape[0]):
        m = lengths[v]
        rt = routes[v]
        for k in range(1, m - 1):
            node = rt[k]
            if node < nreq:
                # find drop-off position
                for k2 in range(k + 1, m - 1):
                    if rt[k2] == node + nreq:
                        break
                a = rt[k - 1]
                if k2 == k + 1:
                    b = rt[k2 + 1]
                    g[node] = dist[a, node] + dist[node, node + nreq] + dist[node + nreq, b] - dist[a, b]
                else:
                    b = rt[k + 1]
                    a2 = rt[k2 - 1]
                    b2 = rt[k2 + 1]
                    g[node] = (dist[a, node] + dist[node, b] - dist[a, b]
                               + dist[a2, node + nreq] + dist[node + nreq, b2] - dist[a2, b2])
    return g


@njit(cache=True, nogil=True)
def relocate_pass(routes, lengths, req_route, order, P, W, penalty):
    """One pass of best-improvement request relocation (remove + cheapest reinsertion anywhere).

    This is the single-request move used by Cordeau & Laporte (2003) and Parragh et al. (2010);
    a move is applied only when it strictly lowers the cost.  Returns the total gain.
    """
    nreq = P[0]
    dist = P[6]
    nr = W[7]
    V = routes.shape[0]
    saved = np.empty(routes.shape[1], dtype=np.int64)
    gain_total = 0.0
    for t in range(order.shape[0]):
        r = order[t]
        v0 = req_route[r]
        if v0 >= 0:
            m0 = lengths[v0]
            for k in range(m0):
                saved[k] = routes[v0, k]
            before = route_cost(routes[v0], m0, dist)
            remove_request(r, routes, lengths, req_route, nreq)
            gain = before - route_cost(routes[v0], lengths[v0], dist)
        else:
            gain = penalty[r]
        bound = gain - 1e-7
        best = np.inf
        bv = -1
        bi = -1
        bj = -1
        for v in range(V):
            c, i, j = best_insertion(r, v, routes, lengths, min(bound, best), P, W)
            if c < best:
                best = c
                bv = v
                bi = i
                bj = j
        if bv >= 0:
            apply_insertion(r, bv, bi, bj, routes, lengths, req_route, nreq, nr)
            gain_total += gain - best
        elif v0 >= 0:
            for k in range(m0):
                routes[v0, k] = saved[k]
            lengths[v0] = m0
            req_route[r] = v0
    return gain_total


@njit(cache=True, nogil=True)
def service_starts(routes, lengths, P, W, out):
    """Write the eight-step start-of-service time of every routed node into ``out`` (by node)."""
    nreq, e, l, s, q, tt, dist, maxride, cap, maxdur, _, _ = P  # noqa: E741
    A, B, Wt, Dep, pos = W[8], W[9], W[10], W[11], W[12]
    for v in range(routes.shape[0]):
        m = lengths[v]
        if m > 2:
            schedule_route(routes[v], m, v, nreq, e, l, s, q, tt, maxride, cap, maxdur, A, B, Wt, Dep, pos)
            for k in range(m):
                out[routes[v, k]] = B[k]


@njit(cache=True, nogil=True)
def swap_pass(routes, lengths, req_route, order, near, P, W):
    """One pass of first-improvement request exchange between two routes.

    For each request ``r1`` (in ``order``) and each ``r2`` of its row in ``near`` (its most related
    requests) served by another vehicle, both are removed and each is inserted at its cheapest
    feasible position in the other's route; the exchange is applied when it strictly lowers the
    cost.  This is the swap neighbourhood of Parragh, Doerner & Hartl (2010, *Computers & OR*
    37(6):1129-1138), which a sequence of single relocations cannot reproduce when neither route
    has room for an extra request.  Returns the total gain.
    """
    nreq = P[0]
    dist = P[6]
    nr = W[7]
    saved1 = np.empty(routes.shape[1], dtype=np.int64)
    saved2 = np.empty(routes.shape[1], dtype=np.int64)
    gain_total = 0.0
    for t in range(order.shape[0]):
        r1 = order[t]
        for h in range(near.shape[1]):
            r2 = near[r1, h]
            v1 = req_route[r1]
            v2 = req_route[r2]
            if v1 < 0 or v2 < 0 or v1 == v2:
                continue
            m1 = lengths[v1]
            m2 = lengths[v2]
            for k in range(m1):
                saved1[k] = routes[v1, k]
            for k in range(m2):
                saved2[k] = routes[v2, k]
            before = route_cost(routes[v1], m1, dist) + route_cost(routes[v2], m2, dist)
            remove_request(r1, routes, lengths, req_route, nreq)
            remove_request(r2, routes, lengths, req_route, nreq)
            gain = before - route_cost(routes[v1], lengths[v1], dist) - route_cost(routes[v2], lengths[v2], dist)
            c1, i1, j1 = best_insertion(r1, v2, routes, lengths, gain - 1e-7, P, W)
            if c1 < np.inf:
                c2, i2, j2 = best_insertion(r2, v1, routes, lengths, gain - c1 - 1e-7, P, W)
                if c2 < np.inf:
                    apply_insertion(r1, v2, i1, j1, routes, lengths, req_route, nreq, nr)
                    apply_insertion(r2, v1, i2, j2, routes, lengths, req_route, nreq, nr)
                    gain_total += gain - c1 - c2
                    break
            for k in range(m1):
                routes[v1, k] = saved1[k]
            for k in range(m2):
                routes[v2, k] = saved2[k]
            lengths[v1] = m1
            lengths[v2] = m2
            req_route[r1] = v1
            req_route[r2] = v2
    return gain_total


@njit(cache=True, nogil=True)
def shaw_select(served, q, times, nreq, relatedness, p, seed):
    """Shaw (related) removal of Ropke & Pisinger (2006, section 3.1.1): start from a random served
    request, then repeatedly pick a chosen one and add the ``floor(|pool| * y^p)``-th most related
    remaining request (``y`` uniform in [0, 1)), relatedness being ``relatedness`` (distance and
    load terms) plus 3 x the pickup and drop-off time differences normalised by the time span."""
    np.random.seed(seed)
    n = served.shape[0]
    lo = np.inf
    hi = -np.inf
    for x in range(n):
        r = served[x]
        lo = min(lo, times[r], times[nreq + r])
        hi = max(hi, times[r], times[nreq + r])
    span = max(hi - lo, 1e-9)
    pool = served.copy()
    chosen = np.empty(q, dtype=np.int64)
    k = np.random.randint(0, n)
    chosen[0] = pool[k]
    pool[k] = pool[n - 1]
    n -= 1
    nc = 1
    rel = np.empty(served.shape[0])
    while nc < q and n > 0:
        ref = chosen[np.random.randint(0, nc)]
        for x in range(n):
            r = pool[x]
            dt = abs(times[ref] - times[r]) + abs(times[nreq + ref] - times[nreq + r])
            rel[x] = relatedness[ref, r] + 3.0 * dt / span
        order = np.argsort(rel[:n], kind="mergesort")
        k = order[int(n * np.random.random() ** p)]
        chosen[nc] = pool[k]
        nc += 1
        pool[k] = pool[n - 1]
        n -= 1
    return chosen[:nc]
