"""Backups and restores of the whole database, on both engines Communities runs on.

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies one consistent snapshot while the web
server and the worker keep running (WAL mode lets them write meanwhile). PostgreSQL: ``pg_dump --format=custom``
inside an exported snapshot, so the row counts in the manifest describe exactly the rows in the dump; ``pg_restore``
into an empty database (``backups_postgres``).

A backup is a data file and a manifest beside it (``<file>.json``): when it was made, the engine, the latest applied
migration of every app, the rows in every table and the file's SHA-256. Both are written under a temporary name and
renamed, so a half-written backup never carries a final name. A restore checks the checksum, the engine and the
migration state against this code, refuses a database that already holds tables unless forced, and counts the rows
afterwards against the manifest. The procedure and schedule are in docs/operations.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import django
from django.db import connections

from communities.audit.models import AuditEvent

from . import backups_postgres

MANIFEST_FORMAT = 1
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
ENGINES = {"django.db.backends.sqlite3": SQLITE, "django.db.backends.postgresql": POSTGRESQL}
SUFFIXES = {SQLITE: ".sqlite3", POSTGRESQL: ".pgdump"}
Action = AuditEvent.Action


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says what is wrong and what to do."""


@dataclass
class Manifest:
    created_at: str
    engine: str
    file: str
    sha256: str
    size_bytes: int
    migrations: dict[str, str]
    tables: dict[str, int]
    made_with: str
    database: str
    django_version: str = django.get_version()
    format: int = MANIFEST_FORMAT

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class RestoreReport:
    database: str
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def engine_of(settings_dict: dict) -> str:
    try:
        return ENGINES[settings_dict["ENGINE"]]
    except KeyError:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {settings_dict['ENGINE']}") from None


# --- migration state -------------------------------------------------------------------------------------------


def latest_applied(rows) -> dict[str, str]:
    """The latest applied migration per app, from django_migrations rows (app, name) in the order applied."""
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = name
    return dict(sorted(latest.items()))


def code_migration_state() -> dict[str, str]:
    """The latest migration of every app in this code: what a fully migrated database has applied last."""
    from django.db.migrations.loader import MigrationLoader

    leaves: dict[str, list[str]] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes():
        leaves.setdefault(app, []).append(name)
    return {app: "+".join(sorted(names)) for app, names in sorted(leaves.items())}


def migration_differences(backup: dict[str, str], code: dict[str, str]) -> list[str]:
    differences = []
    for app in sorted(set(backup) | set(code)):
        made, here = backup.get(app, "(none)"), code.get(app, "(not in this code)")
        if made != here:
            differences.append(f"{app}: backup at {made}, this code at {here}")
    return differences


# --- files -----------------------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _publish(temporary: Path, final: Path) -> None:
    """Flush ``temporary`` to disk and rename it to ``final`` in one step (same folder, so the rename is atomic)."""
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    folder = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _temporary_beside(final: Path) -> Path:
    return final.with_name(f".{final.name}.partial-{os.getpid()}")


def _new_backup_path(directory: Path, now: datetime, suffix: str) -> Path:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"communities-{now:%Y%m%dT%H%M%SZ}"
    final, number = directory / f"{stem}{suffix}", 1
    while final.exists():
        number += 1
        final = directory / f"{stem}-{number}{suffix}"
    return final


def manifest_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".json")


def write_manifest(manifest: Manifest, data_path: Path) -> Path:
    final = manifest_path(data_path)
    temporary = _temporary_beside(final)
    with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        handle.write(json.dumps(asdict(manifest), indent=2, sort_keys=True) + "\n")
    _publish(temporary, final)
    return final


def read_manifest(path: Path) -> tuple[Manifest, Path]:
    """The manifest and data file of a backup, given either of the two paths."""
    path = Path(path)
    if path.name.endswith(".json"):
        manifest_file, data_path = path, path.with_name(path.name.removesuffix(".json"))
    else:
        manifest_file, data_path = manifest_path(path), path
    if not manifest_file.exists():
        raise BackupError(f"No manifest {manifest_file}: restore only complete backups made by manage.py backup")
    try:
        raw = json.loads(manifest_file.read_text())
        manifest = Manifest(**raw)
    except (ValueError, TypeError) as exc:
        raise BackupError(f"The manifest {manifest_file} cannot be read: {exc}") from exc
    if manifest.format != MANIFEST_FORMAT:
        raise BackupError(f"{manifest_file} is manifest format {manifest.format}; this code reads {MANIFEST_FORMAT}")
    if not data_path.exists():
        raise BackupError(f"The backup file {data_path} named by {manifest_file.name} is missing")
    return manifest, data_path


