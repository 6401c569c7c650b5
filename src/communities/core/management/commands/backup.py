from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communities.core.backups import BackupError, create_backup


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

    def handle(self, *args, output_dir, **options):
        try:
            path, manifest = create_backup(output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {manifest.database} ({manifest.engine}): {manifest.rows:,} rows in {len(manifest.tables)} "
            f"tables, {manifest.size_bytes:,} bytes\n  {path}\n  {path}.json (manifest, SHA-256 {manifest.sha256})"
        )
