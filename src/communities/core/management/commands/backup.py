from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communities.core.backups import BackupError, create_backup, prune


class Command(BaseCommand):
    help = (
        "Back up the whole database (SQLite: online backup API; PostgreSQL: pg_dump custom format) into a folder, "
        "with a manifest beside it. See docs/operations.md for the schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", type=Path, default=Path(settings.VAR_DIR) / "backups",
            help="folder to write the backup and its manifest into (default: COMMUNITIES_VAR_DIR/backups)",
        )
        parser.add_argument(
            "--keep-daily", type=int, metavar="N",
            help="then delete older backups in the folder, keeping the newest of each of the last N days…",
        )
        parser.add_argument(
            "--keep-weekly", type=int, metavar="N", help="…and the newest of each of the last N weeks",
        )

    def handle(self, *args, output_dir, keep_daily, keep_weekly, **options):
        if min(keep_daily or 0, keep_weekly or 0) < 0:
            raise CommandError("--keep-daily and --keep-weekly must be 0 or more")
        try:
            path, manifest = create_backup(output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {manifest.database} ({manifest.engine}): {manifest.rows:,} rows in {len(manifest.tables)} "
            f"tables, {manifest.size_bytes:,} bytes\n  {path}\n  {path}.json (manifest, SHA-256 {manifest.sha256})"
        )
        if keep_daily is not None or keep_weekly is not None:
            removed = prune(output_dir, daily=keep_daily or 0, weekly=keep_weekly or 0)
            names = ", ".join(p.name for p in removed) or "none"
            self.stdout.write(f"Deleted {len(removed)} older backups: {names}")
