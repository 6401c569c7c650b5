"""Compiled helpers of the search: removal gains, relocation local search, totals."""

from __future__ import annotations

import numpy as np
from numba import njit

from communities.scheduling.evaluate import route_cost, schedule_route
from communities.scheduling.insertion import apply_insertion, best_insertion, remove_request


@njit(cache=True)
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


@njit(cache=True)
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


@njit(cache=True)
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


@njit(cache=True)
def service_starts(routes, lengths, P, W, out):
    """Write the eight-step start-of-service time of every routed node into ``out`` (by node)."""
    nreq, e, l, s, q, tt, dist, maxride, cap, maxdur = P  # noqa: E741
    A, B, Wt, Dep, pos = W[8], W[9], W[10], W[11], W[12]
    for v in range(routes.shape[0]):
        m = lengths[v]
        if m > 2:
            schedule_route(routes[v], m, v, nreq, e, l, s, q, tt, maxride, cap, maxdur, A, B, Wt, Dep, pos)
            for k in range(m):
                out[routes[v, k]] = B[k]
