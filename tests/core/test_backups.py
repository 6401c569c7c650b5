"""Backups (issue #12, deliverable 7): ``manage.py backup`` and ``manage.py restore`` on the engine the suite runs on.

The round trip backs up the demo borough, restores it into an empty database and proves every table's row count
and a checksum of every row equal, timestamps to the microsecond. CI runs the suite on SQLite and on PostgreSQL, so
both paths are proved: SQLite's online backup API into a temporary file, pg_dump/pg_restore into a database named
after the test database and dropped afterwards.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import subprocess
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from communities.accounts.models import User
from communities.core import backups, backups_postgres

SQLITE = connection.vendor == "sqlite"
MICROSECONDS = datetime(2026, 12, 7, 9, 30, 15, 123457, tzinfo=UTC)


# --- reading both databases through raw DB-API connections (not the ORM) ----------------------------------------


def raw_connection(settings_dict: dict):
    if SQLITE:
        name = str(settings_dict["NAME"])
        if name == ":memory:":  # a private in-memory database: only Django's own connection reaches it
            connection.ensure_connection()
            return connection.connection
        return sqlite3.connect(name, uri=name.startswith("file:"))  # file:memorydb_…?mode=memory&cache=shared too
    return psycopg.connect(**backups_postgres.libpq_params(settings_dict))


def raw_tables(raw) -> list[str]:
    if SQLITE:
        return backups.sqlite_tables(raw)
    query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    return [name for (name,) in raw.execute(query)]


def fingerprints(raw, keys: dict[str, list[str]]) -> dict[str, tuple[int, str]]:
    """(rows, SHA-256 over every row's values in primary-key order) per table."""
    result = {}
    for table, columns in keys.items():
        order = ", ".join(f'"{c}"' for c in columns) or "1"
        cursor = raw.cursor()
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY {order}')  # noqa: S608 -- names from introspection
        digest, count = hashlib.sha256(), 0
        for row in cursor.fetchall():
            values = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
            digest.update(repr(values).encode())
            count += 1
        result[table] = (count, digest.hexdigest())
    return result


def primary_keys() -> dict[str, list[str]]:
    """Every table in the source by Django's introspection, with its primary-key columns (all columns if none)."""
    keys = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = connection.introspection.get_primary_key_columns(cursor, table)
            if not columns:
                columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            keys[table] = columns
    return keys


# --- a database of our own to restore into ------------------------------------------------------------------------


@pytest.fixture
def empty_database(tmp_path):
    """(URL, DATABASES entry) of a database that does not exist yet; a PostgreSQL one is dropped afterwards."""
    source = connection.settings_dict
    if SQLITE:
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", {"ENGINE": source["ENGINE"], "NAME": str(path)}
        return
    name = f"{source['NAME']}_restored"
    target = {**source, "NAME": name}
    _drop_database(target)
    user = quote(source.get("USER") or "", safe="")
    password = f":{quote(source['PASSWORD'], safe='')}" if source.get("PASSWORD") else ""
    url = f"postgres://{user}{password}@{source.get('HOST') or 'localhost'}:{source.get('PORT') or 5432}/{name}"
    yield url, target
    _drop_database(target)


def _drop_database(target: dict) -> None:
    params = backups_postgres.libpq_params(target)
    with backups_postgres.connect(params, dbname="postgres") as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target["NAME"])))


