from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from communities.demo.generator import DemoError, generate
from communities.places.models import Council


class Command(BaseCommand):
    help = "Generate a synthetic borough (organisations, staff in every role, households, residents)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--residents", type=int, default=5000)
        parser.add_argument("--council", default=settings.COUNCIL_CODE)

    def handle(self, *args, seed, residents, council, **options):
        if not Council.objects.filter(code=council).exists():
            call_command("load_council", council, stdout=self.stdout)
        try:
            report = generate(seed=seed, residents=residents, council_code=council)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Generated {report.residents:,} residents in {report.households:,} households, "
            f"{report.organisations} organisations and {report.staff} staff in {report.seconds:.1f} s."
        )
        call_command("demo_logins", stdout=self.stdout)
