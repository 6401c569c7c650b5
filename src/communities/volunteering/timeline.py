"""The volunteering room's entries on a person's page: their volunteering with the user's organisation, when the
resident also volunteers (``Volunteer.person``)."""

from __future__ import annotations

from django.db.models import Sum
from django.urls import reverse

from communities.people.timeline import TimelineEntry

from .models import Application, HoursLog


def volunteering_entries(person, user):
    applications = (Application.objects.visible_to(user).filter(volunteer__person=person)
                    .select_related("role__activity__organisation", "volunteer"))
    for application in applications:
        role = application.role
        hours = (HoursLog.objects.filter(volunteer=application.volunteer, role=role, status="approved")
                 .aggregate(total=Sum("hours"))["total"])
        yield TimelineEntry(
            when=application.applied_at, room="Volunteering",
            title=f"Applied to volunteer as {role.title} ({role.activity.organisation})",
            detail=f"{application.get_status_display()}" + (f"; {hours} hours approved" if hours else ""),
            url=reverse("volunteering:volunteer", kwargs={"vol_volunteer_id": application.volunteer_id}),
        )
