"""Load test for Find help and the ORUK API: 10,000 services behind gunicorn, 50 concurrent clients on loopback.

Usage: .venv/bin/python benchmarks/directory_load.py [--services 10000] [--clients 50] [--seconds 60]
                                                      [--backends postgres,sqlite] [--workers 4]
                                                      [--mix repeat,miss-heavy] [--rate 100] [--single-only]

Two mixes, reported in one run:
- ``repeat``: the original ~2,000-request list of about 800 distinct URLs that every client walks (most requests
  repeat, so it mostly measures the shared cache);
- ``miss-heavy``: at least 30,000 distinct questions the way residents ask them (random Stockton postcodes x category
  x day x age x page, random words, random service ids); each client has its own slice, so nothing repeats and
  (almost) every request is worked out afresh.
For each mix: one client alone (service time), then ``--clients`` closed-loop clients; for miss-heavy also an
open-loop run at ``--rate`` requests a second (a fixed arrival rate; latency counted from when each request was due,
so a slow server cannot hide its queue). The shared cache is emptied before every measured run; the repeat mix is
also run a second time with the cache kept ("warm"). The load average of the machine is printed with every figure.

For each backend the script creates its own database (PostgreSQL: a new database on
postgres://postgres@127.0.0.1:5432/, dropped at the end; SQLite: a file in a temporary folder), migrates it, loads
the Stockton-on-Tees geography, generates the synthetic listings with communities.directory.demo.generate, starts
gunicorn on a free loopback port and runs the clients for a fixed time, each request bounded by a timeout and the
whole run by a request cap. It prints p50/p95/p99 latency, throughput and errors per backend and per kind of request.
Target: p95 <= 100 ms with 0 errors. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_URL = "postgres://postgres@127.0.0.1:5432/"
MAX_REQUESTS = 200_000
MISS_HEAVY_URLS = 36_000
TIMEOUT = 60  # seconds per request; a request that takes longer counts as an error
POSTCODES = ["TS18 1AU", "TS17 6BA", "TS23 1AJ", "TS20 1AA", "TS19 0AA"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict) -> None:
    subprocess.run(args, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def seed(count: int) -> None:
    """Inside the benchmark's own database (called in a subprocess): generate ``count`` listings."""
    import django

    django.setup()
    from datetime import date

    import numpy as np
    from django.conf import settings

    from communities.directory.demo import generate
    from communities.directory.models import Service

    made = generate(np.random.default_rng(2026), count=count, today=date(2026, 11, 1),
                    council_code=settings.COUNCIL_CODE, extra_organisations=200)
    from django.db import connection

    from communities.directory.services import search_index
    from communities.places.models import Postcode

    search_index.ensure_complete()
    with connection.cursor() as cursor:  # fresh planner statistics, as a running database would have
        cursor.execute("ANALYZE")
    ids = [str(i) for i in Service.objects.values_list("id", flat=True)]
    postcodes = list(Postcode.objects.filter(council_id=settings.COUNCIL_CODE, latitude__isnull=False)
                     .values_list("postcode", flat=True))
    print(json.dumps({"made": made, "ids": ids, "postcodes": postcodes}))


def request_mix(ids: list[str], terms: list[str]) -> list[tuple[str, str]]:
    pick = random.Random(7)
    mix = []
    for _ in range(2000):
        postcode = urllib.parse.quote(pick.choice(POSTCODES))
        term = pick.choice(terms)
        kind = pick.random()
        if kind < 0.20:
            mix.append(("page: search", f"/find-help/?category={term}&postcode={postcode}&day=SA"))
        elif kind < 0.30:
            mix.append(("page: search", f"/find-help/?q={pick.choice(['food', 'warm', 'carers', 'debt'])}"
                                        f"&free=on&page={pick.randint(1, 3)}"))
        elif kind < 0.40:
            mix.append(("page: service", f"/find-help/services/{pick.choice(ids)}/"))
        elif kind < 0.60:
            mix.append(("api: services", f"/api/directory/services?page={pick.randint(1, 50)}&per_page=50"
                                         f"&taxonomy_term_id={term}"))
        elif kind < 0.75:
            mix.append(("api: service", f"/api/directory/services/{pick.choice(ids)}"))
        elif kind < 0.90:
            mix.append(("api: service_at_locations", f"/api/directory/service_at_locations?postcode={postcode}"
                                                     f"&proximity=2000&per_page=20"))
        else:
            mix.append(("api: search", f"/api/directory/services?search=pantry&day=SA&page={pick.randint(1, 5)}"))
    return mix


