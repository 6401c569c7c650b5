"""Ranked befriender suggestions for a case, with the reasons shown to the coordinator.

Who is considered: the organisation's active befrienders with room (fewer open cases than their capacity) whose checks
meet their befriending role's requirements today (volunteering.checks.unmet_requirements: DBS level and barred lists,
training, age). Everyone else is left out, and the coordinator is told how many and why.

How they are ranked (points, highest first; ties by distance then name). The weights are this scheme's choice, not a
published standard; a council may change them here:
- distance from the person's home: up to 40 points, falling evenly to 0 at MAX_MILES;
- shared interests: 10 points each, up to 30;
- a shared language the person asked for: 30 points (English is assumed shared unless the person named others);
- a way of keeping in touch both are happy with: 10 points;
- availability: 5 points for each part of a week both are free, up to 20.
One query per kind of data (befrienders, their checks, their availability, open cases), so 2,000 befrienders rank in
well under 200 ms (benchmarks/befriending_match.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from communities.places.geo import haversine_miles
from communities.volunteering.checks import Requirements, unmet_requirements
from communities.volunteering.models import Availability, VolunteerCheck

from .models import Befriender, BefriendingCase, Communication
from .models.cases import OPEN_STAGES

MAX_MILES = 8.0
WEIGHTS = {"distance": 40, "interest": 10, "interests_max": 30, "language": 30, "communication": 10, "slot": 5,
           "slots_max": 20}
PARTS = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Suggestion:
    befriender: Befriender
    points: float
    miles: float | None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Ranking:
    suggestions: list[Suggestion]
    left_out: dict[str, int]  # reason -> how many befrienders


def rank(case: BefriendingCase, *, limit: int = 10, on_date: date | None = None) -> Ranking:
    on_date = on_date or timezone.localdate()
    befrienders = list(
        Befriender.objects.active().filter(organisation=case.organisation)
        .select_related("volunteer", "role")
        .annotate(open_cases=Count("cases", filter=Q(cases__stage__in=OPEN_STAGES)))
    )
    checks, slots = _checks_and_slots([b.volunteer_id for b in befrienders])
    suggestions, left_out = [], defaultdict(int)
    wanted_slots = {tuple(s) for s in case.preferred_slots}
    for befriender in befrienders:
        if befriender.open_cases >= befriender.capacity:
            left_out["no room: befriending as many people as they can"] += 1
            continue
        if unmet_requirements(befriender.volunteer, Requirements.of(befriender.role), on_date,
                              checks=checks.get(befriender.volunteer_id, [])):
            left_out["checks or training not in date for the befriending role"] += 1
            continue
        suggestions.append(_score(case, befriender, slots.get(befriender.volunteer_id, set()), wanted_slots))
    suggestions.sort(key=lambda s: (-s.points, s.miles if s.miles is not None else 1e9,
                                    s.befriender.volunteer.full_name))
    return Ranking(suggestions[:limit], dict(left_out))


def _checks_and_slots(volunteer_ids: list) -> tuple[dict, dict]:
    checks, slots = defaultdict(list), defaultdict(set)
    for check in VolunteerCheck.objects.filter(volunteer_id__in=volunteer_ids):
        checks[check.volunteer_id].append(check)
    for volunteer_id, weekday, part in Availability.objects.filter(volunteer_id__in=volunteer_ids).values_list(
            "volunteer_id", "weekday", "part_of_day"):
        slots[volunteer_id].add((weekday, part))
    return checks, slots


def _lower(values) -> dict[str, str]:
    return {str(v).strip().lower(): str(v).strip() for v in values or () if str(v).strip()}


def _score(case, befriender, their_slots: set, wanted_slots: set) -> Suggestion:
    volunteer, points, reasons = befriender.volunteer, 0.0, []
    miles = None
    if None not in (case.latitude, volunteer.latitude):
        miles = haversine_miles(case.latitude, case.longitude, volunteer.latitude, volunteer.longitude)
        points += WEIGHTS["distance"] * max(0.0, 1 - miles / MAX_MILES)
        reasons.append(f"Lives {miles:.1f} miles away")
    shared = sorted(set(_lower(case.interests)) & set(_lower(befriender.interests)))
    if shared:
        points += min(WEIGHTS["interests_max"], WEIGHTS["interest"] * len(shared))
        reasons.append("Shares interests: " + ", ".join(_lower(case.interests)[s] for s in shared))
    wanted = _lower(case.languages) or {"english": "English"}
    spoken = set(wanted) & set(_lower(befriender.languages) or {"english": "English"})
    if spoken:
        points += WEIGHTS["language"]
        reasons.append("Speaks " + ", ".join(wanted[s] for s in sorted(spoken)))
    else:
        reasons.append("Does not speak " + ", ".join(wanted.values()))
    ways = [w for w in case.communication if w in befriender.communication]
    if ways:
        points += WEIGHTS["communication"]
        reasons.append("Happy with " + ", ".join(Communication(w).label.lower() for w in ways))
    both = sorted(wanted_slots & their_slots)
    if both:
        points += min(WEIGHTS["slots_max"], WEIGHTS["slot"] * len(both))
        reasons.append("Free " + ", ".join(f"{DAYS[d]} {PARTS.get(p, p)}" for d, p in both[:4]))
    return Suggestion(befriender=befriender, points=round(points, 1), miles=miles, reasons=reasons)
