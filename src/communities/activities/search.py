"""Finding activities: by words, day, distance from a postcode, age and cost.

A day means its next date (today included): weekly sessions on that weekday and dated sessions on that date. Without
a day, every weekly session and dated sessions from today on. Filters run in the database; distance is worked out for
the matching activities only (a borough's leisure timetable is hundreds of activities, not tens of thousands).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from communities.places.geo import haversine_miles

from .models import Activity, Session
from .openactive import describe_day

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SESSIONS_SHOWN = 4
MAX_RESULTS = 500


@dataclass
class ActivityFilters:
    words: str = ""
    day: str = ""  # MO … SU
    latitude: float | None = None
    longitude: float | None = None
    within_miles: float | None = None
    age: int | None = None
    free_only: bool = False
    today: date = field(default_factory=timezone.localdate)

    @property
    def on_date(self) -> date | None:
        if not self.day:
            return None
        return self.today + timedelta(days=(DAYS.index(self.day) - self.today.weekday()) % 7)


@dataclass
class ActivityResult:
    activity: Activity
    miles: float | None

    @property
    def distance(self) -> str:
        if self.miles is None:
            return ""
        return "less than 0.1 miles away" if self.miles < 0.1 else f"{self.miles:.1f} miles away"

    @property
    def times(self) -> list[str]:
        return [describe_session(s) for s in self.activity.matching_sessions[:SESSIONS_SHOWN]]

    @property
    def price(self) -> str:
        return price_text(self.activity)

    @property
    def ages(self) -> str:
        return ages_text(self.activity)

    @property
    def more_times(self) -> int:
        return max(0, len(self.activity.matching_sessions) - SESSIONS_SHOWN)


def describe_session(session: Session) -> str:
    hours = f"{session.start_time:%H:%M}" + (f" to {session.end_time:%H:%M}" if session.end_time else "")
    places = ""
    if session.remaining_places is not None:
        places = " (full)" if session.remaining_places == 0 else f" ({session.remaining_places} places left)"
    return f"{describe_day(session.weekday, session.on_date)}, {hours}{places}"


def price_text(activity: Activity) -> str:
    if activity.lowest_price is None:
        return "Ask the organiser"
    if activity.lowest_price == 0:
        return "Free"
    return "; ".join(f"{p['name'] or 'Price'}: £{p['price']}" for p in activity.prices)


def ages_text(activity: Activity) -> str:
    low, high = activity.minimum_age, activity.maximum_age
    if low in (None, 0) and high in (None, 99, 120):
        return "All ages"
    if high in (None, 99, 120):
        return f"{low} and over"
    return f"{low or 0} to {high}"


def session_filter(filters: ActivityFilters, prefix: str = "") -> Q:
    weekly, dated = Q(**{f"{prefix}on_date__isnull": True}), Q(**{f"{prefix}on_date__gte": filters.today})
    if filters.day:
        return Q(**{f"{prefix}weekday": DAYS.index(filters.day)}) & (weekly | Q(**{f"{prefix}on_date":
                                                                                    filters.on_date}))
    return weekly | dated


def find_activities(filters: ActivityFilters) -> list[ActivityResult]:
    activities = Activity.objects.listed().filter(session_filter(filters, "sessions__"))
    for word in filters.words.split()[:10]:
        activities = activities.filter(Q(name__icontains=word) | Q(activity_names__icontains=word)
                                       | Q(description__icontains=word) | Q(venue__icontains=word))
    if filters.age is not None:
        activities = activities.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=filters.age),
                                       Q(maximum_age__isnull=True) | Q(maximum_age__gte=filters.age))
    if filters.free_only:
        activities = activities.filter(lowest_price=0)
    sessions = Session.objects.filter(session_filter(filters)).order_by("on_date", "weekday", "start_time")
    activities = (activities.distinct().select_related("feed")
                  .prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="matching_sessions")))
    results = [ActivityResult(a, _miles(a, filters)) for a in activities[:MAX_RESULTS]]
    if filters.within_miles is not None:
        results = [r for r in results if r.miles is not None and r.miles <= filters.within_miles]
    results.sort(key=lambda r: (r.miles is None, r.miles or 0, r.activity.name.lower()))
    return results


def _miles(activity: Activity, filters: ActivityFilters) -> float | None:
    if filters.latitude is None or activity.latitude is None:
        return None
    return haversine_miles(filters.latitude, filters.longitude, activity.latitude, activity.longitude)


def listed_activity(activity_id: int) -> Activity | None:
    return Activity.objects.listed().select_related("feed").filter(pk=activity_id).first()


def upcoming_sessions(activity: Activity, limit: int = 30) -> list[Session]:
    sessions = Session.objects.filter(activity=activity).exclude(on_date__lt=timezone.localdate())
    return list(sessions.order_by("on_date", "weekday", "start_time")[:limit])
