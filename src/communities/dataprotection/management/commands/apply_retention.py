"""Apply the retention schedule: ``manage.py apply_retention --dry-run`` first, then without it.

Schedule it daily (cron or the platform's scheduler) or enqueue ``dataprotection.tasks.apply_retention_task``."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from communities.dataprotection import retention
from communities.dataprotection.tasks import report_lines


class Command(BaseCommand):
    help = "Anonymise, delete or pseudonymise records past their retention period (see data/schedule.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would change, change nothing")

    def handle(self, *args, dry_run: bool = False, **options):
        results = retention.run(dry_run=dry_run)
        for line in report_lines(results, dry_run=dry_run):
            self.stdout.write(line)
