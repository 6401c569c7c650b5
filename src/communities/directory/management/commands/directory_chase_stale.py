"""Chase listings not assured within DIRECTORY_ASSURANCE_DAYS. Safe to run twice (one chase per listing per cycle)."""

from django.core.management.base import BaseCommand

from communities.directory.services.staleness import chase_stale_listings
from communities.directory.tasks import chase_stale_listings_task


class Command(BaseCommand):
    help = "Email the people responsible for stale directory listings (or --enqueue it for the task worker)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Queue the task for the worker instead of running now")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = chase_stale_listings_task.enqueue()
            self.stdout.write(f"Queued task {result.id}")
            return
        outcome = chase_stale_listings()
        self.stdout.write(
            f"Chased {outcome['chased']} listings; {outcome['already_chased']} already chased this cycle; "
            f"{outcome['no_recipient']} with nobody to email."
        )
