"""Route pool and set-partitioning recombination of the routes found during the search.

Every route of a solution the search accepts is feasible on its own (the eight-step schedule accepted
it), so the routes seen during the search are columns of the set-partitioning model of the problem:
choose routes so that every request is served by exactly one of them (or is left in the request bank
at its penalty), using at most as many routes of each vehicle class as there are vehicles, at least
total cost.  Solving that small integer programme over the pool recombines good routes from different
solutions, which a destroy-and-repair step rarely does (Rochat & Taillard 1995 "adaptive memory";
for ALNS and DARP-like problems: Parragh & Schmid 2013, *Computers & OR* 40(1):490-497, hybrid
column generation and LNS; Subramanian, Uchoa & Ochi 2013 for VRP; Grangier et al. 2017 with ALNS).

The model is solved with OR-Tools' CP-SAT, on one worker with a fixed seed and a *deterministic*
time limit (CP-SAT's work units, independent of the machine's load), so the result is a function of
the pool and the seed only; a wall-clock cap is added only so that the search's own time limit is
respected.  Costs are scaled to integers for CP-SAT; the chosen plan is re-costed exactly by the
caller, and the current best solution is always a feasible hint (its routes are in the pool), so
the answer is never worse than it.
"""

from __future__ import annotations

import math

import numpy as np

from communities.scheduling.arrays import ProblemArrays

COST_SCALE = 10_000  # CP-SAT works in integers: cost units of 1e-4


class RoutePool:
    """Distinct feasible routes ``(vehicle class, inner node sequence) -> cost``, most recent last."""

    def __init__(self, pa: ProblemArrays, capacity: int = 20_000) -> None:
        self.pa = pa
        self.capacity = capacity
        self.routes: dict[tuple[int, bytes], float] = {}
        self.added = 0  # routes offered (with repeats), for the statistics in the ADR

    def __len__(self) -> int:
        return len(self.routes)

    def add_state(self, routes: np.ndarray, lengths: np.ndarray) -> None:
        """Add every used route of a solution (routes already present move to the recent end)."""
        pa = self.pa
        for v in range(routes.shape[0]):
            m = int(lengths[v])
            if m <= 2:
                continue
            self.added += 1
            key = (int(pa.vtype[v]), routes[v, 1:m - 1].tobytes())
            if key in self.routes:
                self.routes[key] = self.routes.pop(key)
                continue
            nodes = routes[v, :m]
            self.routes[key] = float(pa.dist[nodes[:-1], nodes[1:]].sum())
        while len(self.routes) > self.capacity:  # forget the oldest
            del self.routes[next(iter(self.routes))]

    def recombine(self, routes: np.ndarray, lengths: np.ndarray, req_route: np.ndarray, seed: int,
                  work_limit: float = 1.0, time_limit: float = math.inf, max_columns: int = 6000
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Best plan made of pool routes (set partitioning with CP-SAT), or ``None`` if no better one.

        The routes of the given solution are added first, so it is always a feasible answer (and the
        hint).  Only the ``max_columns`` most recently seen routes are offered to the solver besides.
        """
        from ortools.sat.python import cp_model

        pa = self.pa
        R = pa.n_req
        self.add_state(routes, lengths)
        current = {(int(pa.vtype[v]), routes[v, 1:int(lengths[v]) - 1].tobytes())
                   for v in range(routes.shape[0]) if lengths[v] > 2}
        keys = list(self.routes)[-max_columns:]
        keys += [k for k in current if k not in set(keys)]
        if not keys:  # no route seen at all (no request could be served yet): nothing to recombine
            return None
        model = cp_model.CpModel()
        xs = [model.new_bool_var(f"x{i}") for i in range(len(keys))]
        cover: list[list] = [[] for _ in range(R)]
        per_class: dict[int, list] = {}
        coeffs = []
        for x, key in zip(xs, keys, strict=True):
            vt, raw = key
            nodes = np.frombuffer(raw, dtype=np.int64)
            for node in nodes[nodes < R]:
                cover[int(node)].append(x)
            per_class.setdefault(vt, []).append(x)
            coeffs.append(round(self.routes[key] * COST_SCALE))
            model.add_hint(x, key in current)
        terms, weights = list(xs), coeffs
        for r in range(R):
            if pa.mandatory[r] and req_route[r] >= 0:  # served now and must stay served: no bank variable
                model.add_exactly_one(cover[r])
                continue
            unserved = model.new_bool_var(f"u{r}")
            model.add(sum(cover[r]) + unserved == 1)
            model.add_hint(unserved, bool(req_route[r] < 0))
            terms.append(unserved)
            weights.append(min(round(pa.penalty[r] * COST_SCALE), 2**53))
        counts = np.bincount(pa.vtype, minlength=max(per_class) + 1)
        for vt, vars_ in per_class.items():
            model.add(sum(vars_) <= int(counts[vt]))
        model.minimize(cp_model.LinearExpr.weighted_sum(terms, weights))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = int(seed) % (2**31)
        solver.parameters.max_deterministic_time = work_limit
        solver.parameters.linearization_level = 2
        if math.isfinite(time_limit):
            solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        chosen = [keys[i] for i, x in enumerate(xs) if solver.boolean_value(x)]
        if set(chosen) == current:
            return None
        return self._state(chosen)

    def _state(self, chosen: list[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Arrays of the plan made of ``chosen`` routes, each on a free vehicle of its class."""
        pa = self.pa
        R, V = pa.n_req, pa.n_veh
        routes = np.zeros((V, 2 * R + 2), dtype=np.int64)
        lengths = np.full(V, 2, dtype=np.int64)
        req_route = np.full(R, -1, dtype=np.int64)
        free = list(range(V))
        for vt, raw in sorted(chosen):
            v = next(u for u in free if pa.vtype[u] == vt)
            free.remove(v)
            nodes = np.frombuffer(raw, dtype=np.int64)
            m = nodes.size + 2
            routes[v, 1:m - 1] = nodes
            lengths[v] = m
            req_route[nodes[nodes < R]] = v
        for v in range(V):
            routes[v, 0] = 2 * R + v
            routes[v, int(lengths[v]) - 1] = 2 * R + V + v
        return routes, lengths, req_route
