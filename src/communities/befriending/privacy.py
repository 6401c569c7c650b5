"""Befriending in the data-protection registry (export, retention, anonymisation).

Cases, loneliness measures and check-ins are kept as support records: for the schedule's period after the
befriending ended (``support_plan``: 6 years), then the free text is replaced and the counts behind the impact page
(dates, stages, scores) remain. A befriender's profile is part of their volunteer record.
"""

from __future__ import annotations

from communities.dataprotection.registry import register

from .models import Befriender, BefriendingCase, CheckIn, LonelinessMeasure

ANONYMISED = "(anonymised)"


def cases_past_retention(cutoff):
    return BefriendingCase.objects.filter(stage="ended", ended_on__lte=cutoff)


register(
    "befriending.BefriendingCase", record_type="support_plan", subject="person", order=720,
    describe="Befriending for you",
    export_fields=("organisation", "referred_on", "stage", "interests", "languages", "communication",
                   "preferred_slots", "agreed_notes", "befriender", "matched_at", "first_meeting_on", "ended_on",
                   "end_reason"),
    anonymise={"agreed_notes": "", "end_reason": "", "interests": [], "languages": [], "communication": [],
               "match_reasons": [], "latitude": None, "longitude": None},
    expired=cases_past_retention,
)
register(
    "befriending.LonelinessMeasure", record_type="support_plan", subject="case__person", order=710,
    describe="Your answers about loneliness",
    export_fields=("point", "taken_on", "direct_answer", "ucla_answers", "ucla_score"),
    anonymise={},
    expired=lambda cutoff: LonelinessMeasure.objects.filter(case__in=cases_past_retention(cutoff).values("pk")),
)
register(
    "befriending.CheckIn", record_type="support_plan", subject="case__person", order=705,
    describe="Check-ins on your befriending",
    export_fields=("due_on", "done_on", "outcome", "note"),
    anonymise={"note": ""},
    expired=lambda cutoff: CheckIn.objects.filter(case__in=cases_past_retention(cutoff).values("pk")),
)
register(
    "befriending.Befriender", record_type="volunteer_record", subject="volunteer__person", order=730,
    describe="Your befriender profile",
    export_fields=("organisation", "interests", "languages", "communication", "capacity", "is_active"),
    anonymise={"interests": [], "languages": [], "communication": []},
    expired=lambda cutoff: Befriender.objects.none(),
)