# --- backup ----------------------------------------------------------------------------------------------------


def create_backup(directory: Path, *, alias: str = "default", now: datetime | None = None) -> tuple[Path, Manifest]:
    """Back up database ``alias`` into ``directory``: the data file and its manifest. Returns both."""
    settings_dict = connections[alias].settings_dict
    engine = engine_of(settings_dict)
    now = now or datetime.now(UTC)
    final = _new_backup_path(Path(directory), now, SUFFIXES[engine])
    temporary = _temporary_beside(final)
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # personal data: owner only
    _audit(Action.EXPORT, final.name, "manage.py backup: the whole database, every table")  # inside the backup
    try:
        if engine == SQLITE:
            tables, applied, made_with = _sqlite_backup(alias, temporary)
        else:
            tables, applied, made_with = backups_postgres.dump(settings_dict, temporary)
        _publish(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    manifest = Manifest(
        created_at=now.isoformat(), engine=engine, file=final.name, sha256=sha256_of(final),
        size_bytes=final.stat().st_size, migrations=latest_applied(applied), tables=tables, made_with=made_with,
        database=describe(settings_dict),
    )
    write_manifest(manifest, final)
    return final, manifest


def _audit(action: str, file_name: str, reason: str) -> None:
    from communities.audit.services import record

    record(actor=None, action=action, object_type="database backup", object_id=file_name[:64], reason=reason)


def describe(settings_dict: dict) -> str:
    """The database's name and server, never its password."""
    if engine_of(settings_dict) == SQLITE:
        return str(settings_dict["NAME"])
    host = settings_dict.get("HOST") or "local socket"
    return f"{settings_dict['NAME']} on {host}:{settings_dict.get('PORT') or 5432}"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    )
    return [name for (name,) in rows]


def sqlite_row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0] for t in sqlite_tables(conn)}  # noqa: S608