@pytest.fixture
def refilled_afterwards(django_db_setup, django_db_blocker):
    """pytest-django empties every table after a transactional test. Requested before ``transactional_db``, this
    puts back what the session set up (the migrations' rows, serialized when the test database was made, and the
    Stockton geography) so the tests after this one see the database as before."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)
        call_command("load_council", "E06000004", verbosity=0)


def backup_into(folder: Path) -> Path:
    call_command("backup", output_dir=folder, stdout=StringIO())
    (path,) = [p for p in folder.iterdir() if not p.name.endswith(".json")]
    return path


# --- the round trip -----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_borough_survives_backup_and_restore_row_for_row(
    refilled_afterwards, django_db_serialized_rollback, transactional_db, tmp_path, empty_database
):
    call_command("demo_borough", seed=1, residents=150, stdout=StringIO())
    user = User.objects.order_by("pk").first()
    User.objects.filter(pk=user.pk).update(last_login=MICROSECONDS)  # a timestamp with non-zero microseconds
    url, target = empty_database

    backup = backup_into(tmp_path / "backups")
    out = StringIO()
    call_command("restore", str(backup), database_url=url, stdout=out)
    assert "Restored" in out.getvalue()

    keys = primary_keys()
    assert {"django_tasks_database_dbtaskresult", "auth_permission", "audit_auditevent", "people_person"} <= set(keys)
    source, restored = raw_connection(connection.settings_dict), raw_connection(target)
    try:
        assert raw_tables(source) == raw_tables(restored) == sorted(keys)
        before, after = fingerprints(source, keys), fingerprints(restored, keys)
        placeholder = "?" if SQLITE else "%s"
        query = f'SELECT last_login FROM "accounts_user" WHERE id = {placeholder}'  # noqa: S608
        (last_login,) = restored.execute(query, [user.pk]).fetchone()
    finally:
        if source is not connection.connection:
            source.close()
        restored.close()
    assert before["people_person"][0] == 150
    assert {t: rows for t, (rows, _) in after.items()} == {t: rows for t, (rows, _) in before.items()}
    assert [t for t in keys if after[t] != before[t]] == []  # every row of every table, value for value
    assert "09:30:15.123457" in str(last_login)

    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(backup), database_url=url)
    call_command("restore", str(backup), database_url=url, force=True, stdout=out)  # replaces it; counts checked
    assert out.getvalue().count("Restored") == 2


# --- what a backup is, and what restore refuses -------------------------------------------------------------------


@pytest.mark.django_db
def test_backup_is_one_owner_only_file_and_a_manifest_that_describes_it(tmp_path):
    backup = backup_into(tmp_path)
    manifest = json.loads(Path(f"{backup}.json").read_text())
    assert sorted(p.name for p in tmp_path.iterdir()) == [backup.name, f"{backup.name}.json"]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert manifest["sha256"] == hashlib.sha256(backup.read_bytes()).hexdigest()
    assert manifest["engine"] == ("sqlite" if SQLITE else "postgresql")
    assert manifest["migrations"] == backups.code_migration_state()
    assert manifest["tables"]["places_postcode"] > 5000  # the Stockton geography
    assert set(manifest["tables"]) == set(connection.introspection.table_names())
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None


@pytest.mark.django_db
def test_a_failed_backup_leaves_no_file_behind(tmp_path, monkeypatch):
    def broken(*args):
        Path(args[-1]).write_bytes(b"half a backup")
        raise backups.BackupError("disk full")

    monkeypatch.setattr(backups, "_sqlite_backup", broken)
    monkeypatch.setattr(backups_postgres, "dump", broken)
    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", output_dir=tmp_path, stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def made(tmp_path, db):
    backup = backup_into(tmp_path / "backups")
    return backup, Path(f"{backup}.json")


def edit_manifest(path: Path, **changes) -> None:
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_already_holds_tables(made):
    backup, _ = made
    with pytest.raises(CommandError, match=r"(?s)already holds \d+ tables .*--force"):
        call_command("restore", str(backup))  # the configured (test) database: migrated and loaded


@pytest.mark.django_db
def test_restore_refuses_a_backup_made_at_another_migration_state(made, empty_database):
    backup, manifest = made
    migrations = json.loads(manifest.read_text())["migrations"]
    edit_manifest(manifest, migrations={**migrations, "people": "0099_from_the_future"})
    url, _ = empty_database
    refused = r"(?s)people: backup at 0099_from_the_future, this code at .*--allow-migration-mismatch"
    with pytest.raises(CommandError, match=refused):
        call_command("restore", str(backup), database_url=url)


@pytest.mark.django_db
def test_restore_refuses_a_damaged_file_and_a_missing_manifest(made, empty_database):
    backup, manifest = made
    url, _ = empty_database
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="does not match the checksum in its manifest: the file is damaged"):
        call_command("restore", str(backup), database_url=url)
    manifest.unlink()
    with pytest.raises(CommandError, match="No manifest"):
        call_command("restore", str(backup), database_url=url)


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_the_other_engine(made, empty_database):
    backup, manifest = made
    edit_manifest(manifest, engine="postgresql" if SQLITE else "sqlite")
    with pytest.raises(CommandError, match="cannot be restored into a"):
        call_command("restore", str(backup), database_url=empty_database[0])


@pytest.mark.skipif(not SQLITE, reason="SQLite only: PostgreSQL has no in-memory database")
def test_an_in_memory_sqlite_database_is_backed_up_through_djangos_own_connection(
    tmp_path, monkeypatch, django_db_blocker
):
    """pytest-django may give SQLite tests an in-memory database, which only Django's connection can reach."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    memory = DatabaseWrapper({**connection.settings_dict, "NAME": ":memory:"}, alias="memory")
    monkeypatch.setattr(backups, "connections", {"memory": memory})
    with django_db_blocker.unblock():  # a database of this test's own, not pytest-django's test database
        with memory.cursor() as cursor:
            cursor.execute("CREATE TABLE visit (id integer PRIMARY KEY, at text)")
            cursor.executemany("INSERT INTO visit (at) VALUES (%s)", [("2026-12-07 09:30:15.123457",)] * 3)
        tables, applied, _ = backups._sqlite_backup("memory", tmp_path / "copy.sqlite3")
        memory.in_atomic_block = True  # the backup API would wait for ever on the connection's own write lock
        with pytest.raises(backups.BackupError, match="outside a transaction"):
            backups._sqlite_backup("memory", tmp_path / "again.sqlite3")
        memory.in_atomic_block = False
        memory.close()
    assert (tables, applied) == ({"visit": 3}, [])
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("SELECT max(at) FROM visit").fetchone() == ("2026-12-07 09:30:15.123457",)
    copy.close()


