"""Measured: two real ``manage.py db_worker`` processes on one SQLite file start the day's staleness chase by
themselves, once between them, and the reminder goes once. Prints how long from the workers' start to the email."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CHASE = "directory.chase_stale_listings"


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def query(db: Path, sql: str, params: tuple = ()):
    with sqlite3.connect(db, timeout=10) as connection:
        return connection.execute(sql, params).fetchall()


def test_two_workers_start_the_daily_chase_once_by_themselves(tmp_path):
    db, outbox = tmp_path / "db.sqlite3", tmp_path / "outbox"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "communities.settings.base", "COMMUNITIES_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{db}", "CACHE_URL": "locmem://", "DEBUG": "0", "LOG_LEVEL": "WARNING",
           "NOTIFY_BACKEND": "file", "OUTBOX_DIR": str(outbox), "PERIODIC_CHECK_SECONDS": "1"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", "from datetime import timedelta; from django.utils import timezone; "
                               "from tests.directory.factories import make_service; "
                               "make_service('Overdue Pantry', assurer_email='owner@example.org', "
                               "assured_date=timezone.localdate() - timedelta(days=300))")
    workers = []
    with open(tmp_path / "worker.log", "w") as log:
        try:
            started = time.monotonic()
            for _ in range(2):
                workers.append(subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2",
                     "--no-reload"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not list(outbox.glob("*.json")):
                time.sleep(0.1)
            emailed = time.monotonic()
            time.sleep(5)  # both workers check several more times (every second)
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(10)
    log_text = (tmp_path / "worker.log").read_text()
    runs = query(db, "SELECT period, outcome FROM core_periodicrun WHERE name = ?", (CHASE,))
    assert len(runs) == 1, (runs, log_text[-3000:])
    assert json.loads(runs[0][1]) == {"chased": 1, "already_chased": 0, "no_recipient": 0}
    assert query(db, "SELECT j.status, j.attempts FROM core_jobrun j JOIN core_periodicrun p ON p.job_id = j.id "
                     "WHERE p.name = ?", (CHASE,)) == [("done", 1)]
    messages = [json.loads(path.read_text()) for path in outbox.glob("*.json")]
    assert len(messages) == 1 and "owner@example.org" in json.dumps(messages[0]), messages
    print(f"\nTwo workers, one chase: the reminder went {emailed - started:.1f} s after the workers started "
          f"(period {runs[0][0]}, checks every second)")
