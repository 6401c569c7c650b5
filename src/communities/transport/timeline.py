"""The transport room's entries on a person's timeline: each trip of theirs the user may see, with its status."""

from __future__ import annotations

from django.urls import reverse

from communities.people.timeline import TimelineEntry

from .models import Trip


def trip_entries(person, user):
    trips = Trip.objects.visible_to(user).filter(passenger__person=person).order_by("-service_date")[:50]
    for trip in trips:
        yield TimelineEntry(
            when=trip.requested_at, room="Transport",
            title=f"Trip on {trip.service_date:%d %B %Y}: {trip.get_purpose_display().lower()}",
            detail=f"{trip.pickup_postcode} to {trip.dropoff_postcode}, {trip.get_status_display().lower()}",
            url=reverse("transport:trip_detail", kwargs={"trip_id": trip.pk}),
            tags=(trip.get_status_display(),) if trip.status != "requested" else (),
        )
