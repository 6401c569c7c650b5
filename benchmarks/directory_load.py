"""Load test for Find help and the ORUK API: 10,000 services behind gunicorn, 50 concurrent clients on loopback.

Usage: .venv/bin/python benchmarks/directory_load.py [--services 10000] [--clients 50] [--seconds 60]
                                                      [--backends postgres,sqlite] [--workers 4]

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

    with connection.cursor() as cursor:  # fresh planner statistics, as a running database would have
        cursor.execute("ANALYZE")
    ids = [str(i) for i in Service.objects.values_list("id", flat=True)[:500]]
    print(json.dumps({"made": made, "ids": ids}))


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


def load(port: int, mix, clients: int, seconds: float) -> dict:
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = [0]

    def client(index: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        position = index * 37
        local = []
        while time.monotonic() < stop_at:
            with lock:
                if counter[0] >= MAX_REQUESTS:
                    break
                counter[0] += 1
            kind, path = mix[position % len(mix)]
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


def clear_cache(var_dir: Path) -> None:
    """Empty the server's shared cache (the file cache under COMMUNITIES_VAR_DIR, see settings CACHES)."""
    shutil.rmtree(var_dir / "cache", ignore_errors=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index] * 1000


def report(label: str, outcome: dict) -> bool:
    results, elapsed = outcome["results"], outcome["elapsed"]
    times = [r[1] for r in results]
    errors = sum(1 for r in results if r[2] != 200)
    p95 = percentile(times, 95)
    print(f"\n== {label}: {len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.0f} req/s; "
          f"errors {errors}")
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
    ok = p95 <= 100 and errors == 0
    print(f"   target p95 <= 100 ms and 0 errors: {'MET' if ok else 'NOT MET'}")
    return ok


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
        mix = request_mix(seeded["ids"], terms)
        print(f"[{backend}] request mix: {len(mix)} requests cycled by the clients, {len({p for _, p in mix})} "
              "distinct URLs")
        load(port, mix[:200], args.workers, 20)  # warm up: every worker loads the URLconf and connects
        # Each measured run starts with an empty shared cache (a cold start, as after a change to a listing).
        clear_cache(tmp)
        single = load(port, mix[1000:], 1, 15)
        report(f"{backend}, one client at a time (service time without queueing), cache empty at start", single)
        clear_cache(tmp)
        outcome = load(port, mix, args.clients, args.seconds)
        report(f"{backend}, {args.services} services, {args.clients} clients, {args.workers} gunicorn workers",
               outcome)
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
