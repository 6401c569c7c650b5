"""The befriending impact figures, worked out from the cases (counts and medians only, nobody named).

Targets, as the council's volunteering and befriending plan states them (issue 16, from the sector's own figures:
referral to a match commonly takes 8-10 weeks): median days from referral to first meeting at most 28; the 3- and
6-month loneliness measures completed for at least 70 % of the cases due them. A measure is due once that many
months have passed since the referral and the case did not end before then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median

import rules
from django.utils import timezone

from .models import BefriendingCase, MeasurePoint, Stage

DAYS_TO_MEETING_TARGET = 28
COMPLETION_TARGET = 70.0


@dataclass
class Completion:
    point: str
    due: int
    done: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.done / self.due, 1) if self.due else None

    @property
    def meets_target(self) -> bool:
        return self.percent is not None and self.percent >= COMPLETION_TARGET


@dataclass
class Change:
    point: str
    pairs: int
    mean_start: float | None
    mean_then: float | None
    improved: int

    @property
    def mean_change(self) -> float | None:
        if self.mean_start is None:
            return None
        return round(self.mean_then - self.mean_start, 2)


@dataclass
class Impact:
    by_stage: list[tuple[str, int]]
    met: int
    median_days: float | None
    within_target: int
    completion: list[Completion]
    change: list[Change]
    target_days: int = DAYS_TO_MEETING_TARGET
    completion_target: float = COMPLETION_TARGET

    @property
    def meets_days_target(self) -> bool:
        return self.median_days is not None and self.median_days <= self.target_days


def months_after(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)


def impact(cases=None, today: date | None = None) -> Impact:
    today = today or timezone.localdate()
    cases = list((cases if cases is not None else BefriendingCase.objects.all()).prefetch_related("measures"))
    counts = dict.fromkeys(Stage.values, 0)
    for case in cases:
        counts[case.stage] += 1
    days = [c.days_to_first_meeting for c in cases if c.first_meeting_on]
    return Impact(
        by_stage=[(Stage(s).label, n) for s, n in counts.items()], met=len(days),
        median_days=median(days) if days else None,
        within_target=sum(d <= DAYS_TO_MEETING_TARGET for d in days),
        completion=[_completion(cases, point, today) for point in (MeasurePoint.THREE, MeasurePoint.SIX)],
        change=[_change(cases, point) for point in (MeasurePoint.THREE, MeasurePoint.SIX)],
    )


def _completion(cases, point: str, today: date) -> Completion:
    due = done = 0
    for case in cases:
        when = months_after(case.referred_on, int(point))
        if when > today or (case.ended_on and case.ended_on < when):
            continue
        due += 1
        done += any(m.point == point for m in case.measures.all())
    return Completion(point=MeasurePoint(point).label, due=due, done=done)


def _change(cases, point: str) -> Change:
    pairs = []
    for case in cases:
        scores = {m.point: m.ucla_score for m in case.measures.all() if m.ucla_score is not None}
        if MeasurePoint.START in scores and point in scores:
            pairs.append((scores[MeasurePoint.START], scores[point]))
    if not pairs:
        return Change(point=MeasurePoint(point).label, pairs=0, mean_start=None, mean_then=None, improved=0)
    return Change(point=MeasurePoint(point).label, pairs=len(pairs),
                  mean_start=round(sum(a for a, _ in pairs) / len(pairs), 2),
                  mean_then=round(sum(b for _, b in pairs) / len(pairs), 2),
                  improved=sum(b < a for a, b in pairs))


def impact_for(user) -> tuple[str, Impact]:
    """Those who manage befriending see their organisation's figures; council roles see every organisation's."""
    if rules.has_perm("befriending.manage_cases", user):
        return user.current_organisation.name, impact(BefriendingCase.objects.visible_to(user))
    return "all organisations", impact(BefriendingCase.objects.all())
