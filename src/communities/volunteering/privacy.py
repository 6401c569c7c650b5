"""Volunteering in the data-protection registry: a volunteer's own records, found through their resident record
(``Volunteer.person``) for subject access and erasure, kept six years after their last activity (schedule row
``volunteer_record``); then names, contact details and free text are replaced and the hours stay as counts by ward.
"""

from __future__ import annotations

from django.db.models import Max, Q

from communities.dataprotection.registry import not_personal, register

from .models import (
    Application,
    Availability,
    HoursLog,
    Idea,
    IdeaLogEntry,
    SessionSignup,
    Volunteer,
    VolunteerCheck,
)

ANONYMISED = "(anonymised)"


def volunteers_past_retention(cutoff):
    """Volunteers whose last hours, sign-up and application are all on or before ``cutoff``, and who are inactive."""
    recent = Q(last_hours__gt=cutoff) | Q(last_signup__date__gt=cutoff) | Q(last_applied__date__gt=cutoff)
    return (Volunteer.objects.filter(is_active=False, joined_on__lte=cutoff)
            .annotate(last_hours=Max("hours__on_date"), last_signup=Max("signups__signed_up_at"),
                      last_applied=Max("applications__applied_at"))
            .exclude(recent))


def _of_expired(model, path="volunteer"):
    return lambda cutoff: model.objects.filter(**{f"{path}__in": volunteers_past_retention(cutoff).values("pk")})


register(
    "volunteering.Volunteer", record_type="volunteer_record", subject="person", order=800,
    describe="Your volunteering record",
    export_fields=("first_name", "last_name", "email", "phone", "date_of_birth", "home_postcode", "languages",
                   "interests", "is_active", "joined_on"),
    anonymise={"first_name": ANONYMISED, "last_name": "", "email": "", "phone": "", "date_of_birth": None,
               "home_postcode": "", "latitude": None, "longitude": None, "languages": [], "interests": []},
    expired=volunteers_past_retention,
)
register(
    "volunteering.VolunteerCheck", record_type="volunteer_record", subject="volunteer__person", order=790,
    describe="Checks, references and training recorded for your volunteering",
    export_fields=("kind", "detail", "is_clear", "issued_on", "expires_on", "verified_by", "organisation"),
    anonymise={"detail": ""}, expired=_of_expired(VolunteerCheck),
)
register(
    "volunteering.Availability", record_type="volunteer_record", subject="volunteer__person", order=790,
    describe="When you said you are usually free", export_fields=("weekday", "part_of_day"),
    erase="delete", expired=_of_expired(Availability),
)
register(
    "volunteering.Application", record_type="volunteer_record", subject="volunteer__person", order=790,
    describe="Your applications to volunteer",
    export_fields=("role", "status", "message", "applied_at", "decided_at", "decision_note"),
    anonymise={"message": "", "decision_note": ""}, expired=_of_expired(Application),
)
register(
    "volunteering.SessionSignup", record_type="volunteer_record", subject="volunteer__person", order=790,
    describe="Volunteering sessions you signed up to", export_fields=("session", "signed_up_at", "cancelled_at"),
    expired=_of_expired(SessionSignup),
)
register(
    "volunteering.HoursLog", record_type="volunteer_record", subject="volunteer__person", order=790,
    describe="Hours you logged", export_fields=("role", "on_date", "hours", "note", "status", "decided_at"),
    anonymise={"note": ""}, expired=_of_expired(HoursLog),
)


def ideas_past_retention(cutoff):
    return Idea.objects.filter(stage="decided", log__stage="decided", log__at__date__lte=cutoff).distinct()


register(
    "volunteering.Idea", record_type="volunteer_record", subject=None, order=780,
    describe="Ideas you proposed for your neighbourhood", export_fields=("title", "description", "stage", "decision"),
    anonymise={"description": ANONYMISED}, expired=ideas_past_retention,
)
register(
    "volunteering.IdeaLogEntry", record_type="volunteer_record", subject=None, order=770,
    describe="The co-production log of ideas", export_fields=("stage", "note", "by_description", "at"),
    anonymise={"note": ANONYMISED},
    expired=lambda cutoff: IdeaLogEntry.objects.filter(idea__in=ideas_past_retention(cutoff).values("pk")),
)
for label, reason in (
    ("volunteering.Activity", "What an organisation does with volunteers: published, no resident data"),
    ("volunteering.Role", "A published volunteering role and its requirements: no resident data"),
    ("volunteering.Session", "When and where a role happens: published, no resident data"),
    ("volunteering.CommunityGroup", "A community group's name and area: published, no resident data"),
    ("volunteering.CommunityEvent", "A community action event, its kit, risk assessment and counted outcomes"),
):
    not_personal(label, reason)

