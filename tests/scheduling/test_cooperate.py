"""The meeting point of cooperating searches: every search gets the best post of its round,
whatever order and timing the threads arrive in, and a search that has stopped is not waited for."""

from __future__ import annotations

import random
import threading
import time

from communities.scheduling.cooperate import Exchange


def _run(costs_by_round, delays, leave_after=None):
    n = len(delays)
    ex = Exchange(n)
    got = {i: [] for i in range(n)}

    def worker(i):
        try:
            for k, costs in enumerate(costs_by_round, start=1):
                if leave_after is not None and i == leave_after[0] and k > leave_after[1]:
                    return
                time.sleep(delays[i][k - 1])
                state, cost = ex.meet(i, k, f"s{i}r{k}", costs[i])
                got[i].append((state, cost))
        finally:
            ex.leave(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    return got


def test_every_search_gets_the_best_of_the_round_whatever_the_timing():
    costs = [[5.0, 3.0, 4.0], [2.0, 2.0, 9.0], [7.0, 6.0, 1.0]]  # ties go to the lowest index
    expected = [("s1r1", 3.0), ("s0r2", 2.0), ("s2r3", 1.0)]
    rng = random.Random(0)
    for _ in range(5):
        delays = [[rng.uniform(0, 0.01) for _ in costs] for _ in range(3)]
        got = _run(costs, delays)
        assert all(got[i] == expected for i in range(3))


def test_a_search_that_stopped_is_not_waited_for():
    costs = [[5.0, 3.0], [2.0, 2.0]]
    got = _run(costs, [[0.0, 0.0], [0.0, 0.0]], leave_after=(1, 1))  # search 1 stops after round 1
    assert got[1] == [("s1r1", 3.0)]
    assert got[0] == [("s1r1", 3.0), ("s0r2", 2.0)]
