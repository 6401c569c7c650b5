"""Queue again (or fail) background jobs whose worker died, and drop failed jobs' input after its retention."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Recover background jobs whose worker stopped (no heartbeat for JOB_HEARTBEAT_TIMEOUT_SECONDS) and delete "
            "the input of jobs that failed more than JOB_INPUT_RETENTION_DAYS ago. db_worker does this by itself.")

    def handle(self, *args, **options):
        from communities.core.jobs import sweep

        result = sweep()
        for run_id, outcome in result["recovered"]:
            self.stdout.write(f"Job {run_id}: {outcome}")
        for run_id in result["discarded"]:
            self.stdout.write(f"Job {run_id}: input deleted (retention ended)")
        self.stdout.write(f"{len(result['recovered'])} job(s) recovered, {len(result['discarded'])} input(s) deleted.")
