"""Ranked befriender suggestions for a case, with the reasons shown to the coordinator.

Who is considered: the organisation's active befrienders with room (fewer open cases than their capacity) whose checks
meet their befriending role's requirements today (volunteering.checks.unmet_requirements: DBS level and barred lists,
training, age). Those passed over are counted for the coordinator, with why.

How they are ranked (points, highest first; ties by distance then name). The weights are this scheme's choice, not a
published standard; a council may change them here:
- distance from the person's home: up to 40 points, falling evenly to 0 at MAX_MILES;
- shared interests: 10 points each, up to 30;
- a shared language the person asked for: 30 points (English is assumed shared unless the person named others);
- a way of keeping in touch both are happy with: 10 points;
- availability: 5 points for each part of a week both are free, up to 20.
Scoring reads plain rows (befrienders, open cases, and only the availability rows in the person's free times);
checks are read only for the befrienders about to be shown, best first (benchmarks/befriending_match.py: 2,000
befrienders, target 200 ms).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import orjson
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from communities.places.geo import haversine_miles
from communities.volunteering.checks import Requirements, unmet_requirements
from communities.volunteering.models import Availability

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


@dataclass
class _Candidate:
    """What scoring reads, straight from one query (model instances for 2,000 befrienders cost more than the rest)."""

    pk: int
    name: str
    latitude: float | None
    longitude: float | None
    interests: set[str]  # lower case
    languages: set[str]  # lower case; English when none given
    communication: set[str]


CHECKED_PER_BATCH = 25
LISTS = ("interests", "languages", "communication")


def rank(case: BefriendingCase, *, limit: int = 10, on_date: date | None = None) -> Ranking:
    """The best ``limit`` befrienders for ``case``. Everyone with room is scored; then, best first, each one's
    checks are read and tested against their role's requirements until ``limit`` pass, so the requirements are
    always decided by volunteering.checks (the one place that answers) and only for the befrienders shown or
    passed over; "left out" counts those passed over."""
    on_date = on_date or timezone.localdate()
    wants = _Wants.of(case)
    candidates, left_out = _with_room(case)
    slots = _shared_slots(case, wants.slots)
    scored = sorted(((_points(wants, c, slots.get(c.pk, ())), c) for c in candidates),
                    key=lambda pair: (-pair[0][0], pair[0][1] if pair[0][1] is not None else 1e9, pair[1].name))
    suggestions: list[Suggestion] = []
    for start in range(0, len(scored), CHECKED_PER_BATCH):
        batch = scored[start:start + CHECKED_PER_BATCH]
        found = {b.pk: b for b in Befriender.objects.filter(pk__in=[c.pk for _, c in batch])
                 .select_related("volunteer", "role").prefetch_related("volunteer__checks")}
        for (points, miles), candidate in batch:
            befriender = found[candidate.pk]
            if unmet_requirements(befriender.volunteer, Requirements.of(befriender.role), on_date):
                left_out["checks or training not in date for the befriending role"] += 1
                continue
            suggestions.append(Suggestion(befriender, points, miles,
                                          _reasons(wants, candidate, miles, slots.get(candidate.pk, ()))))
            if len(suggestions) == limit:
                return Ranking(suggestions, dict(left_out))
    return Ranking(suggestions, dict(left_out))


@dataclass
class _Wants:
    """The person's side, worked out once per ranking."""

    latitude: float | None
    longitude: float | None
    interests: dict[str, str]
    languages: dict[str, str]
    communication: list[str]
    slots: set[tuple[int, str]]

    @classmethod
    def of(cls, case) -> _Wants:
        return cls(case.latitude, case.longitude, _lower(case.interests),
                   _lower(case.languages) or {"english": "English"}, list(case.communication),
                   {(int(d), str(p)) for d, p in case.preferred_slots})


def _with_room(case) -> tuple[list[_Candidate], defaultdict]:
    busy = dict(BefriendingCase.objects.filter(organisation=case.organisation, stage__in=OPEN_STAGES)
                .exclude(befriender=None).values("befriender").annotate(n=Count("pk")).values_list("befriender", "n"))
    # The JSON lists as text, parsed with orjson: Django's own JSON decoding was a third of the time for 2,000 rows.
    rows = (Befriender.objects.active().filter(organisation=case.organisation)
            .annotate(**{f"{name}_text": Cast(name, TextField()) for name in LISTS})
            .values_list("pk", "volunteer__first_name", "volunteer__last_name", "volunteer__latitude",
                         "volunteer__longitude", "interests_text", "languages_text", "communication_text", "capacity"))
    candidates, left_out = [], defaultdict(int)
    for pk, first, last, lat, lng, *lists, capacity in rows:
        if busy.get(pk, 0) >= capacity:
            left_out["no room: befriending as many people as they can"] += 1
            continue
        interests, languages, communication = (orjson.loads(text) if text else [] for text in lists)
        candidates.append(_Candidate(pk, f"{first} {last}".strip(), lat, lng,
                                     {str(i).strip().lower() for i in interests or ()},
                                     {str(i).strip().lower() for i in languages or ()} or {"english"},
                                     set(communication or ())))
    return candidates, left_out


def _shared_slots(case, wanted: set) -> dict[int, list]:
    """Befriender pk -> the parts of the week both are free (only the person's slots are read)."""
    if not wanted:
        return {}
    either = Q()
    for weekday, part in wanted:
        either |= Q(weekday=weekday, part_of_day=part)
    shared = defaultdict(list)
    for befriender, weekday, part in (Availability.objects.filter(either, volunteer__befriender__organisation=case
                                                                  .organisation)
                                      .values_list("volunteer__befriender", "weekday", "part_of_day")):
        shared[befriender].append((weekday, part))
    return shared


def _lower(values) -> dict[str, str]:
    return {str(v).strip().lower(): str(v).strip() for v in values or () if str(v).strip()}


def _points(wants: _Wants, candidate: _Candidate, both) -> tuple[float, float | None]:
    points, miles = 0.0, None
    if wants.latitude is not None and candidate.latitude is not None:
        miles = haversine_miles(wants.latitude, wants.longitude, candidate.latitude, candidate.longitude)
        points += WEIGHTS["distance"] * max(0.0, 1 - miles / MAX_MILES)
    shared = len(candidate.interests.intersection(wants.interests))
    points += min(WEIGHTS["interests_max"], WEIGHTS["interest"] * shared)
    if not candidate.languages.isdisjoint(wants.languages):
        points += WEIGHTS["language"]
    if any(w in candidate.communication for w in wants.communication):
        points += WEIGHTS["communication"]
    points += min(WEIGHTS["slots_max"], WEIGHTS["slot"] * len(both))
    return round(points, 1), miles


def _reasons(wants: _Wants, candidate: _Candidate, miles: float | None, both) -> list[str]:
    reasons = [f"Lives {miles:.1f} miles away"] if miles is not None else []
    shared = sorted(candidate.interests.intersection(wants.interests))
    if shared:
        reasons.append("Shares interests: " + ", ".join(wants.interests[s] for s in shared))
    spoken = sorted(candidate.languages.intersection(wants.languages))
    reasons.append("Speaks " + ", ".join(wants.languages[s] for s in spoken) if spoken
                   else "Does not speak " + ", ".join(wants.languages.values()))
    ways = [w for w in wants.communication if w in candidate.communication]
    if ways:
        reasons.append("Happy with " + ", ".join(Communication(w).label.lower() for w in ways))
    if both:
        reasons.append("Free " + ", ".join(f"{DAYS[d]} {PARTS.get(p, p)}" for d, p in sorted(both)[:4]))
    return reasons
