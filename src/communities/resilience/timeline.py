"""The emergency register on a person's timeline: registered, reviewed, taken off, and the calls in incidents. Only
what the user may see (``RegisterEntry.objects.visible_to``)."""

from __future__ import annotations

from django.urls import reverse

from communities.people.timeline import TimelineEntry

from .models import RegisterEntry

ROOM = "Emergencies"


def register_entries(person, user):
    for entry in RegisterEntry.objects.visible_to(user).filter(person=person).select_related("consent"):
        url = reverse("resilience:entry", args=[entry.pk])
        lapsed = entry.removed_at is None and not entry.consent.is_current()
        yield TimelineEntry(when=entry.registered_at, room=ROOM, title="Joined the emergency register",
                            detail=", ".join(entry.need_labels)[:200], url=url,
                            tags=("Consent lapsed",) if lapsed else ())
        if entry.reviewed_at:
            yield TimelineEntry(when=entry.reviewed_at, room=ROOM, title="Emergency register entry reviewed",
                                detail=f"Next review by {entry.consent.expires_on:%-d %B %Y}", url=url)
        if entry.removed_at:
            yield TimelineEntry(when=entry.removed_at, room=ROOM, title="Taken off the emergency register",
                                detail="", url=url)
