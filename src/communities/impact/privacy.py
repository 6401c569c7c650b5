"""Impact assessments in the data-protection registry.

The assessment, its considerations and its action plan are the council's own public-facing analysis: aggregates,
officers' words and teams' names, no residents' data (the evidence snapshot holds counts only, small ones suppressed).
The engagement log may name the people who took part and what they said: it is registered (``impact_engagement``
in the retention schedule) and, once its period has run from the decision date, who took part and what they said
are replaced, leaving the date and the way people were asked.
"""

from __future__ import annotations

from communities.dataprotection.registry import not_personal, register

from .models import EngagementEntry

ANONYMISED = "(anonymised)"


def engagement_past_retention(cutoff):
    return EngagementEntry.objects.filter(assessment__decision_on__lte=cutoff)


register(
    "impact.EngagementEntry", record_type="impact_engagement", subject=None, order=100,
    describe="What people told us for an impact assessment",
    export_fields=("held_on", "who", "method", "said", "characteristic", "recorded_at"),
    anonymise={"who": ANONYMISED, "said": ANONYMISED},
    expired=engagement_past_retention,
)
not_personal("impact.Assessment", "A proposal's assessment: officers' analysis and aggregate figures, no residents")
not_personal("impact.Consideration", "One group's analysis within an assessment: officers' words, published")
not_personal("impact.Action", "An action plan line owned by a role or team, published with the assessment")
