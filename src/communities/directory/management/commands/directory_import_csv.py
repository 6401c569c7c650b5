"""Import (or re-import) services from a CSV file in the directory format (importers/csv_format.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communities.directory.importers import ImportFailed
from communities.directory.importers.csv_import import import_csv


class Command(BaseCommand):
    help = "Import services from a CSV file. Nothing is written if any row has a problem."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read the file as UTF-8 text ({exc})") from exc
        try:
            result = import_csv(text, where=file.name)
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {file.name}: {result}"))
