"""Import a caseload extract and screen it now, with a progress line: manage.py money_import_caseload FILE."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Validate a caseload extract (CSV), store it for an organisation and screen it for unclaimed entitlement."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--organisation", required=True, help="Name or id of the council organisation")
        parser.add_argument("--label", default="", help="Name for the extract (default: the file name)")
        parser.add_argument("--year", type=int, default=None, help="Tax year, e.g. 2026 for 2026/27")
        parser.add_argument("--queue", action="store_true", help="Queue the screening for the background worker")

    def handle(self, *args, **options):
        from communities.benefits.caseload import read_caseload_csv
        from communities.core import jobs
        from communities.organisations.models import Organisation

        from ...adapter import served_years, tax_year_for
        from ...services import screen_extract, store_extract

        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        key = options["organisation"]
        organisation = Organisation.objects.filter(name=key).first()
        if organisation is None:
            try:
                organisation = Organisation.objects.filter(pk=key).first()
            except Exception:  # not a UUID
                organisation = None
        if organisation is None:
            raise CommandError(f"No organisation called {key!r}")
        from django.utils import timezone

        year = options["year"] or tax_year_for(timezone.localdate())
        if year not in served_years():
            raise CommandError(f"--year: {year} is not served (served: {', '.join(map(str, served_years()))})")
        text = path.read_text(encoding="utf-8-sig")
        frame, errors = read_caseload_csv(io.StringIO(text))
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(errors)} problem(s) in {path.name}: nothing was imported")
        extract = store_extract(actor=None, organisation=organisation, label=options["label"] or path.stem,
                                filename=path.name, year=year, csv_text=text, row_count=len(frame),
                                reason="money_import_caseload management command")
        if options["queue"]:
            jobs.enqueue(extract.job)
            self.stdout.write(f"Extract {extract.pk} queued for screening ({len(frame)} households).")
            return

        def progress(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            sys.stdout.write(f"\rScreening [{'#' * filled}{'.' * (width - filled)}] {done}/{total} households")
            sys.stdout.flush()

        outcome = screen_extract(extract.pk, progress=progress)
        self.stdout.write("")
        extract.refresh_from_db()
        if outcome.get("outcome") != "done":
            raise CommandError(f"Extract {extract.pk} was not screened: {extract.error or outcome}")
        self.stdout.write(self.style.SUCCESS(
            f"Extract {extract.pk} screened: {extract.row_count} households in {extract.seconds:.1f} s."
        ))
