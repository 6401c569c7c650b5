"""Import police.uk street-level crime CSV files (plain or .gz): manage.py import_police_crime FILE [FILE ...].

``--synthetic`` imports the shipped synthetic sample (and labels it so on every profile). Nothing is written if any
row is bad; the problems are listed with file, line and field. See docs/police-uk-crime.md.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communities.neighbourhoods.crime import CrimeFileError, import_files
from communities.neighbourhoods.synthetic import sample_files


class Command(BaseCommand):
    help = "Import police.uk street-level crime CSV files as counts per month, LSOA and crime type"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument("--synthetic", action="store_true", help="Import the shipped SYNTHETIC 24-month sample")

    def handle(self, *args, files, synthetic, **options):
        if synthetic and files:
            raise CommandError("Give files or --synthetic, not both")
        paths = sample_files() if synthetic else files
        if not paths:
            raise CommandError("No files given")
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        try:
            batch = import_files(paths, synthetic=synthetic)
        except CrimeFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Imported {batch.rows_counted:,} rows in the borough from {len(paths)} file(s), {batch}; "
            f"{batch.rows_outside_area:,} outside the borough and {batch.rows_without_location:,} without a "
            f"location were left out."
        )
