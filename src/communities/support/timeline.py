"""The support room's entries on a person's timeline (``communities.people.timeline``): plans started, reviews with
their ONS4 scores (each item on its own, never added up), carers' emergency plans put into action. Only what the
user may see: every query goes through this room's ``visible_to``."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from communities.organisations.scoping import visible
from communities.people.timeline import TimelineEntry

from . import instruments
from .models import Activation, Review, SupportPlan

ROOM = "Support plan"


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def ons4_line(review: Review) -> str:
    """"Life satisfaction 7 (High), Worthwhile 6 (Medium), …" from the review's ONS4 answers."""
    ons4 = instruments.instrument("ons4")
    values = {a.item: a.value for a in review.answers.all() if a.instrument == "ons4"}
    parts = []
    for item in ons4.items:
        if item.code in values:
            value = values[item.code]
            parts.append(f"{item.label} {value} ({item.band(value)})" if value is not None
                         else f"{item.label} not answered")
    return "ONS4: " + ", ".join(parts) if parts else ""


def support_entries(person, user):
    plans = visible(SupportPlan, user).filter(person=person)
    for plan in plans:
        url = reverse("support:plan", args=[plan.pk])
        yield TimelineEntry(when=_at(plan.started_on), room=ROOM, title="Support plan started",
                            detail=f"Led by {plan.worker}", url=url, tags=("Overdue",) if plan.is_overdue else ())
        if plan.closed_on:
            yield TimelineEntry(when=_at(plan.closed_on), room=ROOM, title="Support plan closed",
                                detail=plan.closed_reason, url=url)
    reviews = visible(Review, user).filter(plan__person=person).prefetch_related("answers").select_related("plan")
    for review in reviews:
        yield TimelineEntry(when=_at(review.reviewed_on), room=ROOM, title="Support plan reviewed",
                            detail=ons4_line(review), url=reverse("support:plan", args=[review.plan_id]))
    activations = visible(Activation, user).filter(
        Q(plan__link__carer=person) | Q(plan__link__cared_for=person)
    ).select_related("plan__link")
    for activation in activations:
        yield TimelineEntry(when=activation.activated_at, room="Carer", title="Carer's emergency plan put into action",
                            detail=activation.reason[:200],
                            url=reverse("support:emergency_plan", args=[activation.plan.link_id]),
                            tags=() if activation.ended_at else ("In action",))
