from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from communities.core.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by manage.py backup into an empty database: the configured one, or the one "
        "--database-url names (a PostgreSQL database is created if missing). See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup file or its .json manifest")
        parser.add_argument(
            "--database-url", help="restore into this database instead of DATABASE_URL's (postgres://…/name, "
            "sqlite:////absolute/path)",
        )
        parser.add_argument("--force", action="store_true", help="replace a database that already holds tables")
        parser.add_argument(
            "--allow-migration-mismatch", action="store_true",
            help="restore a backup made at another migration state than this code (then run manage.py migrate)",
        )

    def handle(self, *args, backup, database_url, force, allow_migration_mismatch, **options):
        target = None
        if database_url:
            try:
                target = dj_database_url.parse(database_url)
            except ValueError as exc:
                raise CommandError(f"--database-url cannot be read: {exc}") from exc
        try:
            report = restore_backup(
                backup, target=target, force=force, allow_migration_mismatch=allow_migration_mismatch
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {report.rows:,} rows in {len(report.tables)} tables into {report.database}.")
