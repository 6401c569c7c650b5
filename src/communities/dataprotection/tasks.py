"""Background job (django-tasks): the retention job, for the database worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

VERBS = {"anonymise": "anonymised", "delete": "deleted", "pseudonymise": "pseudonymised"}


def report_lines(results, *, dry_run: bool) -> list[str]:
    lines = ["Dry run: nothing has been changed." if dry_run else "Retention applied."]
    for r in results:
        verb = f"would be {VERBS[r.action]}" if dry_run else VERBS[r.action]
        lines.append(f"{r.record_type:20} {r.model_label:32} {r.count:7,} {verb} (retention started by {r.cutoff})")
    return lines


@task()
def apply_retention_task(dry_run: bool = False) -> list[str]:
    from .retention import run

    return report_lines(run(dry_run=dry_run), dry_run=dry_run)
