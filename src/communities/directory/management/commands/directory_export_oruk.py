"""Write the whole directory as an ORUK 3.0 feed file: one full service per line (newline-delimited JSON), the same
records GET /api/directory/services/{id} returns. Another ORUK consumer can load it without paging the API."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from communities.audit.services import Action, record
from communities.directory.api import serializers
from communities.directory.models import Service


class Command(BaseCommand):
    help = "Export every listed service as ORUK 3.0 JSON, one service per line"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        services = (Service.objects.listed().select_related("organization")
                    .prefetch_related(*serializers.SERVICE_FULL).order_by("name", "id"))
        count = 0
        with Path(path).open("w", encoding="utf-8") as handle:
            for service in services.iterator(chunk_size=500):
                handle.write(json.dumps(serializers.service(service, full=True), ensure_ascii=False) + "\n")
                count += 1
        record(actor=None, action=Action.EXPORT, object_type="directory.Service", fields={"path": path, "rows": count},
               reason="directory_export_oruk management command")
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} services to {path}"))
