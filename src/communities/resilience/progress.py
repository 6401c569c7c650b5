"""Live progress of an incident against the 4-hour target, and the report afterwards (time to first contact, share
contacted within 4 hours, needs found). Counts only: nothing here names a person."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from . import needs as needs_codes
from .models import CallOutcome, Incident
from .models.incidents import TARGET_HOURS


def duration_text(span: timedelta | None) -> str:
    """'3 hours 5 minutes', '12 minutes', 'under a minute'."""
    if span is None:
        return ""
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes else "under a minute")
    return " ".join(parts)


@dataclass(frozen=True)
class Progress:
    total: int
    attempted: int
    reached_fine: int
    needs_help: int
    not_reached: int
    not_yet_tried: int
    unassigned: int
    elapsed: timedelta
    target: timedelta

    @property
    def percent_attempted(self) -> float:
        return 100.0 * self.attempted / self.total if self.total else 100.0

    @property
    def time_left(self) -> timedelta:
        return max(self.target - self.elapsed, timedelta(0))

    @property
    def time_left_text(self) -> str:
        return duration_text(self.time_left)

    @property
    def on_track(self) -> bool:
        """At the rate so far, will every call have been attempted within the target?"""
        if self.attempted >= self.total:
            return True
        if self.elapsed >= self.target or self.attempted == 0:
            return self.elapsed < timedelta(minutes=30)  # the first half hour is for setting up
        rate = self.attempted / self.elapsed.total_seconds()
        return self.attempted + rate * self.time_left.total_seconds() >= self.total


def progress(incident: Incident, now=None) -> Progress:
    now = now or timezone.now()
    end = incident.closed_at or now
    counts = incident.calls.on_current_register().aggregate(
        total=Count("pk"), attempted=Count("pk", filter=Q(attempts__gt=0)),
        fine=Count("pk", filter=Q(outcome=CallOutcome.REACHED_FINE)),
        help=Count("pk", filter=Q(outcome=CallOutcome.NEEDS_HELP)),
        not_reached=Count("pk", filter=Q(outcome=CallOutcome.NOT_REACHED)),
        unassigned=Count("pk", filter=Q(responder__isnull=True, attempts=0)),
    )
    return Progress(total=counts["total"], attempted=counts["attempted"], reached_fine=counts["fine"],
                    needs_help=counts["help"], not_reached=counts["not_reached"],
                    not_yet_tried=counts["total"] - counts["attempted"], unassigned=counts["unassigned"],
                    elapsed=end - incident.declared_at, target=timedelta(hours=TARGET_HOURS))


@dataclass(frozen=True)
class Report:
    calls: int
    time_to_first_contact: timedelta | None
    attempted_within_target: int
    reached: int
    needs_help: int
    follow_ups_done: int
    follow_ups: int
    needs_on_list: list[tuple[str, int]]
    needs_of_those_needing_help: list[tuple[str, int]]

    @property
    def first_contact_text(self) -> str:
        return duration_text(self.time_to_first_contact) if self.time_to_first_contact is not None else "No contact"

    @property
    def percent_within_target(self) -> float:
        return 100.0 * self.attempted_within_target / self.calls if self.calls else 100.0


def _needs_count(rows) -> list[tuple[str, int]]:
    counted = Counter(code for needs in rows for code in needs)
    labels = needs_codes.needs()
    return [(labels[code].label, n) for code, n in counted.most_common() if code in labels]


def report(incident: Incident) -> Report:
    """The after-action report: every call taken when declared counts (also those whose consent lapsed since)."""
    calls = incident.calls.all()
    target_at = incident.target_at
    first = calls.aggregate(first=Min("first_attempt_at"))["first"]
    follow_ups = calls.filter(follow_ups__isnull=False).aggregate(
        n=Count("follow_ups"), done=Count("follow_ups", filter=Q(follow_ups__done_at__isnull=False)))
    return Report(
        calls=calls.count(),
        time_to_first_contact=(first - incident.declared_at) if first else None,
        attempted_within_target=calls.filter(first_attempt_at__lte=target_at).count(),
        reached=calls.filter(outcome__in=[CallOutcome.REACHED_FINE, CallOutcome.NEEDS_HELP]).count(),
        needs_help=calls.filter(outcome=CallOutcome.NEEDS_HELP).count(),
        follow_ups=follow_ups["n"], follow_ups_done=follow_ups["done"],
        needs_on_list=_needs_count(calls.values_list("entry__needs", flat=True)),
        needs_of_those_needing_help=_needs_count(
            calls.filter(outcome=CallOutcome.NEEDS_HELP).values_list("entry__needs", flat=True)),
    )