WORDS = ["food", "food bank", "foodbank", "food banks", "pantry", "food parcel", "warm space", "warm hub", "warm",
         "lunch club", "hot meal", "debt", "debt advice", "money worries", "benefits", "benefits check",
         "energy bills", "carers", "carer", "wellbeing", "anxiety", "lonely", "friendship", "stop smoking", "walking",
         "walking group", "exercise", "youth club", "stay and play", "toddler", "garden", "litter pick",
         "volunteer driver", "health check", "blood pressure", "advice", "community hub", "drop in", "library",
         "church hall", "free wifi", "hot drinks", "foodbnak", "pantri", "walkng", "carres", "debts", "lunch"]
CATEGORY_PAGE_AGES = [None, 5, 12, 16, 25, 40, 67, 80]


def miss_heavy_mix(ids: list[str], terms: list[str], postcodes: list[str], count: int = MISS_HEAVY_URLS,
                   seed: int = 13) -> list[tuple[str, str]]:
    """``count`` distinct requests as residents ask them; never the same URL twice."""
    pick = random.Random(seed)
    seen: set[str] = set()
    mix = []
    days = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    def pc():
        return urllib.parse.quote(pick.choice(postcodes))

    def age():
        value = pick.choice(CATEGORY_PAGE_AGES)
        return "" if value is None else f"&age={value + pick.randint(0, 4)}"

    def words():
        return urllib.parse.quote(pick.choice(WORDS))

    makers = [  # (share, kind, url)
        (0.25, "page: search", lambda: f"/find-help/?category={pick.choice(terms)}&postcode={pc()}"
                                       f"&day={pick.choice(days)}{age()}&page={pick.choice([1, 1, 1, 2])}"),
        (0.10, "page: search", lambda: f"/find-help/?q={words()}&postcode={pc()}{age()}"),
        (0.10, "page: service", lambda: f"/find-help/services/{pick.choice(ids)}/"),
        (0.15, "api: services", lambda: f"/api/directory/services?taxonomy_term_id={pick.choice(terms)}"
                                        f"&page={pick.randint(1, 10)}&per_page={pick.choice([10, 20, 50])}{age()}"),
        (0.10, "api: service", lambda: f"/api/directory/services/{pick.choice(ids)}"),
        (0.15, "api: service_at_locations", lambda: f"/api/directory/service_at_locations?postcode={pc()}"
                                                    f"&proximity={pick.choice([1000, 2000, 3000, 5000])}&per_page=20"),
        (0.15, "api: search", lambda: f"/api/directory/services?search={words()}&postcode={pc()}"
                                      f"&day={pick.choice(days)}&page={pick.choice([1, 1, 2])}"),
    ]
    shares = [m[0] for m in makers]
    while len(mix) < count:
        _, kind, make = pick.choices(makers, weights=shares)[0]
        url = make()
        if url not in seen:
            seen.add(url)
            mix.append((kind, url))
    return mix


