"""The retention job: rows past their record type's period are anonymised, deleted or (audit) pseudonymised.

A dry run counts what would change and writes nothing. A real run works in batches of 500, each batch in its own
transaction with an ANONYMISE audit event giving the record type and the count (never a value). The job is
idempotent: anonymised rows carry their registration's constant values and are skipped, deleted rows are gone and
pseudonymised audit events are stamped, so a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, pseudonymise_events, record

from . import registry

BATCH = 500
JOB = "Retention job (dataprotection.apply_retention)"


@dataclass(frozen=True)
class Result:
    model_label: str
    record_type: str
    action: str
    cutoff: date
    count: int


def _batches(pks: list, size: int = BATCH):
    for start in range(0, len(pks), size):
        yield pks[start:start + size]


def _apply(reg: registry.Registration, pks: list, action: str) -> int:
    done = 0
    manager = reg.model._default_manager
    for batch in _batches(pks):
        with transaction.atomic():
            rows = manager.filter(pk__in=batch)
            if action == "delete":
                changed = rows.delete()[1].get(reg.model_label, 0)
            else:
                changed = rows.exclude(reg.anonymised()).update(**reg.anonymise)
            if changed:
                record(actor=None, action=Action.ANONYMISE, object_type=reg.model_label, reason=JOB,
                       fields={"record_type": reg.record_type, "action": action, "count": changed})
        done += changed
    return done


def run(*, dry_run: bool, today: date | None = None) -> list[Result]:
    """Apply the schedule to every registration; return what was (or, in a dry run, would be) changed."""
    today = today or timezone.localdate()
    results = []
    for reg in registry.registrations():
        kind = reg.schedule
        cutoff = kind.cutoff(today)
        if cutoff is None or reg.expired is None:
            continue
        if kind.then == "pseudonymise":
            count = pseudonymise_events(reg.expired(cutoff), reason=JOB, dry_run=dry_run)
        elif kind.then == "anonymise" and not reg.anonymise:
            continue  # nothing personal of its own: it goes with the rows it hangs off
        else:
            pks = list(reg.pending(cutoff).order_by("pk").values_list("pk", flat=True))
            count = len(pks) if dry_run else _apply(reg, pks, kind.then)
        results.append(Result(reg.model_label, reg.record_type, kind.then, cutoff, count))
    return results