def _sqlite_applied(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    if "django_migrations" not in sqlite_tables(conn):
        return []
    return conn.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()


def _sqlite_backup(alias: str, temporary: Path) -> tuple[dict[str, int], list, str]:
    """Copy the live database with the online backup API, then describe the copy (so the manifest matches it)."""
    source, own = _sqlite_source(connections[alias])
    target = sqlite3.connect(temporary)
    try:
        source.backup(target)  # in one step: a consistent snapshot, while WAL writers carry on
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, not a WAL database
        (check,) = target.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise BackupError(f"The copy failed SQLite's quick_check: {check}")
        return sqlite_row_counts(target), _sqlite_applied(target), f"SQLite {sqlite3.sqlite_version} online backup API"
    finally:
        target.close()
        if own:
            source.close()


def _sqlite_source(connection) -> tuple[sqlite3.Connection, bool]:
    """A connection of our own to a database file (it sees committed rows only, like pg_dump); Django's connection
    for an in-memory database, which nothing else can reach. True when the caller must close it."""
    name = str(connection.settings_dict["NAME"])
    if name != ":memory:" and "mode=memory" not in name:
        return sqlite3.connect(name, uri=name.startswith("file:"), timeout=30), True
    if connection.in_atomic_block:  # the backup API would wait for ever on this connection's own write lock
        raise BackupError("Back up an in-memory database outside a transaction")
    connection.ensure_connection()
    return connection.connection, False


# --- restore ---------------------------------------------------------------------------------------------------


def restore_backup(
    path: Path, *, target: dict | None = None, force: bool = False, allow_migration_mismatch: bool = False
) -> RestoreReport:
    """Restore the backup at ``path`` into ``target`` (a DATABASES entry; the configured database when None)."""
    manifest, data_path = read_manifest(path)
    target = target or connections["default"].settings_dict
    engine = engine_of(target)
    if manifest.engine != engine:
        raise BackupError(f"This is a {manifest.engine} backup; it cannot be restored into a {engine} database")
    if sha256_of(data_path) != manifest.sha256:
        raise BackupError(f"{data_path.name} does not match the checksum in its manifest: the file is damaged")
    differences = migration_differences(manifest.migrations, code_migration_state())
    if differences and not allow_migration_mismatch:
        raise BackupError(
            "The backup was made at a different migration state than this code:\n  " + "\n  ".join(differences)
            + "\nRestore it with the code it was made with, or pass --allow-migration-mismatch and run migrate after."
        )
    own = describe(target) == describe(connections["default"].settings_dict)
    # Once the target passed its checks: this process keeps no connection (nor lock) on a database it replaces.
    release = connections.close_all if own else lambda: None
    if engine == SQLITE:
        tables = _sqlite_restore(data_path, Path(target["NAME"]), force=force, before_replacing=release)
    else:
        tables = backups_postgres.restore(data_path, target, force=force, before_replacing=release)
    if tables != manifest.tables:
        wrong = sorted(t for t in set(tables) | set(manifest.tables) if tables.get(t) != manifest.tables.get(t))
        raise BackupError(f"The restored database differs from the manifest in {len(wrong)} tables: {wrong[:10]}")
    if own:  # the service's own audit trail records that it was restored
        _audit(Action.CREATE, data_path.name, f"manage.py restore: the whole database from {manifest.created_at}")
    return RestoreReport(database=describe(target), tables=tables)


def refuse_non_empty(database: str, tables: list[str]) -> None:
    raise BackupError(
        f"The database {database} already holds {len(tables)} tables ({', '.join(tables[:5])}…). A restore replaces "
        "everything in it: pass --force if you mean that, or restore into a new database with --database-url."
    )


def _sqlite_restore(data_path: Path, target_path: Path, *, force: bool, before_replacing) -> dict[str, int]:
    if "mode=memory" in str(target_path) or str(target_path) == ":memory:":
        raise BackupError("Restore into a database file, not an in-memory database (--database-url sqlite:////path)")
    if not target_path.parent.is_dir():
        raise BackupError(f"The folder {target_path.parent} does not exist")
    source = sqlite3.connect(f"file:{data_path}?mode=ro", uri=True)
    destination = sqlite3.connect(target_path, timeout=30)
    try:
        existing = sqlite_tables(destination)
        if existing and not force:
            refuse_non_empty(str(target_path), existing)
        before_replacing()
        source.backup(destination)  # replaces every page, under the destination's write lock: safe for readers
        destination.execute("PRAGMA journal_mode=WAL")  # as settings/base.py opens it
        return sqlite_row_counts(destination)
    finally:
        source.close()
        destination.close()


# --- retention -------------------------------------------------------------------------------------------------


def prune(directory: Path, *, daily: int, weekly: int) -> list[Path]:
    """Delete the backups in ``directory`` that the schedule no longer keeps: the newest backup of each of the last
    ``daily`` days that have one (UTC), the newest of each of the last ``weekly`` ISO weeks, and the newest of
    all stay. Returns what went.
    Only complete backups (a data file with its manifest) are considered; anything else in the folder is left."""
    found = []
    for manifest_file in Path(directory).glob("communities-*.json"):
        try:
            manifest, data_path = read_manifest(manifest_file)
            found.append((datetime.fromisoformat(manifest.created_at), data_path, manifest_file))
        except (BackupError, ValueError):
            continue
    found.sort(key=lambda item: item[0], reverse=True)  # newest first
    keep = {found[0][1]} if found else set()  # the newest backup always stays
    for period, count in ((lambda at: at.date(), daily), (lambda at: at.isocalendar()[:2], weekly)):
        newest: dict = {}
        for created, data_path, _ in found:
            newest.setdefault(period(created), data_path)
        keep.update(list(newest.values())[:count])
    removed = []
    for _, data_path, manifest_file in found:
        if data_path not in keep:
            manifest_file.unlink()  # the manifest first: a data file without one is never restored
            data_path.unlink()
            removed.append(data_path)
    return removed
