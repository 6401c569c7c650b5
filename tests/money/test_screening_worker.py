"""Measured: a real worker process is killed (SIGKILL) in the middle of a screening; the next worker finishes it.

Two ``manage.py db_worker`` processes on a SQLite file, a 2 s heartbeat and a 10 s timeout. Prints the job-recovery
time: from the kill until the job is done with every household once (run with ``-s`` to see it).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .test_screening import FAMILY, PENSIONER_ALONE, WELL_OFF, extract_csv

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = 60  # units of 2 households: 30 units, each in its own transaction
# Short, but not shorter than the pauses of a few seconds the heartbeat thread sees while the benefits engine loads
# on a busy machine (it waits for the interpreter lock): a live worker must not be taken for dead.
TIMEOUT = 10
KINDS = (PENSIONER_ALONE, FAMILY, WELL_OFF)


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def start_worker(env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )


def query(db: Path, sql: str):
    with sqlite3.connect(db, timeout=10) as connection:
        return connection.execute(sql).fetchall()


def job(db: Path) -> tuple:
    rows = query(db, "SELECT status, units_done, units_total, attempts FROM core_jobrun")
    return rows[0] if rows else ("none", 0, 0, 0)


def wait_for(condition, seconds: float, what: str) -> float:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.05)
    pytest.fail(f"waited {seconds:g} s for {what}")


def test_a_killed_workers_screening_is_finished_by_the_next_worker(tmp_path):
    db = tmp_path / "db.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "communities.settings.base", "COMMUNITIES_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{db}", "CACHE_URL": "locmem://", "DEBUG": "0", "LOG_LEVEL": "WARNING",
           "JOB_HEARTBEAT_SECONDS": "2", "JOB_HEARTBEAT_TIMEOUT_SECONDS": str(TIMEOUT),
           "SCREENING_UNIT_HOUSEHOLDS": "2"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", "from communities.organisations.models import Organisation; "
                               "Organisation.objects.create(name='Test Council', kind='council')")
    upload = tmp_path / "extract.csv"
    upload.write_text(extract_csv([{"household_ref": f"H{i:03}", **KINDS[i % 3]} for i in range(HOUSEHOLDS)]))
    manage(env, "money_import_caseload", str(upload), "--organisation", "Test Council", "--year", "2025", "--queue")

    workers = []
    with open(tmp_path / "worker.log", "w") as log:
        try:
            workers.append(start_worker(env, log))
            wait_for(lambda: job(db)[1] >= 4, 180, "the first worker to screen 4 units")
            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait()
            killed = time.monotonic()
            status, done_at_kill, total, attempts = job(db)
            assert (status, attempts) == ("running", 1) and 4 <= done_at_kill < total == 30
            workers.append(start_worker(env, log))
            claimed = wait_for(lambda: job(db)[3] == 2, 60, "the second worker to take the job up")
            resumed = wait_for(lambda: job(db)[1] > done_at_kill, 180, "the second worker's first unit")
            finished = wait_for(lambda: job(db)[0] == "done", 180, "the job to finish")
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(10)

    assert job(db) == ("done", 30, 30, 2)
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT household_ref), MIN(line), MAX(line) "
                     "FROM money_screenedhousehold") == [(HOUSEHOLDS, HOUSEHOLDS, 2, HOUSEHOLDS + 1)]
    assert query(db, "SELECT status, processed, source_csv FROM money_caseloadextract") == [("done", HOUSEHOLDS, "")]
    assert query(db, "SELECT status FROM django_tasks_database_dbtaskresult "
                     "WHERE exception_class_path = 'communities.core.jobs.WorkerStopped'") == [("FAILED",)]
    print(f"\nJob recovery after SIGKILL: {finished - killed:.1f} s from the kill to done: "
          f"{claimed - killed:.1f} s until the next worker took it up (heartbeat timeout {TIMEOUT} s), "
          f"{resumed - claimed:.1f} s loading the benefits engine and its first unit, "
          f"{finished - resumed:.1f} s for the other {total - done_at_kill - 1} of {total} units")
    assert finished - killed < 120
