"""Deterministic cooperation of parallel ALNS searches: a meeting point at fixed iteration counts.

Each search (a thread, see :func:`communities.scheduling.solver.solve`) calls :meth:`Exchange.meet`
at the end of every annealing cycle, i.e. after the same number of iterations in every search.  The
call waits until every search still running has posted its best solution for that round, then
hands each of them the cheapest one (the lowest search index winning a tie), from which all
restart their next cycle.  This is synchronous cooperation through a central memory (Crainic &
Toulouse 2003, "Parallel strategies for meta-heuristics", in *Handbook of Metaheuristics*, Kluwer,
pp. 475-513), as used for parallel ALNS by Ropke (2009, "PALNS - a software framework for parallel
large neighborhood search", 8th Metaheuristics International Conference): because rounds are
defined by iteration counts, never by the clock, the outcome depends on ``(seed, max_iterations,
workers)`` only, whatever the thread timing.  Only when
a *time* limit stops a search part-way does the last round depend on timing: a search that has
stopped is no longer waited for, and a search whose own time is up stops waiting.
"""

from __future__ import annotations

import threading
import time
from typing import Any


class Exchange:
    """Meeting point for ``n`` searches (one instance per :func:`solve` call)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._cond = threading.Condition()
        self._posts: dict[int, dict[int, tuple[float, Any]]] = {}
        self._left: set[int] = set()

    def meet(self, index: int, round_no: int, state: Any, cost: float,
             deadline: float = float("inf")) -> tuple[Any, float]:
        """Post ``(state, cost)`` of search ``index`` for ``round_no``; return the best of the round.

        ``state`` must not be modified by the caller afterwards (pass a copy); the state returned
        may be shared between searches, so the caller must copy it before changing it.
        """
        with self._cond:
            posts = self._posts.setdefault(round_no, {})
            posts[index] = (cost, state)
            self._cond.notify_all()
            while len(posts) + len(self._left - posts.keys()) < self.n:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    break
                self._cond.wait(min(remaining, 1.0))
            i = min(posts, key=lambda k: (posts[k][0], k))
            return posts[i][1], posts[i][0]

    def leave(self, index: int) -> None:
        """Search ``index`` has stopped: nobody waits for it any more."""
        with self._cond:
            self._left.add(index)
            self._cond.notify_all()
