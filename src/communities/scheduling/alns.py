"""Adaptive large neighbourhood search (ALNS) for the dial-a-ride problem.

Method: Ropke & Pisinger (2006, *Transportation Science* 40(4):455-472) -- destroy operators
(random, worst, Shaw/related, route removal) and repair operators (greedy and regret-k insertion,
each with and without noise) chosen by roulette wheel with adaptive weights (segments of
:attr:`AlnsConfig.segment` iterations, scores sigma_1..3, reaction factor), simulated-annealing
acceptance, and a request bank for unserved requests.  The route evaluation is the exact
ride-time-aware eight-step schedule of Cordeau & Laporte (2003) (:mod:`evaluate`), and each new
best solution is polished by local search: single-request relocation, then request exchange
between routes (the move and swap neighbourhoods of Parragh, Doerner & Hartl 2010, *Computers & OR*
37(6):1129-1138), repeated to a local optimum of both; a candidate not seen before that is less
than ``polish_gap`` (1 %) above the best gets a relocation descent first, as a near miss is often
one move from a new best.  With several searches in parallel, each annealing cycle restarts from
the best solution of all of them (:mod:`cooperate`).

Determinism: every random choice comes from one ``numpy.random.Generator`` seeded with ``seed``
(compiled kernels are re-seeded from it at each call) and the temperature schedule depends on the
iteration count only, never on the clock.  The sequence of solutions visited is therefore fixed by
``(problem, seed, config)``; the time limit only decides *where that sequence is cut*.  With
``max_iterations`` set and a time limit that is not reached, the result is bit-for-bit
reproducible; with only a time limit, two runs agree exactly when they complete the same number of
iterations.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

import numpy as np

from communities.scheduling.arrays import ProblemArrays
from communities.scheduling.cooperate import Exchange
from communities.scheduling.insertion import make_work, remove_request, repair
from communities.scheduling.kernels import (
    relocate_pass,
    removal_gains,
    service_starts,
    shaw_select,
    swap_pass,
    total_cost,
)
from communities.scheduling.pool import RoutePool


@dataclass(slots=True)
class AlnsConfig:
    """Tuning constants (defaults follow Ropke & Pisinger 2006 unless noted)."""

    segment: int = 100  # iterations per weight-update segment
    reaction: float = 0.1
    sigma_best: float = 33.0
    sigma_better: float = 9.0
    sigma_accepted: float = 13.0
    # at the start temperature, a solution worse by this fraction of the average cost per request
    # is accepted with probability 0.5 (own calibration on the a-instances; equals RP's 5 % of the
    # total cost at n = 16 requests)
    start_worse: float = 0.8
    cycle: int = 0  # iterations per annealing cycle (restart from the best); 0 = cycle_per_request x n
    cycle_per_request: int = 100
    # optional cap on the cycle length (0 = none); 4000 was tried on the pr set, not adopted (ADR 0004, 2026-12-07)
    cycle_max: int = 0
    end_temp_ratio: float = 0.002
    min_remove: int = 2
    max_remove_frac: float = 0.3
    max_remove: int = 30  # 15 doubles iterations per CPU-second on pr05-pr10 but was not better (ADR 0004)
    noise: float = 0.025
    shaw_p: float = 6.0
    worst_p: float = 3.0
    swap_neighbours: int = 10  # polish: exchange each request with its most related ones (0 = off)
    polish_gap: float = 0.01  # also relocation descent for new candidates within 1 % above the best
    # set-partitioning recombination over the pool of routes seen (pool.py): every sp_interval iterations
    # (0 = off), CP-SAT with sp_work deterministic work units over at most sp_columns recent routes
    sp_interval: int = 2000
    sp_work: float = 2.0
    sp_columns: int = 6000
    sp_pool: int = 20_000


@dataclass(slots=True)
class SearchState:
    """A solution in array form (see :mod:`arrays` for node numbering)."""

    routes: np.ndarray
    lengths: np.ndarray
    req_route: np.ndarray

    def copy(self) -> SearchState:
        return SearchState(self.routes.copy(), self.lengths.copy(), self.req_route.copy())


def empty_state(pa: ProblemArrays) -> SearchState:
    """All vehicles at home, every request unserved."""
    R, V = pa.n_req, pa.n_veh
    routes = np.zeros((V, 2 * R + 2), dtype=np.int64)
    for v in range(V):
        routes[v, 0] = 2 * R + v
        routes[v, 1] = 2 * R + V + v
    return SearchState(routes, np.full(V, 2, dtype=np.int64), np.full(R, -1, dtype=np.int64))


def problem_tuple(pa: ProblemArrays) -> tuple:
    return (pa.n_req, pa.e, pa.l, pa.s, pa.q, pa.tt, pa.dist, pa.maxride, pa.cap, pa.maxdur, pa.ew, pa.lw)


class Alns:
    """One ALNS run over a compiled problem."""

    DESTROY = ("random", "worst", "shaw", "route")
    REPAIR = ((1, False), (2, False), (3, False), (1, True), (2, True), (3, True))

    def __init__(self, pa: ProblemArrays, seed: int = 0, config: AlnsConfig | None = None) -> None:
        self.pa = pa
        self.cfg = config or AlnsConfig()
        self.rng = np.random.default_rng(seed)
        self.P = problem_tuple(pa)
        self.W = make_work(pa.n_nodes, pa.q.shape[1])
        self.maxd = float(pa.dist.max()) if pa.dist.size else 1.0
        R = pa.n_req
        self.relatedness = self._relatedness() if R else np.zeros((0, 0))
        k = min(self.cfg.swap_neighbours, max(R - 1, 0))
        order = np.argsort(self.relatedness + np.diag(np.full(R, np.inf)), axis=1, kind="stable")
        self.near = np.ascontiguousarray(order[:, :k], dtype=np.int64)
        self.iterations = 0
        self.trace: list[tuple[float, float]] = []  # (time.perf_counter(), best cost) at each new best
        self._times = np.zeros(pa.n_nodes)
        self.best_iteration = 0
        self.pool = RoutePool(pa, self.cfg.sp_pool)
        self.sp_calls = 0
        self.sp_wins = 0
        self.sp_seconds = 0.0
        # per operator: [times used, new best, better than current, accepted worse] (for benchmarks/darp_profile.py)
        self.destroy_stats = np.zeros((len(self.DESTROY), 4), dtype=np.int64)
        self.repair_stats = np.zeros((len(self.REPAIR), 4), dtype=np.int64)

    # -- helpers -----------------------------------------------------------------------------
    def _relatedness(self) -> np.ndarray:
        """Static part of the Shaw relatedness (Ropke & Pisinger 2006, eq. (12)): normalised
        pickup-pickup plus drop-off-drop-off distance (weight 9) and load difference (weight 2).
        The time term (weight 3) uses the current schedule, see :meth:`_destroy`."""
        pa = self.pa
        R = pa.n_req
        d = pa.dist
        dd = d[:R, :R] + d[R:2 * R, R:2 * R]
        dd = dd / max(float(dd.max()), 1e-12)
        load = pa.q[:R].sum(axis=1).astype(np.float64)
        ld = np.abs(load[:, None] - load[None, :])
        ld = ld / max(float(ld.max()), 1.0)
        return 9.0 * dd + 2.0 * ld

    def cost(self, st: SearchState) -> float:
        return float(total_cost(st.routes, st.lengths, st.req_route, self.pa.dist, self.pa.penalty))

    def _seed(self) -> int:
        return int(self.rng.integers(0, 2**31 - 1))

    def insert_all(self, st: SearchState, todo: np.ndarray, k: int, noisy: bool) -> None:
        repair(st.routes, st.lengths, st.req_route, todo.astype(np.int64), k, self.cfg.noise if noisy else 0.0,
               self.maxd, self._seed(), self.P, self.W, self.pa.penalty, self.pa.vtype)

    def relocate(self, st: SearchState, passes: int = 10) -> None:
        """Relocation descent to a local optimum (bounded number of passes)."""
        for _ in range(passes):
            order = self.rng.permutation(self.pa.n_req).astype(np.int64)
            g = relocate_pass(st.routes, st.lengths, st.req_route, order, self.P, self.W, self.pa.penalty)
            if g <= 1e-9:
                break

    def polish(self, st: SearchState) -> None:
        """Local search to a local optimum of relocation, then of request exchange (bounded passes)."""
        for _ in range(5):
            self.relocate(st)
            if self.near.shape[1] == 0:
                break
            order = self.rng.permutation(self.pa.n_req).astype(np.int64)
            if swap_pass(st.routes, st.lengths, st.req_route, order, self.near, self.P, self.W) <= 1e-9:
                break

    # -- destroy operators ------------------------------------------------------------------
    def _destroy(self, st: SearchState, op: str, q: int) -> np.ndarray:
        served = np.flatnonzero(st.req_route >= 0)
        if served.size == 0:
            return served
        q = min(q, served.size)
        rng = self.rng
        if op == "random":
            chosen = rng.choice(served, size=q, replace=False)
        elif op == "worst":
            g = removal_gains(st.routes, st.lengths, st.req_route, self.pa.n_req, self.pa.dist)
            order = list(served[np.argsort(-g[served], kind="stable")])
            chosen = []
            for _ in range(q):
                idx = int(len(order) * rng.random() ** self.cfg.worst_p)
                chosen.append(order.pop(idx))
            chosen = np.array(chosen)
        elif op == "shaw":
            service_starts(st.routes, st.lengths, self.P, self.W, self._times)
            chosen = shaw_select(served.astype(np.int64), q, self._times, self.pa.n_req, self.relatedness,
                                 self.cfg.shaw_p, self._seed())
        else:  # route: empty one random route, top up with related requests
            used = np.flatnonzero(st.lengths > 2)
            v = int(rng.choice(used))
            chosen = np.flatnonzero(st.req_route == v)
        for r in chosen:
            remove_request(int(r), st.routes, st.lengths, st.req_route, self.pa.n_req)
        return np.asarray(chosen, dtype=np.int64)

    def _recombine(self, best: SearchState, best_cost: float, t_end: float) -> SearchState | None:
        """Set-partitioning recombination of the route pool; the polished plan if it beats ``best``."""
        t = time.perf_counter()
        self.sp_calls += 1
        out = self.pool.recombine(best.routes, best.lengths, best.req_route, self._seed(), self.cfg.sp_work,
                                  t_end - t, self.cfg.sp_columns)
        found = None
        if out is not None:
            st = SearchState(*out)
            if self.cost(st) < best_cost - 1e-9:
                self.polish(st)
                found = st
                self.sp_wins += 1
        self.sp_seconds += time.perf_counter() - t
        return found

    # -- main loop ----------------------------------------------------------------------------
    def run(self, time_limit: float | None = None, max_iterations: int | None = None,
            initial: SearchState | None = None, exchange: Exchange | None = None,
            index: int = 0) -> tuple[SearchState, float]:
        """Search from ``initial`` (or a regret-2 construction) until a limit; return the best.

        With an ``exchange`` (see :mod:`cooperate`), this search, number ``index``, meets the other
        searches at the end of every annealing cycle and restarts from the best of all of them.
        """
        if time_limit is None and max_iterations is None:
            raise ValueError("give time_limit or max_iterations")
        try:
            return self._run(time_limit, max_iterations, initial, exchange, index)
        finally:
            if exchange is not None:
                exchange.leave(index)

    def _run(self, time_limit: float | None, max_iterations: int | None, initial: SearchState | None,
             exchange: Exchange | None, index: int) -> tuple[SearchState, float]:
        t_end = math.inf if time_limit is None else time.perf_counter() + time_limit
        max_it = math.inf if max_iterations is None else max_iterations
        cfg, pa, rng = self.cfg, self.pa, self.rng
        cur = initial.copy() if initial is not None else empty_state(pa)
        unserved = np.flatnonzero(cur.req_route < 0)
        if unserved.size:
            self.insert_all(cur, unserved, 2, False)
        self.polish(cur)
        cur_cost = self.cost(cur)
        best, best_cost = cur.copy(), cur_cost
        self.trace.append((time.perf_counter(), best_cost))
        R = pa.n_req
        if R == 0:
            return best, best_cost
        routing = max(cur_cost - float(np.sum(pa.penalty[cur.req_route < 0])), 1.0)
        t0 = cfg.start_worse * routing / R / math.log(2.0)
        cycle = cfg.cycle or max(1000, min(cfg.cycle_per_request * R, cfg.cycle_max or math.inf))
        alpha = cfg.end_temp_ratio ** (1.0 / cycle)
        temp = t0
        nd, nr = len(self.DESTROY), len(self.REPAIR)
        wd, wr = np.ones(nd), np.ones(nr)
        sd, sr = np.zeros(nd), np.zeros(nr)
        cd, cr = np.zeros(nd), np.zeros(nr)
        qmax = max(cfg.min_remove, min(cfg.max_remove, int(cfg.max_remove_frac * R)))
        qmin = min(cfg.min_remove, qmax)
        seen: set[bytes] = set()
        polished: set[bytes] = set()
        it = 0
        while it < max_it and time.perf_counter() < t_end:
            it += 1
            di = int(rng.choice(nd, p=wd / wd.sum()))
            ri = int(rng.choice(nr, p=wr / wr.sum()))
            q = int(rng.integers(qmin, qmax + 1))
            cand = cur.copy()
            removed = self._destroy(cand, self.DESTROY[di], q)
            todo = np.concatenate([removed, np.flatnonzero(cand.req_route < 0)])
            todo = np.unique(todo)
            k, noisy = self.REPAIR[ri]
            self.insert_all(cand, todo, k, noisy)
            c = self.cost(cand)
            score = 0.0
            outcome = 0  # 1 new best, 2 better than current, 3 worse but accepted
            if cfg.polish_gap > 0 and c < best_cost * (1 + cfg.polish_gap) and c >= best_cost - 1e-9:
                key = hashlib.blake2b(cand.routes.tobytes() + cand.lengths.tobytes(), digest_size=8).digest()
                if key not in polished:  # near miss: one relocation descent may make it a new best
                    polished.add(key)
                    self.relocate(cand)
                    c = self.cost(cand)
            if c < best_cost - 1e-9:
                self.polish(cand)
                c = self.cost(cand)
                best, best_cost = cand.copy(), c
                self.trace.append((time.perf_counter(), best_cost))
                self.best_iteration = it
                cur, cur_cost = cand, c
                score = cfg.sigma_best
                outcome = 1
                if cfg.sp_interval:
                    self.pool.add_state(cand.routes, cand.lengths)
            else:
                key = hashlib.blake2b(cand.routes.tobytes() + cand.lengths.tobytes(), digest_size=8).digest()
                new = key not in seen
                seen.add(key)
                if c < cur_cost - 1e-9:
                    cur, cur_cost = cand, c
                    score = cfg.sigma_better if new else 0.0
                    outcome = 2
                elif rng.random() < math.exp(-(c - cur_cost) / max(temp, 1e-12)):
                    cur, cur_cost = cand, c
                    score = cfg.sigma_accepted if new else 0.0
                    outcome = 3
                if new and cur is cand and cfg.sp_interval:
                    self.pool.add_state(cand.routes, cand.lengths)
            sd[di] += score
            sr[ri] += score
            for stats, op in ((self.destroy_stats, di), (self.repair_stats, ri)):
                stats[op, 0] += 1
                if outcome:
                    stats[op, outcome] += 1
            cd[di] += 1
            cr[ri] += 1
            if it % cfg.segment == 0:
                for w, sc, cn in ((wd, sd, cd), (wr, sr, cr)):
                    mask = cn > 0
                    w[mask] = w[mask] * (1 - cfg.reaction) + cfg.reaction * sc[mask] / cn[mask]
                    np.maximum(w, 0.05, out=w)
                    sc[:] = 0
                    cn[:] = 0
                if len(seen) > 200_000:
                    seen.clear()
                if len(polished) > 200_000:
                    polished.clear()
            temp *= alpha
            if cfg.sp_interval and it % cfg.sp_interval == 0:
                found = self._recombine(best, best_cost, t_end)
                if found is not None:
                    best, best_cost = found, self.cost(found)
                    self.trace.append((time.perf_counter(), best_cost))
                    self.best_iteration = it
                    cur, cur_cost = best.copy(), best_cost
            if it % cycle == 0:  # end of an annealing cycle: restart from the best (of all searches)
                temp = t0
                if exchange is not None:
                    shared, shared_cost = exchange.meet(index, it // cycle, best.copy(), best_cost, t_end)
                    if shared_cost < best_cost - 1e-9:
                        best, best_cost = shared.copy(), shared_cost
                        self.trace.append((time.perf_counter(), best_cost))
                cur, cur_cost = best.copy(), best_cost
        self.iterations = it
        return best, best_cost
