"""PostgreSQL half of core.backups: pg_dump in an exported snapshot, pg_restore into an empty database.

Connection details go to pg_dump and pg_restore in PG* environment variables (PGPASSWORD among them), never on the
command line, where any user of the machine could read them in the process list; no shell is involved.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
from psycopg import sql

# libpq keywords that DATABASES["default"]["OPTIONS"] may carry, and the environment variable each one maps to
# (PostgreSQL 15 manual, "34.15. Environment Variables").
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE",
    "passfile": "PGPASSFILE", "service": "PGSERVICE", "options": "PGOPTIONS", "application_name": "PGAPPNAME",
    "sslmode": "PGSSLMODE", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "sslrootcert": "PGSSLROOTCERT",
    "sslcrl": "PGSSLCRL", "connect_timeout": "PGCONNECT_TIMEOUT", "target_session_attrs": "PGTARGETSESSIONATTRS",
    "gssencmode": "PGGSSENCMODE", "channel_binding": "PGCHANNELBINDING",
}
MAINTENANCE_DATABASE = "postgres"


def _error(message: str) -> Exception:
    from .backups import BackupError

    return BackupError(message)


def libpq_params(settings_dict: dict) -> dict[str, str]:
    """libpq keywords for a DATABASES entry: name, user, password, host, port and any libpq OPTIONS."""
    params = {
        "dbname": settings_dict.get("NAME") or "", "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "", "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
    }
    for key, value in (settings_dict.get("OPTIONS") or {}).items():
        if key in LIBPQ_ENVIRONMENT and value not in (None, ""):
            params[key] = str(value)
    return {key: value for key, value in params.items() if value}


def libpq_environment(params: dict[str, str]) -> dict[str, str]:
    """The child's environment: this process's, minus any PG* variable, plus the connection details."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    environment.update({LIBPQ_ENVIRONMENT[key]: value for key, value in params.items()})
    environment.setdefault("PGAPPNAME", "communities-backup")
    return environment


def connect(params: dict[str, str], **overrides) -> psycopg.Connection:
    try:
        return psycopg.connect(**{**params, **overrides}, autocommit=True)
    except psycopg.OperationalError as exc:
        where = overrides.get("dbname", params.get("dbname"))
        raise _error(f"Cannot connect to the PostgreSQL database {where}: {exc}".strip()) from exc


def client_tool(name: str, server_version: int) -> tuple[str, str]:
    """The path and version of pg_dump or pg_restore, refusing one older than the server (it would abort)."""
    path = shutil.which(name)
    if path is None:
        raise _error(f"{name} is not installed: install the PostgreSQL client tools (e.g. postgresql-client)")
    # An argument list and no shell: nothing here is read from a user.
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"\) (\d+)", output)
    client_major, server_major = int(match.group(1)) if match else 0, server_version // 10000
    if client_major < server_major:
        raise _error(
            f"{name} {client_major} is older than the PostgreSQL {server_major} server: install the "
            f"PostgreSQL {server_major} client tools (postgresql-client-{server_major}) and try again"
        )
    return path, output.strip()


def _run(command: list[str], params: dict[str, str]) -> None:
    environment = libpq_environment(params)
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-10:])
        raise _error(f"{Path(command[0]).name} failed (exit {result.returncode}):\n{tail}")


def relations(conn: psycopg.Connection) -> list[tuple[str, str, str]]:
    """(schema, name, kind) of every table, view and sequence outside PostgreSQL's own schemas."""
    return conn.execute(
        "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1, 2"
    ).fetchall()


def row_counts(conn: psycopg.Connection) -> dict[str, int]:
    """Rows per table; tables outside the connection's current schema are named schema.table."""
    (current,) = conn.execute("SELECT current_schema()").fetchone()
    counts = {}
    for schema, name, kind in relations(conn):
        if kind in ("r", "p"):
            query = sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(name))
            counts[name if schema == current else f"{schema}.{name}"] = conn.execute(query).fetchone()[0]
    return dict(sorted(counts.items()))


def _applied(conn: psycopg.Connection) -> list[tuple[str, str]]:
    if not conn.execute("SELECT to_regclass('django_migrations')").fetchone()[0]:
        return []
    return conn.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()


def dump(settings_dict: dict, temporary: Path) -> tuple[dict[str, int], list, str]:
    """pg_dump into ``temporary`` from a snapshot this connection exports and counts rows in, so they agree."""
    params = libpq_params(settings_dict)
    conn = connect(params)
    try:
        pg_dump, version = client_tool("pg_dump", conn.info.server_version)
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        (snapshot,) = conn.execute("SELECT pg_export_snapshot()").fetchone()
        counts, applied = row_counts(conn), _applied(conn)
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={temporary}", "--no-password"], params)
        conn.execute("COMMIT")
        return counts, applied, f"{version} --format=custom"
    finally:
        conn.close()


def ensure_database(params: dict[str, str]) -> bool:
    """Create the target database if it does not exist yet; True when it was created. The server's maintenance
    database is reached only when the target cannot be."""
    name = params["dbname"]
    try:
        psycopg.connect(**params).close()
        return False
    except psycopg.OperationalError as first:
        with connect(params, dbname=MAINTENANCE_DATABASE) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                raise _error(f"Cannot connect to the PostgreSQL database {name}: {first}".strip()) from first
            query = sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name))
            conn.execute(query)
    return True


def _drop_everything(conn: psycopg.Connection, found: list[tuple[str, str, str]]) -> None:
    """--force: drop every table, view and free-standing sequence in one transaction (owned sequences go along)."""
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    with conn.transaction():
        for schema, name, kind in found:
            conn.execute(sql.SQL("DROP {} IF EXISTS {}.{} CASCADE").format(
                sql.SQL(kinds[kind]), sql.Identifier(schema), sql.Identifier(name)))


def restore(data_path: Path, settings_dict: dict, *, force: bool, before_replacing) -> dict[str, int]:
    """pg_restore ``data_path`` into the database ``settings_dict`` names (created if missing), in one transaction."""
    from .backups import describe, refuse_non_empty

    params = libpq_params(settings_dict)
    if not params.get("dbname"):
        raise _error("Name the database to restore into (--database-url postgres://user@host:5432/name)")
    ensure_database(params)
    with connect(params) as conn:
        pg_restore, _ = client_tool("pg_restore", conn.info.server_version)
        found = relations(conn)
        if found and not force:
            refuse_non_empty(describe(settings_dict), [name for _, name, kind in found if kind != "S"])
        before_replacing()
        if found:
            _drop_everything(conn, found)
    _run([pg_restore, "--dbname=", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
          "--no-password", str(data_path)], params)
    with connect(params) as conn:
        conn.execute("ANALYZE")  # planner statistics are not part of a dump
        return row_counts(conn)
