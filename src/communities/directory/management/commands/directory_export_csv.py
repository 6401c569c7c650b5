"""Write every listing to a CSV file in the directory format (formula injection neutralised)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from communities.audit.services import Action, record
from communities.directory.importers.export import csv_stream
from communities.directory.models import Service


class Command(BaseCommand):
    help = "Export the directory as CSV"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        services = Service.objects.all()
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            for line in csv_stream(services):
                handle.write(line)
        record(actor=None, action=Action.EXPORT, object_type="directory.Service", fields={"path": path},
               reason="directory_export_csv management command")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))
