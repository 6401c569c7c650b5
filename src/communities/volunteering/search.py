"""The public listing: published roles near a postcode, with sessions from a date, by cause and time commitment,
and (for a signed-in volunteer who asks) only the roles they qualify for now."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from communities.places.geo import haversine_miles

from .checks import unmet_requirements
from .models import Role, Session, Volunteer

MAX_RESULTS = 200  # roles kept per search; the page shows them 20 at a time
MILES_PER_DEGREE_LATITUDE = 69.0
NEXT_SESSIONS = 3  # shown per role


@dataclass
class Found:
    role: Role
    miles: float | None
    next_sessions: list[Session]
    unmet: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Query:
    latitude: float | None = None
    longitude: float | None = None
    within_miles: float | None = None
    on_or_after: date | None = None
    cause: str = ""
    max_hours_per_month: Decimal | None = None
    volunteer: Volunteer | None = None
    qualified_only: bool = False


def find_roles(query: Query) -> list[Found]:
    now = timezone.now()
    start = query.on_or_after
    upcoming = Session.objects.filter(is_cancelled=False, starts_at__gte=now)
    if start is not None:
        upcoming = upcoming.filter(starts_at__date__gte=start)
    roles = (Role.objects.published().select_related("activity__organisation")
             .prefetch_related(Prefetch("sessions", queryset=upcoming.order_by("starts_at")[:NEXT_SESSIONS],
                                        to_attr="upcoming")))
    if query.cause:
        roles = roles.filter(activity__cause=query.cause)
    if query.max_hours_per_month is not None:
        roles = roles.filter(hours_per_month__lte=query.max_hours_per_month)
    if query.within_miles is not None and query.latitude is not None:
        roles = roles.filter(_box(query) | Q(allows_remote=True))  # the exact distance is checked below
    checks = list(query.volunteer.checks.all()) if query.volunteer is not None else None
    today = timezone.localdate()
    found = []
    for role in roles.order_by("title"):
        if start is not None and role.kind != "ongoing" and not role.upcoming:
            continue
        miles = _miles(query, role)
        if query.within_miles is not None and not role.allows_remote and (miles is None or
                                                                          miles > query.within_miles):
            continue
        unmet = (unmet_requirements(query.volunteer, role.requirements, today, checks=checks)
                 if query.volunteer is not None else [])
        if query.qualified_only and unmet:
            continue
        found.append(Found(role=role, miles=miles, next_sessions=role.upcoming, unmet=unmet))
        if len(found) >= MAX_RESULTS:
            break
    found.sort(key=lambda f: (f.miles is None, f.miles or 0, f.role.title))
    return found


def _box(query: Query) -> Q:
    """A latitude/longitude box around the search point that holds every place within the distance."""
    lat_step = query.within_miles / MILES_PER_DEGREE_LATITUDE
    lng_step = query.within_miles / (MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(query.latitude)), 0.01))
    return Q(latitude__range=(query.latitude - lat_step, query.latitude + lat_step),
             longitude__range=(query.longitude - lng_step, query.longitude + lng_step))


def _miles(query: Query, role: Role) -> float | None:
    if query.latitude is None or role.latitude is None:
        return None
    return round(haversine_miles(query.latitude, query.longitude, role.latitude, role.longitude), 1)
