"""The referrals room's entries on a person's timeline: each referral the user may see, with its latest status."""

from __future__ import annotations

from django.urls import reverse

from communities.people.timeline import TimelineEntry

from .models import Referral, Status


def referral_entries(person, user):
    referrals = Referral.objects.visible_to(user).filter(person=person).prefetch_related("changes")
    for referral in referrals:
        url = reverse("referrals:detail", kwargs={"referral_id": referral.pk})
        yield TimelineEntry(
            when=referral.created_at, room="Referral", title=f"Referred to {referral.service_name}",
            detail=f"By {referral.referred_by} ({referral.from_organisation})", url=url,
            tags=("Overdue",) if referral.is_overdue else (),
        )
        for change in referral.changes.all():
            if change.to_status == Status.NEW:
                continue
            detail = change.note or ""
            if change.to_status == Status.DECLINED:
                detail = referral.get_decline_reason_display() + (f": {change.note}" if change.note else "")
            elif change.to_status == Status.COMPLETED:
                detail = referral.get_outcome_display() + (f": {change.note}" if change.note else "")
            yield TimelineEntry(
                when=change.at, room="Referral",
                title=f"Referral to {referral.service_name}: {change.get_to_status_display().lower()}",
                detail=detail, url=url,
            )
