"""Compiled insertion kernels: best feasible insertion of a request and regret-k repair.

Insertion positions are screened with necessary conditions that are cheap to test, then the
remaining candidates are tried in increasing order of added cost, and the first one that passes
the exact eight-step schedule (:func:`~communities.scheduling.evaluate.schedule_route`) is the best
insertion into that route.  The screens use bounds computed once per route
(:func:`prepare_route`): earliest / latest service-start times from the time windows (Savelsbergh
1992, *ORSA J. Computing* 4(2):146-154), pushed forward along the route as the pickup and drop-off
are inserted; capacity on the arcs spanned; a lower bound on the new request's ride time (earliest
drop-off minus latest pickup); and, for the passengers already on board, a forward-time-slack
bound on how far the schedule may be pushed before some ride must exceed its limit even with its
pickup as late as possible.  All are implied by feasibility, so the screened search returns the same
cost as trying every position pair (``tests/scheduling/test_insertion.py``); on the large
a-instances they cut the eight-step evaluations per insertion from 1.7 to 1.1.

``repair`` is the greedy / regret-k insertion heuristic with noise of Ropke & Pisinger (2006,
*Transportation Science* 40(4):455-472, section 3.2): repeatedly insert the request with the
largest regret (the cost difference between its best and k-th best route), preferring requests
that fit in fewer routes; per-route bounds and cached per-route insertion costs are recomputed
only for the route that changed.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from communities.scheduling.evaluate import EPS, schedule_route

BIG = 1e15


@njit(cache=True, nogil=True)
def prepare_route(route, m, P, E, Lt, S, load, RS, pos):
    """Bounds of ``route[:m]`` shared by every request screened against this route.

    ``E`` / ``Lt``: earliest / latest start of service at each position from the time windows
    (Savelsbergh 1992); ``S``: cumulative path time; ``load`` after each position; ``RS[k]``: how far
    the earliest start at position ``k`` may be pushed before some later drop-off ``h`` must violate
    its ride limit even if its pickup ``g`` starts as late as possible, i.e. the minimum over ``h >= k``
    of ``L - (E[h] - Lt[g] - s_g)`` plus the waiting between ``k`` and ``h`` that absorbs the push
    (forward time slack of Savelsbergh 1992 applied to the ride-time lower bounds).
    """
    nreq, _, _, s, q, tt, dist, maxride, cap, maxdur, e, l = P  # noqa: E741 - screening windows
    ndim = q.shape[1]
    E[0] = e[route[0]]
    S[0] = 0.0
    for d2 in range(ndim):
        load[0, d2] = q[route[0], d2]
    for k in range(1, m):
        a = route[k - 1]
        b = route[k]
        E[k] = max(e[b], E[k - 1] + s[a] + tt[a, b])
        S[k] = S[k - 1] + s[a] + tt[a, b]
        for d2 in range(ndim):
            load[k, d2] = load[k - 1, d2] + q[b, d2]
    Lt[m - 1] = l[route[m - 1]]
    for k in range(m - 2, -1, -1):
        a = route[k]
        Lt[k] = min(l[a], Lt[k + 1] - s[a] - tt[a, route[k + 1]])
    for k in range(1, m - 1):
        if route[k] < nreq:
            pos[route[k]] = k
    RS[m - 1] = np.inf
    for k in range(m - 2, 0, -1):
        a = route[k]
        b = route[k + 1]
        RS[k] = RS[k + 1] + (E[k + 1] - E[k] - s[a] - tt[a, b])  # waiting before k + 1
        if nreq <= a < 2 * nreq:
            g = pos[a - nreq]
            RS[k] = min(RS[k], maxride[a - nreq] - (E[k] - Lt[g] - s[a - nreq]))
    RS[0] = RS[1]


@njit(cache=True, nogil=True)
def best_insertion(r, v, routes, lengths, bound, P, W):
    """Cheapest feasible insertion of request ``r`` into route ``v`` with added cost < ``bound``.

    ``P`` is the problem tuple ``(nreq, e, l, s, q, tt, dist, maxride, cap, maxdur, ew, lw)`` and ``W`` the
    work tuple (see :func:`make_work`).  Returns ``(added cost, i, j)``: the pickup goes after
    position ``i`` and the drop-off after original position ``j`` (``j >= i``), or ``(inf, -1, -1)``.
    """
    E, Lt, S, load, RS = W[0], W[1], W[2], W[3], W[14]
    prepare_route(routes[v], lengths[v], P, E, Lt, S, load, RS, W[12])
    return insertion_prepared(r, v, routes, lengths, bound, P, W, E, Lt, S, load, RS)


@njit(cache=True, nogil=True)
def insertion_prepared(r, v, routes, lengths, bound, P, W, E, Lt, S, load, RS):
    """:func:`best_insertion` with the bounds of route ``v`` already computed by :func:`prepare_route`."""
    # screens use the tightened windows (e, l), the eight-step schedule the published ones (e0, l0)
    nreq, e0, l0, s, q, tt, dist, maxride, cap, maxdur, e, l = P  # noqa: E741
    cc, ci, cj, nr, A, B, Wt, Dep, pos, stats = W[4], W[5], W[6], W[7], W[8], W[9], W[10], W[11], W[12], W[13]
    route = routes[v]
    m = lengths[v]
    p = r
    d = nreq + r
    ndim = q.shape[1]
    # screen candidates
    nc = 0
    mr = maxride[r]
    for i in range(m - 1):
        if E[i] > l[p] + EPS:  # E is non-decreasing along the route: no later position either
            break
        if Lt[i + 1] < e[p] - EPS:  # Lt is non-decreasing: the pickup cannot precede route[i + 1]
            continue
        a = route[i]
        b = route[i + 1]
        arr_p = E[i] + s[a] + tt[a, p]
        if arr_p > l[p] + EPS:
            continue
        ok = True
        for d2 in range(ndim):
            if load[i, d2] + q[p, d2] > cap[v, d2]:
                ok = False
        if not ok:
            continue
        ep = max(e[p], arr_p)
        base_p = dist[a, p] + dist[p, b] - dist[a, b]
        # j == i: drop-off straight after the pickup; the new ride is at least the earliest
        # drop-off minus the latest pickup, and the push at i + 1 must respect RS
        ed = max(e[d], ep + s[p] + tt[p, d])
        eb = max(e[b], ed + s[d] + tt[d, b])
        lp = min(l[p], min(l[d], Lt[i + 1] - s[d] - tt[d, b]) - s[p] - tt[p, d])
        if (ed <= l[d] + EPS and eb <= Lt[i + 1] + EPS and ed - lp - s[p] <= mr + EPS
                and eb - E[i + 1] <= RS[i + 1] + EPS):
            c = dist[a, p] + dist[p, d] + dist[d, b] - dist[a, b]
            if c < bound:
                cc[nc] = c
                ci[nc] = i
                cj[nc] = i
                nc += 1
        # earliest start at position j once the pickup is in (pushed forward from i + 1 on): if it
        # exceeds the latest start there, no drop-off position at or after j can be feasible
        ej = max(e[b], ep + s[p] + tt[p, b])
        if ej > Lt[i + 1] + EPS or ej - E[i + 1] > RS[i + 1] + EPS:
            continue
        lp = min(l[p], Lt[i + 1] - s[p] - tt[p, b])  # latest start of the pickup
        for j in range(i + 1, m - 1):
            c1 = route[j]
            if j > i + 1:
                c0 = route[j - 1]
                ej = max(e[c1], ej + s[c0] + tt[c0, c1])
                if ej > Lt[j] + EPS:
                    break
            if ej > l[d] + EPS:  # the drop-off would start after route[j]; ej only grows with j
                break
            ok = True
            for d2 in range(ndim):
                if load[j, d2] + q[p, d2] > cap[v, d2]:
                    ok = False
            if not ok:
                break
            if tt[p, b] + S[j] - S[i + 1] + s[c1] + tt[c1, d] > mr + EPS:
                break
            arr_d = ej + s[c1] + tt[c1, d]
            if arr_d > l[d] + EPS:
                continue
            ed = max(e[d], arr_d)
            if ed - lp - s[p] > mr + EPS:
                continue
            b1 = route[j + 1]
            eb = max(e[b1], ed + s[d] + tt[d, b1])
            if eb > Lt[j + 1] + EPS or eb - E[j + 1] > RS[j + 1] + EPS:
                continue
            c = base_p + dist[c1, d] + dist[d, b1] - dist[c1, b1]
            if c < bound:
                cc[nc] = c
                ci[nc] = i
                cj[nc] = j
                nc += 1
    stats[0] += 1
    stats[1] += nc
    if nc == 0:
        return np.inf, -1, -1
    # try the candidates in increasing added cost (selection: most routes accept the first)
    for t in range(nc):
        k = t
        for h in range(t + 1, nc):
            if cc[h] < cc[k]:
                k = h
        c, i, j = cc[k], ci[k], cj[k]
        cc[k], ci[k], cj[k] = cc[t], ci[t], cj[t]
        _build(route, m, i, j, p, d, nr)
        stats[2] += 1
        if schedule_route(nr, m + 2, v, nreq, e0, l0, s, q, tt, maxride, cap, maxdur, A, B, Wt, Dep, pos):
            stats[3] += 1
            return c, i, j
    return np.inf, -1, -1


@njit(cache=True, nogil=True, inline="always")
def _build(route, m, i, j, p, d, out):
    k = 0
    for x in range(i + 1):
        out[k] = route[x]
        k += 1
    out[k] = p
    k += 1
    for x in range(i + 1, j + 1):
        out[k] = route[x]
        k += 1
    out[k] = d
    k += 1
    for x in range(j + 1, m):
        out[k] = route[x]
        k += 1


@njit(cache=True, nogil=True)
def apply_insertion(r, v, i, j, routes, lengths, req_route, nreq, nr):
    """Insert request ``r`` into route ``v`` at positions (i, j) as returned by best_insertion."""
    m = lengths[v]
    _build(routes[v], m, i, j, r, nreq + r, nr)
    for k in range(m + 2):
        routes[v, k] = nr[k]
    lengths[v] = m + 2
    req_route[r] = v


@njit(cache=True, nogil=True)
def remove_request(r, routes, lengths, req_route, nreq):
    """Remove request ``r`` (both nodes) from its route; no-op if unserved."""
    v = req_route[r]
    if v < 0:
        return
    m = lengths[v]
    k = 0
    for x in range(m):
        node = routes[v, x]
        if node != r and node != nreq + r:
            routes[v, k] = node
            k += 1
    lengths[v] = k
    req_route[r] = -1


@njit(cache=True, nogil=True)
def repair(routes, lengths, req_route, todo, k_regret, noise, maxd, seed, P, W, penalty, vtype):
    """Regret-``k_regret`` insertion (``k_regret <= 1``: greedy) of the requests in ``todo``.

    ``noise`` > 0 perturbs the insertion costs used for *choosing* by a uniform term in
    ``[-noise*maxd, noise*maxd]`` (Ropke & Pisinger 2006, section 3.6).  A request is inserted only
    if its true added cost is below its ``penalty``.  Returns the number left uninserted.
    """
    np.random.seed(seed)
    nreq = P[0]
    nr = W[7]
    n = todo.shape[0]
    V = routes.shape[0]
    cost = np.full((n, V), np.inf)
    ncost = np.full((n, V), np.inf)
    bi = np.zeros((n, V), dtype=np.int64)
    bj = np.zeros((n, V), dtype=np.int64)
    left = np.ones(n, dtype=np.bool_)
    use = np.ones(V, dtype=np.bool_)
    mx = routes.shape[1] + 2
    RE = np.empty((V, mx))
    RL = np.empty((V, mx))
    RT = np.empty((V, mx))
    RQ = np.empty((V, mx, W[3].shape[1]), dtype=np.int64)
    RR = np.empty((V, mx))
    for v in range(V):
        prepare_route(routes[v], lengths[v], P, RE[v], RL[v], RT[v], RQ[v], RR[v], W[12])
        for x in range(n):
            c, i, j = insertion_prepared(todo[x], v, routes, lengths, penalty[todo[x]], P, W, RE[v], RL[v], RT[v],
                                         RQ[v], RR[v])
            cost[x, v] = c
            bi[x, v] = i
            bj[x, v] = j
    for x in range(n):  # noise drawn in the same order as before the per-route preparation
        for v in range(V):
            c = cost[x, v]
            if c < np.inf and noise > 0:
                ncost[x, v] = max(0.0, c + maxd * noise * (2.0 * np.random.random() - 1.0))
            else:
                ncost[x, v] = c
    remaining = n
    tmp = np.empty(V)
    while remaining > 0:
        # among empty routes of identical vehicles consider only the first (symmetry)
        for v in range(V):
            use[v] = True
            if lengths[v] == 2:
                for u in range(v):
                    if lengths[u] == 2 and vtype[u] == vtype[v]:
                        use[v] = False
                        break
        best_x = -1
        best_v = -1
        best_score = -np.inf
        best_c1 = np.inf
        for x in range(n):
            if not left[x]:
                continue
            nf = 0
            c1 = np.inf
            v1 = -1
            for v in range(V):
                if use[v] and cost[x, v] < np.inf:
                    tmp[nf] = ncost[x, v]
                    nf += 1
                    if ncost[x, v] < c1:
                        c1 = ncost[x, v]
                        v1 = v
            if nf == 0:
                continue
            if k_regret <= 1:
                score = -c1
            else:
                srt = np.sort(tmp[:nf])
                kk = min(k_regret, nf)
                score = (k_regret - kk) * BIG
                for h in range(1, kk):
                    score += srt[h] - srt[0]
            if score > best_score or (score == best_score and c1 < best_c1):
                best_score = score
                best_c1 = c1
                best_x = x
                best_v = v1
        if best_x < 0:
            break
        r = todo[best_x]
        apply_insertion(r, best_v, bi[best_x, best_v], bj[best_x, best_v], routes, lengths, req_route, nreq, nr)
        left[best_x] = False
        remaining -= 1
        v = best_v
        prepare_route(routes[v], lengths[v], P, RE[v], RL[v], RT[v], RQ[v], RR[v], W[12])
        for x in range(n):
            if left[x]:
                c, i, j = insertion_prepared(todo[x], v, routes, lengths, penalty[todo[x]], P, W, RE[v], RL[v], RT[v],
                                             RQ[v], RR[v])
                cost[x, best_v] = c
                bi[x, best_v] = i
                bj[x, best_v] = j
                if c < np.inf and noise > 0:
                    ncost[x, best_v] = max(0.0, c + maxd * noise * (2.0 * np.random.random() - 1.0))
                else:
                    ncost[x, best_v] = c
    return remaining


def make_work(n_nodes: int, ndim: int) -> tuple:
    """Allocate the work arrays used by :func:`best_insertion` (one set per solve)."""
    mx = n_nodes + 4
    return (
        np.zeros(mx), np.zeros(mx), np.zeros(mx), np.zeros((mx, ndim), dtype=np.int64),
        np.zeros(mx * mx), np.zeros(mx * mx, dtype=np.int64), np.zeros(mx * mx, dtype=np.int64),
        np.zeros(mx, dtype=np.int64),
        np.zeros(mx), np.zeros(mx), np.zeros(mx), np.zeros(mx), np.zeros(n_nodes, dtype=np.int64),
        np.zeros(4, dtype=np.int64), np.zeros(mx),
    )
