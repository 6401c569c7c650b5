"""Backup and restore time for the demo borough, on SQLite and on PostgreSQL (issue 12, deliverable 7).

Usage: .venv/bin/python benchmarks/backup.py [--residents 5000] [--engines sqlite,postgresql]
       [--postgres-url postgres://postgres@127.0.0.1:5432/communities_bench_backup]

For each engine, a child process generates the borough once into a throwaway database (a temporary var folder for
SQLite; the database ``communities_bench_backup`` for PostgreSQL, dropped afterwards), untimed; then times
``core.backups.create_backup`` and ``restore_backup`` into a new empty database exactly as ``manage.py backup`` and
``manage.py restore`` run them (checksums, manifest, row counts and, for PostgreSQL, ANALYZE included).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/communities_bench_backup"


def child(residents: int, restore_url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "communities.settings.base"
    import django

    django.setup()
    import dj_database_url
    from django.conf import settings
    from django.core.management import call_command

    from communities.core.backups import create_backup, restore_backup

    call_command("migrate", verbosity=0)
    call_command("demo_borough", seed=1, residents=residents, verbosity=0, stdout=io.StringIO())
    load_start = os.getloadavg()[0]
    started = time.perf_counter()
    path, manifest = create_backup(Path(settings.VAR_DIR) / "backups")
    backup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = restore_backup(path, target=dj_database_url.parse(restore_url))
    restore_seconds = time.perf_counter() - started
    assert report.tables == manifest.tables  # noqa: S101 -- restore_backup checks this too
    print(json.dumps({
        "engine": manifest.engine, "tables": len(manifest.tables), "rows": manifest.rows,
        "size": manifest.size_bytes, "backup": backup_seconds, "restore": restore_seconds,
        "load_start": load_start, "load_end": os.getloadavg()[0],
    }))


def psql(url: str, statement: str) -> None:
    """Run one statement against the server's maintenance database (names from the URL; no password printed)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    env = {**os.environ, "PGHOST": parts.hostname or "", "PGPORT": str(parts.port or 5432),
           "PGUSER": parts.username or "", "PGPASSWORD": parts.password or "", "PGDATABASE": "postgres",
           "PGOPTIONS": "-c client_min_messages=warning"}
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement], env=env, check=True)


def run_engine(engine: str, residents: int, postgres_url: str) -> dict:
    var = Path(tempfile.mkdtemp(prefix="communities_bench_backup-"))
    env = {**os.environ, "COMMUNITIES_VAR_DIR": str(var)}
    dropped = []
    if engine == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{var / 'communities_bench_backup.sqlite3'}"
        restore_url = f"sqlite:///{var / 'restored.sqlite3'}"
    else:
        name = postgres_url.rsplit("/", 1)[1]
        env["DATABASE_URL"], restore_url = postgres_url, f"{postgres_url}_restored"
        dropped = [name, f"{name}_restored"]
        for db in dropped:
            psql(postgres_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        psql(postgres_url, f'CREATE DATABASE "{name}"')
    try:
        command = [sys.executable, __file__, "--child", "--residents", str(residents), "--restore-url", restore_url]
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        return json.loads(output.strip().splitlines()[-1])
    finally:
        for db in dropped:
            psql(postgres_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        shutil.rmtree(var, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--restore-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.residents, args.restore_url)
        return
    print(f"Demo borough, {args.residents:,} residents; {os.cpu_count()} CPUs")
    print(f"{'engine':<11} {'tables':>6} {'rows':>9} {'backup size':>12} {'backup s':>9} {'restore s':>10} "
          f"{'load avg start':>15} {'load avg end':>13}")
    for engine in args.engines.split(","):
        r = run_engine(engine.strip(), args.residents, args.postgres_url)
        print(f"{r['engine']:<11} {r['tables']:>6} {r['rows']:>9,} {r['size'] / 1e6:>9.1f} MB {r['backup']:>9.2f} "
              f"{r['restore']:>10.2f} {r['load_start']:>15.2f} {r['load_end']:>13.2f}")


if __name__ == "__main__":
    main()
