"""Import a CQC care directory or latest ratings CSV for the council (all or nothing; errors name line and column)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communities.organisations.models import Organisation, OrganisationKind
from communities.providers import cqc, services


class Command(BaseCommand):
    help = ("Import the CQC's care directory or latest ratings (Locations sheet as CSV) and match it to the council's "
            "providers (docs/cqc-import.md).")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file")
        parser.add_argument("--council", help="The commissioning council's name (default: the only council)")
        parser.add_argument("--local-authority", help="Rows for other local authorities are skipped (default: the "
                            "council loaded from COUNCIL_CODE, e.g. Stockton-on-Tees)")

    def handle(self, *args, **options):
        councils = Organisation.objects.filter(kind=OrganisationKind.COUNCIL)
        if options["council"]:
            councils = councils.filter(name=options["council"])
        if councils.count() != 1:
            raise CommandError("Give --council with the name of exactly one council organisation")
        path: Path = options["file"]
        if path.is_file() and path.stat().st_size > cqc.LIMITS.max_bytes:
            raise CommandError(f"{path}: the file is bigger than {cqc.LIMITS.describe()}")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        local_authority = options["local_authority"] or services.default_local_authority()
        if not local_authority:
            raise CommandError("Give --local-authority (no council geography is loaded)")
        try:
            run = services.import_cqc(actor=None, commissioner=councils.get(), text=text, file_name=path.name,
                                      local_authority=local_authority)
        except cqc.CqcFileError as exc:
            raise CommandError(f"{path}: nothing was imported.\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(f"{path.name} ({cqc.FORMAT_NAMES[run.file_format]}): {run.rows} rows; {run.matched} matched, "
                          f"{run.created} new, {run.ambiguous} ambiguous, {run.skipped} skipped")
        for row in run.report["ambiguous"]:
            self.stdout.write(f"  ambiguous: line {row['line']} {row['name']} {row['postcode']} matches "
                              f"{'; '.join(row['candidates'])}")