def load(port: int, mix, clients: int, seconds: float, *, own_slices: bool = False) -> dict:
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = [0]

    def client(index: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        position = index * 37
        mine = mix[index::clients] if own_slices else mix  # miss-heavy: each client its own questions
        if own_slices:
            position = 0
        local = []
        while time.monotonic() < stop_at and (not own_slices or position < len(mine)):
            with lock:
                if counter[0] >= MAX_REQUESTS:
                    break
                counter[0] += 1
            kind, path = mine[position % len(mine)]
            position += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            local.append((kind, time.perf_counter() - started, status, started))
        conn.close()
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    began_perf = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    return {"results": results, "elapsed": elapsed, "began": began_perf}


def open_loop(port: int, mix, rate: float, seconds: float, threads: int = 200) -> dict:
    """Requests at a fixed arrival rate (not closed-loop clients): request k is due at start + k / rate, whatever
    the server is doing; its latency runs from when it was due, so queueing at a slow server is counted."""
    import concurrent.futures

    local = threading.local()
    results: list = []
    lock = threading.Lock()

    def fetch(kind: str, path: str, due: float):
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            local.conn = None
        with lock:
            results.append((kind, time.perf_counter() - due, status, due))

    total = min(int(rate * seconds), len(mix))
    began_perf = time.perf_counter()
    began = time.monotonic()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=threads)
    futures = []
    for k in range(total):
        due = began_perf + k / rate
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        futures.append((pool.submit(fetch, *mix[k], due), mix[k][0], due))
    # Ten seconds' grace after the last arrival; requests still waiting for a thread then are counted as errors
    # (not answered within the run), so an overloaded server cannot stretch the run or drop its worst cases.
    concurrent.futures.wait([f for f, _, _ in futures], timeout=10)
    pool.shutdown(wait=True, cancel_futures=True)
    ended = time.perf_counter()
    results.extend((kind, ended - due, 0, due) for f, kind, due in futures if f.cancelled())
    return {"results": results, "elapsed": time.monotonic() - began, "began": began_perf}


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


def clear_cache(var_dir: Path) -> None:
    """Empty the server's shared cache (the file cache under COMMUNITIES_VAR_DIR, see settings CACHES)."""
    shutil.rmtree(var_dir / "cache", ignore_errors=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index] * 1000


def report(label: str, outcome: dict, target_p95: float = 100) -> bool:
    results, elapsed = outcome["results"], outcome["elapsed"]
    times = [r[1] for r in results]
    errors = sum(1 for r in results if r[2] != 200)
    p95 = percentile(times, 95)
    print(f"\n== {label}: {len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.0f} req/s; "
          f"errors {errors}; {outcome.get('load_before', '')} before, {loadavg()} after")
    print(f"   all     p50 {percentile(times, 50):7.1f} ms  p95 {p95:7.1f} ms  p99 {percentile(times, 99):7.1f} ms")
    for label_, low, high in (("first 10 s (cold cache)", 0, 10), ("after 10 s", 10, float("inf"))):
        part = [r[1] for r in results if low <= r[3] - outcome["began"] < high]
        if part:
            print(f"   {label_:24s} n={len(part):6d} p50 {percentile(part, 50):7.1f}  p95 "
                  f"{percentile(part, 95):7.1f}  p99 {percentile(part, 99):7.1f} ms (for information)")
    for kind in sorted({r[0] for r in results}):
        sub = [r[1] for r in results if r[0] == kind]
        bad = sum(1 for r in results if r[0] == kind and r[2] != 200)
        print(f"   {kind:28s} n={len(sub):6d} p50 {percentile(sub, 50):7.1f}  p95 {percentile(sub, 95):7.1f}  "
              f"p99 {percentile(sub, 99):7.1f} ms  errors {bad}")
    ok = p95 <= target_p95 and errors == 0
    print(f"   target p95 <= {target_p95:g} ms and 0 errors: {'MET' if ok else 'NOT MET'}")
    return ok


def measured(run, *args, **kwargs) -> dict:
    before = loadavg()
    outcome = run(*args, **kwargs)
    outcome["load_before"] = before
    return outcome