# --- PostgreSQL's client tools (pure: no server needed) -----------------------------------------------------------


def test_connection_details_reach_pg_tools_in_the_environment_never_the_command_line(monkeypatch):
    seen = {}

    def run(command, **kwargs):
        seen.update(command=command, **kwargs)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backups_postgres.subprocess, "run", run)
    monkeypatch.setenv("PGDATABASE", "someone_elses")
    settings_dict = {"NAME": "communities", "USER": "app", "PASSWORD": "s3cret-Pa55", "HOST": "db.internal",
                     "PORT": 5433, "OPTIONS": {"sslmode": "verify-full", "pool": True}}
    backups_postgres._run(["pg_dump", "--format=custom"], backups_postgres.libpq_params(settings_dict))
    assert not any("s3cret" in part or "db.internal" in part for part in seen["command"])
    assert "shell" not in seen
    env = seen["env"]
    assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("s3cret-Pa55", "db.internal", "5433",
                                                                                 "app")
    assert (env["PGDATABASE"], env["PGSSLMODE"]) == ("communities", "verify-full")


def test_pg_tools_older_than_the_server_are_refused_by_name(monkeypatch):
    monkeypatch.setattr(backups_postgres.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(backups_postgres.subprocess, "run", lambda command, **kw: subprocess.CompletedProcess(
        command, 0, "pg_dump (PostgreSQL) 14.9 (Debian 14.9-1)\n", ""))
    with pytest.raises(backups.BackupError, match="pg_dump 14 is older than the PostgreSQL 16 server.*client-16"):
        backups_postgres.client_tool("pg_dump", 160004)
    assert backups_postgres.client_tool("pg_dump", 140011)[0] == "/usr/bin/pg_dump"


def test_dumpdata_would_lose_the_microseconds_a_backup_keeps():
    """Why a backup is not dumpdata: Django's JSON serializer (DjangoJSONEncoder) keeps milliseconds only."""
    dumped = serializers.serialize("json", [User(last_login=MICROSECONDS)], fields=["last_login"])
    assert '"last_login": "2026-12-07T09:30:15.123Z"' in dumped


def test_latest_applied_migration_per_app_and_the_differences_named():
    rows = [("people", "0001_initial"), ("audit", "0001_initial"), ("people", "0002_assignments")]
    assert backups.latest_applied(rows) == {"audit": "0001_initial", "people": "0002_assignments"}
    assert backups.migration_differences({"people": "0002_a"}, {"people": "0003_b", "money": "0001_initial"}) == [
        "money: backup at (none), this code at 0001_initial", "people: backup at 0002_a, this code at 0003_b"]


def test_prune_keeps_fourteen_daily_and_eight_weekly_backups(tmp_path):
    """Nightly backups for 70 days up to Monday 7 December 2026, and one more that afternoon before a release."""
    def make(at: datetime) -> Path:
        data = tmp_path / f"communities-{at:%Y%m%dT%H%M%SZ}.sqlite3"
        data.write_bytes(b"backup")
        backups.write_manifest(backups.Manifest(
            created_at=at.isoformat(), engine="sqlite", file=data.name, sha256="", size_bytes=6, migrations={},
            tables={}, made_with="test", database="test"), data)
        return data

    last = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    nightly = [make(last - timedelta(days=n)) for n in range(70)]
    afternoon = make(datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    (tmp_path / "notes.txt").write_text("not a backup")

    removed = backups.prune(tmp_path, daily=14, weekly=8)

    sundays = [date(2026, 11, 22), date(2026, 11, 15), date(2026, 11, 8), date(2026, 11, 1), date(2026, 10, 25)]
    kept = {afternoon} | set(nightly[1:14]) | {p for p in nightly if datetime_of(p).date() in sundays}
    assert len(kept) == 19
    assert set(removed) == set(nightly) - kept and len(removed) == 52
    assert {p for p in tmp_path.iterdir() if p.suffix == ".sqlite3"} == kept
    assert all(Path(f"{p}.json").exists() for p in kept) and (tmp_path / "notes.txt").exists()


def datetime_of(path: Path) -> datetime:
    return datetime.strptime(path.name.split("-")[1].split(".")[0], "%Y%m%dT%H%M%SZ")
