"""Where the time goes: one ALNS search for a fixed number of iterations (deterministic), profiled.

Usage::

    python benchmarks/darp_profile.py [--iterations N] [--seed N] [--set KEY=VALUE ...] INSTANCE_FILE ...

Prints, per instance: iterations per CPU-second (with the load average, since the machine may be
shared), the share of CPU time of each compiled kernel and of the Python loop (cProfile; a numba
kernel shows as one call), the insertion statistics (evaluations, candidates left after the cheap
screens, eight-step schedule runs and how many of them accept), the set-partitioning recombination
(calls, wins, seconds) and, per destroy and repair operator, how often it was used and how often it
gave a new best, an improvement of the current solution or an accepted worse one.  ``--set`` overrides
:class:`~communities.scheduling.alns.AlnsConfig` fields (e.g. ``--set max_remove=15``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from communities.scheduling.alns import Alns, AlnsConfig  # noqa: E402
from communities.scheduling.arrays import compile_problem  # noqa: E402
from communities.scheduling.reader import read_darp  # noqa: E402
from communities.scheduling.solver import warm_up  # noqa: E402


def profile(path: Path, iterations: int, seed: int, config: AlnsConfig) -> None:
    inst = read_darp(path)
    pa = compile_problem(inst.problem)
    search = Alns(pa, seed, config)
    load = os.getloadavg()
    prof = cProfile.Profile()
    cpu = time.process_time()
    prof.enable()
    _, cost = search.run(max_iterations=iterations)
    prof.disable()
    cpu = time.process_time() - cpu
    print(f"\n== {inst.name}: {inst.n} requests, {inst.vehicles} vehicles; cost {cost:.2f} after {iterations} "
          f"iterations, {cpu:.1f} CPU-s = {iterations / cpu:.0f} it/CPU-s; load average {load[0]:.2f} -> "
          f"{os.getloadavg()[0]:.2f}")
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())
    rows = sorted(((v[2], f"{Path(k[0]).stem}.{k[2]}", v[1]) for k, v in st.stats.items()), reverse=True)
    print("CPU share by function (own time):")
    for own, name, calls in rows[:10]:
        print(f"  {100 * own / total:5.1f} %  {name:<40} {calls:>9} calls")
    calls, cands, runs, ok = (int(x) for x in search.W[13])
    print(f"insertion: {calls} evaluations ({calls / iterations:.0f} per iteration), {cands / max(calls, 1):.2f} "
          f"candidates after the screens, {runs / max(calls, 1):.2f} eight-step runs per evaluation, "
          f"{100 * ok / max(runs, 1):.0f} % of runs feasible")
    print(f"set partitioning: {search.sp_calls} calls, {search.sp_wins} new bests, {search.sp_seconds:.1f} s; "
          f"pool {len(search.pool)} routes")
    print(f"{'operator':<16}{'used':>8}{'best':>7}{'better':>8}{'accepted':>9}")
    for names, stats in ((search.DESTROY, search.destroy_stats),
                         ([f"regret{k}{'+noise' if z else ''}" for k, z in search.REPAIR], search.repair_stats)):
        for name, row in zip(names, stats, strict=True):
            print(f"{name:<16}{row[0]:>8}{row[1]:>7}{row[2]:>8}{row[3]:>9}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iterations", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("instances", nargs="+", type=Path)
    args = ap.parse_args(argv)
    config = AlnsConfig()
    for item in args.set:
        key, _, value = item.partition("=")
        setattr(config, key, type(getattr(config, key))(value))
    warm_up()
    for path in args.instances:
        profile(path, args.iterations, args.seed, config)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