def bench(backend: str, args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"dirbench-{backend}-"))
    db_name = f"communities_dir_bench_{os.getpid()}"
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{db_name}"')
        database_url = PG_URL + db_name
    else:
        database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "communities.settings.base", "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600", "COMMUNITIES_VAR_DIR": str(tmp), "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "False", "ALLOWED_HOSTS": "127.0.0.1",
        # Every client here shares one address; the per-address API limit would throttle the test itself.
        "DIRECTORY_API_RATE_PER_MINUTE": "0", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT / "src"),
    }
    server = None
    try:
        started = time.perf_counter()
        run([PYTHON, "manage.py", "migrate", "--noinput"], env)
        run([PYTHON, "manage.py", "load_council", "E06000004"], env)
        out = subprocess.run([PYTHON, __file__, "--seed", str(args.services)], env=env, cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        seeded = json.loads(out.strip().splitlines()[-1])
        print(f"[{backend}] database ready with {seeded['made']} services in {time.perf_counter() - started:.0f} s")
        from communities.directory.services.taxonomy import default_taxonomy_data

        terms = [t["id"] for t in default_taxonomy_data()["terms"] if t["parent"] not in (None, "who-for")]
        port = free_port()
        server = subprocess.Popen(
            [GUNICORN, "communities.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}", "--log-level",
             "warning", "--timeout", "120"], env=env, cwd=ROOT,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.2)
        repeat = request_mix(seeded["ids"][:500], terms)
        misses = miss_heavy_mix(seeded["ids"], terms, seeded["postcodes"], count=MISS_HEAVY_URLS * 2)
        closed, opened = misses[:MISS_HEAVY_URLS], misses[MISS_HEAVY_URLS:]
        print(f"[{backend}] repeat mix: {len(repeat)} requests cycled by the clients, "
              f"{len({p for _, p in repeat})} distinct URLs; miss-heavy: {len(closed)} distinct URLs for the "
              f"closed-loop runs (each client its own slice) and {len(opened)} others for the open-loop run")
        load(port, repeat[:200], args.workers, 20)  # warm up: every worker loads the URLconf and connects
        label = f"{backend}, {seeded['made']} services"
        mixes = args.mix.split(",")
        # Each measured run starts with an empty shared cache (a cold start, as after a change to a listing).
        if "miss-heavy" in mixes:
            clear_cache(tmp)
            report(f"{label}, MISS-HEAVY, one client (service time of a miss)",
                   measured(load, port, closed[-3000:], 1, args.single_seconds, own_slices=True), target_p95=40)
        if "repeat" in mixes and not args.single_only:
            clear_cache(tmp)
            report(f"{label}, REPEAT, one client, cache empty at start", measured(load, port, repeat[1000:], 1, 15))
        if args.single_only:
            return
        if "repeat" in mixes:
            clear_cache(tmp)
            report(f"{label}, REPEAT, {args.clients} clients, {args.workers} workers, cache empty at start (cold)",
                   measured(load, port, repeat, args.clients, args.seconds))
            report(f"{label}, REPEAT, {args.clients} clients, {args.workers} workers, cache kept (warm)",
                   measured(load, port, repeat, args.clients, args.seconds))
        if "miss-heavy" in mixes:
            clear_cache(tmp)
            report(f"{label}, MISS-HEAVY, {args.clients} closed-loop clients, {args.workers} workers",
                   measured(load, port, closed[:-3000], args.clients, args.seconds, own_slices=True), target_p95=400)
            clear_cache(tmp)
            report(f"{label}, MISS-HEAVY, open loop at {args.rate:g} requests/s, {args.workers} workers",
                   measured(open_loop, port, opened, args.rate, args.seconds), target_p95=100)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if backend == "postgres":
            import psycopg

            with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--backends", default="postgres,sqlite")
    parser.add_argument("--mix", default="repeat,miss-heavy", help="repeat, miss-heavy or both (comma-separated)")
    parser.add_argument("--rate", type=float, default=100, help="arrival rate of the open-loop run, requests/s")
    parser.add_argument("--single-seconds", type=float, default=20)
    parser.add_argument("--single-only", action="store_true", help="only the one-client runs (for 100,000 services)")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(args.seed)
        return
    sys.path.insert(0, str(ROOT / "src"))
    print(f"Machine: {os.cpu_count()} CPUs (shared with other work); client and server on the same host.")
    print("Settings as shipped, except DIRECTORY_API_RATE_PER_MINUTE=0 (all clients share one address). The shared "
          "cache of public answers (DIRECTORY_CACHE_SECONDS, file cache under the server's COMMUNITIES_VAR_DIR) is "
          "on and is emptied before each measured run, so every distinct URL in the mix is computed at least once "
          "within the run.")
    for backend in args.backends.split(","):
        bench(backend.strip(), args)


if __name__ == "__main__":
    main()
