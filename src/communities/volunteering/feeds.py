"""Open data: opportunities in the Volunteering Data standard's JSON-LD shape (Organisation → activity → role →
session) and sessions as an OpenActive-style RPDE feed. Fields followed: docs/volunteering-open-data.md."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from .models import Activity, Cause, Role, Session

CONTEXT = "https://api.volunteeringdata.io/context/v1"
NS = "https://ns.volunteeringdata.io/"
LICENCE = "OGL-UK-3.0"
# Our causes as the standard's cause taxonomy terms (names as in its published taxonomy, written as its example
# writes "AntiPoverty"). Checked against standard.volunteeringdata.io/ontology/cause, 2026-12-07.
CAUSE_TERMS = {
    Cause.ENVIRONMENT: "Environment", Cause.LONELINESS: "MentalHealth", Cause.HEALTH: "Health",
    Cause.CHILDREN: "YouthAndChildren", Cause.OLDER_PEOPLE: "OlderPeople", Cause.FOOD: "AntiPoverty",
    Cause.SPORT: "SportAndOutdoorActivities", Cause.TRANSPORT: "LocalCommunity", Cause.ARTS: "ArtsAndCulture",
    Cause.COMMUNITY: "LocalCommunity",
}
PART_TERMS = {"morning": "Morning", "afternoon": "Afternoon", "evening": "Evening"}
DAY_TERMS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RPDE_PAGE = 100
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _time_terms(sessions) -> list[str]:
    from .availability import slot_of

    slots = sorted({slot_of(s.starts_at) for s in sessions})
    return [f"{NS}{DAY_TERMS[day]}{PART_TERMS[part]}" for day, part in slots]


def _role(request, role: Role) -> dict:
    requirements = []
    if role.requirements.needs_dbs:
        requirements.append(f"{NS}DBSCheck")
    return {
        "id": _absolute(request, reverse("volunteering:role", kwargs={"vol_role_id": role.pk})),
        "title": role.title, "description": role.description, "commitment": role.commitment,
        "applyLink": _absolute(request, reverse("volunteering:role", kwargs={"vol_role_id": role.pk})),
        "allowsRemoteParticipation": role.allows_remote, "minimumAge": str(role.minimum_age),
        "requirement": requirements,
    }


def _session(role: Role, sessions) -> dict:
    return {
        "location": {"name": role.address or role.activity.organisation.name, "address": role.address or role.postcode,
                     "latitude": str(role.latitude) if role.latitude is not None else None,
                     "longitude": str(role.longitude) if role.longitude is not None else None},
        "time": _time_terms(sessions),
    }


def volunteering_data(request) -> dict:
    """Every organisation with published roles, as one JSON-LD document (the standard's 'multiple organisations')."""
    now = timezone.now()
    roles = (Role.objects.published().select_related("activity__organisation")
             .prefetch_related("sessions").order_by("activity__organisation__name", "activity__name", "title"))
    organisations: dict = {}
    activities: dict = {}
    for role in roles:
        organisation = role.activity.organisation
        org = organisations.setdefault(organisation.pk, {
            "type": "Organisation", "id": f"urn:uuid:{organisation.pk}", "name": organisation.name,
            "description": organisation.description, "website": organisation.website or None,
            "charityNumber": organisation.charity_number or None, "cause": [], "activity": []})
        activity = activities.get(role.activity_id)
        if activity is None:
            activity = activities[role.activity_id] = _activity(role.activity)
            org["activity"].append(activity)
            cause = f"{NS}{CAUSE_TERMS[role.activity.cause]}"
            if cause not in org["cause"]:
                org["cause"].append(cause)
        activity["role"].append(_role(request, role))
        upcoming = [s for s in role.sessions.all() if not s.is_cancelled and s.starts_at >= now]
        if upcoming or role.kind == "ongoing":
            activity["session"].append(_session(role, upcoming))
    return {"@context": CONTEXT, "conformsTo": NS, "license": LICENCE,
            "publisher": _absolute(request, "/"), "modified": timezone.localdate().isoformat(),
            "graph": list(organisations.values())}


def _activity(activity: Activity) -> dict:
    return {"id": f"urn:uuid:{activity.pk}", "title": activity.name, "description": activity.description,
            "role": [], "session": []}


def to_modified(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_modified(value: int) -> datetime:
    return EPOCH + timedelta(microseconds=value)


def rpde_page(request, after_timestamp: int | None, after_id: str | None) -> dict:
    """One page of the sessions feed: ordered by (modified, id); a session of a role no longer published is a
    'deleted' item; the ``next`` URL always names the last item so a follower resumes exactly there."""
    sessions = (Session.objects.select_related("role__activity__organisation").order_by("updated_at", "id")
                .annotate(taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True))))
    if after_timestamp is not None:
        moment = from_modified(after_timestamp)
        after = Q(updated_at__gt=moment)
        if after_id:
            after |= Q(updated_at=moment, id__gt=after_id)
        sessions = sessions.filter(after)
    items = [_rpde_item(request, session) for session in sessions[:RPDE_PAGE]]
    if items:
        after_timestamp, after_id = items[-1]["modified"], items[-1]["id"]
    query = f"?afterTimestamp={after_timestamp}&afterId={after_id}" if after_timestamp is not None else ""
    return {"next": _absolute(request, reverse("volunteering:feed_sessions") + query), "items": items,
            "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


def _rpde_item(request, session: Session) -> dict:
    item = {"id": str(session.pk), "modified": to_modified(session.updated_at), "kind": "ScheduledSession"}
    role = session.role
    if not role.is_published:
        return {**item, "state": "deleted"}
    taken = session.taken
    data = {
        "@context": "https://openactive.io/", "@type": "ScheduledSession", "@id": f"urn:uuid:{session.pk}",
        "startDate": session.starts_at.isoformat(), "endDate": session.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled" if session.is_cancelled
        else "https://schema.org/EventScheduled",
        "maximumAttendeeCapacity": session.places,
        "remainingAttendeeCapacity": max(session.places - taken, 0) if session.places is not None else None,
        "superEvent": {
            "@type": "SessionSeries", "@id": _absolute(request, reverse("volunteering:role",
                                                                        kwargs={"vol_role_id": role.pk})),
            "name": role.title, "description": role.description,
            "organizer": {"@type": "Organization", "name": role.activity.organisation.name},
            "location": {"@type": "Place", "name": role.address or role.postcode,
                         "address": {"@type": "PostalAddress", "postalCode": role.postcode},
                         "geo": {"@type": "GeoCoordinates", "latitude": role.latitude,
                                 "longitude": role.longitude}},
            "ageRange": {"@type": "QuantitativeValue", "minValue": role.minimum_age},
            "accessibilityInformation": role.accessibility or None,
            "url": _absolute(request, reverse("volunteering:role", kwargs={"vol_role_id": role.pk})),
        },
    }
    return {**item, "state": "updated", "data": data}
