"""Import indicator definitions and/or values from CSV files (all or nothing; errors name the line and field)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communities.insight import importer


class Command(BaseCommand):
    help = "Import Insight indicator definitions (--definitions FILE) and values (--values FILE) from CSV."

    def add_arguments(self, parser):
        parser.add_argument("--definitions", type=Path, help="CSV of indicator definitions")
        parser.add_argument("--values", type=Path, help="CSV of indicator values by area and period")

    def handle(self, *args, **options):
        if not options["definitions"] and not options["values"]:
            raise CommandError("Give --definitions FILE and/or --values FILE")
        for kind, run in (("definitions", importer.import_definitions), ("values", importer.import_values)):
            path = options[kind]
            if not path:
                continue
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
            try:
                result = run(text, reason=f"import_indicators management command ({path.name})")
            except importer.ImportError_ as exc:
                raise CommandError(f"{path}: nothing was imported.\n" + "\n".join(exc.errors)) from exc
            self.stdout.write(f"{path.name}: {kind} {result.summary}")
