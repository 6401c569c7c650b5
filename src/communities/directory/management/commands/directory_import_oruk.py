"""Import (or re-import) every service from another ORUK 3.0 feed. All or nothing; matched on the feed's ids."""

from django.core.management.base import BaseCommand, CommandError

from communities.directory.importers import ImportFailed
from communities.directory.importers.oruk import import_feed


class Command(BaseCommand):
    help = "Import services from an ORUK 3.0 API, e.g. directory_import_oruk https://example.org/api/oruk"

    def add_arguments(self, parser):
        parser.add_argument("base_url", help="The feed's base URL (the one whose GET / returns version HSDS-UK-3.0)")
        parser.add_argument("--per-page", type=int, default=100)

    def handle(self, *args, base_url, per_page, **options):
        try:
            result = import_feed(base_url, per_page=per_page)
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {base_url}: {result}"))
