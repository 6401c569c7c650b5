"""Write the annual Cabinet performance report (HTML and PDF) for the outcomes framework."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from communities.insight import report


class Command(BaseCommand):
    help = "Write the 'What success looks like' annual Cabinet report for --year as HTML and PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Report on periods up to this year")
        parser.add_argument("--output", type=Path, default=Path("."), help="Directory to write into")

    def handle(self, *args, **options):
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be a year such as 2025")
        built = report.build(year)
        if not built.rows:
            raise CommandError(f"There are no indicator values up to {year}")
        html_path, pdf_path = report.write(built, options["output"])
        self.stdout.write(f"Wrote {html_path} and {pdf_path} ({len(built.rows)} indicators)")
