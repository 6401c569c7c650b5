from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communities.places.loader import LoadError, load_council


class Command(BaseCommand):
    help = "Load a council's wards, LSOAs, deprivation and postcodes by ONS code (e.g. E06000004)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="ONS local authority district code (2024), e.g. E06000004")
        parser.add_argument("--postcodes", type=Path, help="CSV of postcodes: postcode, latitude, longitude, lsoa21cd")

    def handle(self, *args, code, postcodes, **options):
        try:
            report = load_council(code, postcodes)
        except LoadError as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            f"Loaded {report.council}: {report.wards} wards, {report.lsoas} LSOAs, {report.postcodes} postcodes."
        )
        for note in report.notes:
            self.stdout.write(note)
