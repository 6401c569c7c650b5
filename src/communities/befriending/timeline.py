"""Befriending entries on a person's timeline: referral, match, first meeting, measures (for those who manage
befriending in the organisation)."""

from __future__ import annotations

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from communities.people.timeline import TimelineEntry

from .models import BefriendingCase


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def befriending_entries(person, user):
    for case in BefriendingCase.objects.visible_to(user).filter(person=person).prefetch_related("measures"):
        url = reverse("befriending:case", kwargs={"befriending_case_id": case.pk})
        yield TimelineEntry(when=_at(case.referred_on), room="Befriending", title="Referred for befriending",
                            detail=case.get_stage_display(), url=url)
        if case.matched_at:
            yield TimelineEntry(when=case.matched_at, room="Befriending", title="Matched with a befriender",
                                detail="; ".join(case.match_reasons[:3]), url=url)
        if case.first_meeting_on:
            yield TimelineEntry(when=_at(case.first_meeting_on), room="Befriending", title="First befriending meeting",
                                detail=f"{case.days_to_first_meeting} days after the referral", url=url)
        for measure in case.measures.all():
            yield TimelineEntry(when=_at(measure.taken_on), room="Befriending",
                                title=f"Loneliness measured ({measure.get_point_display()})",
                                detail=f"UCLA 3-item score {measure.ucla_score}" if measure.ucla_score else "", url=url)
