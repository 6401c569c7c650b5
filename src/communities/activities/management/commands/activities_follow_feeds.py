"""Read the OpenActive feeds from where each got to. Safe to run twice: a page read again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from communities.activities.importer import configured_feeds, follow
from communities.activities.models import Feed
from communities.activities.rpde import FileFetcher, HttpFetcher


class Command(BaseCommand):
    help = "Follow the configured OpenActive RPDE feeds (ACTIVITIES_FEEDS), or --sample for the shipped sample."

    def add_arguments(self, parser):
        parser.add_argument("--sample", action="store_true",
                            help="Read the shipped synthetic sample feeds (nothing is downloaded)")
        parser.add_argument("--max-pages", type=int, default=None, help="Pages per feed in this run")

    def handle(self, *args, sample=False, max_pages=None, **options):
        if sample:
            from communities.activities.demo import sample_feeds

            feeds, fetcher = sample_feeds(), FileFetcher()
        else:
            feeds, fetcher = configured_feeds(), None
            if not feeds:
                raise CommandError("No feeds configured: set ACTIVITIES_FEEDS to name=https://address pairs")
        for feed in feeds:
            run = follow(feed, fetcher or HttpFetcher(feed.url), max_pages=max_pages)
            self.stdout.write(f"{feed.name}: {run.get_outcome_display()}; {run.pages} pages, {run.updated} updated, "
                              f"{run.deleted} deleted, {run.skipped} skipped")
            for problem in run.problems[:20]:
                self.stdout.write(f"  page {problem.get('page')}, item {problem.get('item')}: "
                                  f"{problem.get('field')}: {problem.get('message')}")
            if run.error:
                self.stderr.write(f"  {run.error}")
        self.stdout.write(f"{Feed.objects.count()} feeds known.")
