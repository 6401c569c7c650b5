"""Finding services: the filters shared by the Find help pages and the ORUK API, relevance and distance ordering.

Everything is worked out in the database with indexes, so a question nobody has asked before costs a few
milliseconds (ADR 0005, "Misses"):
- words: full-text search (services/text_search.py: PostgreSQL tsvector + GIN, SQLite FTS5), with synonyms;
- a day: the next date that falls on that day, so "first Saturday of the month" sessions match only when that date
  is a first Saturday (RFC 5545 BYDAY with an ordinal, as HSDS 3.0 schedules use it);
- a postcode: services with a service area are kept only where an area covers the postcode (ORUK 3.0);
- order: relevance (words found in the title first), then distance, then name; distance by an equirectangular
  approximation in SQL (well under 1 % wrong over a borough), only for the candidates, and only the page shown is
  fetched in full. A radius first narrows the locations to a bounding box on the indexed latitude and longitude.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, F, FloatField, IntegerField, Min, Q, Value, When, Window
from django.utils import timezone

from communities.places.geo import haversine_miles

from ..models import Attribute, Schedule, Service, ServiceAtLocation, TaxonomyTerm
from . import public_cache, search_index, service_areas, text_search
from .opening_times import DAYS

MILES_PER_DEGREE_LAT = 69.055
RINGS_MILES = (1, 2, 4, 8, 16)
# Below this many candidates one query orders them all faster than several rings (each repeats the filters):
# measured with benchmarks/directory_profile.py, 10,000 listings, a category near a postcode on a day (Dec 2026).
RINGS_FROM = 1000


@dataclass
class Filters:
    search: str = ""
    taxonomy_term_ids: list[uuid.UUID] = field(default_factory=list)
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None
    age: int | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    day: str = ""  # MO … SU: the next date on that day (today included) unless on_date is given
    on_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    free_only: bool = False
    latitude: float | None = None
    longitude: float | None = None
    within_miles: float | None = None
    place: object | None = None  # places.services.Location of the postcode asked about (service areas)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def date(self) -> date | None:
        """The date asked about: ``on_date``, or the next date (today included) that falls on ``day``."""
        if self.on_date is not None:
            return self.on_date
        if not self.day:
            return None
        today = timezone.localdate()
        return today + timedelta(days=(DAYS.index(self.day) - today.weekday()) % 7)


def next_date(day: str, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today + timedelta(days=(DAYS.index(day) - today.weekday()) % 7)


def byday_tokens(on: date) -> list[str]:
    """The RFC 5545 BYDAY values that include this date: 'SA', '1SA'/'+1SA' (the first Saturday of its month) and
    '-1SA' when it is also the last."""
    code = DAYS[on.weekday()]
    nth = (on.day - 1) // 7 + 1
    tokens = [code, f"{nth}{code}", f"+{nth}{code}"]
    if (on + timedelta(days=7)).month != on.month:
        tokens.append(f"-1{code}")
    return tokens


def _schedule_filter(f: Filters):
    schedules = Schedule.objects.filter(service__isnull=False)
    on = f.date
    if on is not None:
        schedules = schedules.filter(
            Q(*[Q(day_list__contains=f",{token},") for token in byday_tokens(on)], _connector=Q.OR),
            Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on),
            Q(until__isnull=True) | Q(until__gte=on), Q(dtstart__isnull=True) | Q(dtstart__lte=on),
        )
    if f.start_time:
        schedules = schedules.filter(Q(closes_at__gt=f.start_time) | Q(closes_at__isnull=True))
    if f.end_time:
        schedules = schedules.filter(Q(opens_at__lt=f.end_time) | Q(opens_at__isnull=True))
    return schedules.values("service_id")


def sub_categories() -> dict:
    """Each taxonomy term's children's ids, worked out once per process and directory revision."""
    def build():
        children: dict = {}
        for term_id, parent_id in TaxonomyTerm.objects.filter(parent__isnull=False).values_list("id", "parent_id"):
            children.setdefault(parent_id, []).append(term_id)
        return children

    return public_cache.per_revision("sub-categories", build)


def filter_services(queryset, f: Filters, query: text_search.Query | None = None):
    query = query if query is not None else text_search.parse(f.search)
    if query:
        public_cache.per_revision("search-text-complete", search_index.ensure_complete)
        queryset = queryset.filter(text_search.matches(query))
    for term_id in f.taxonomy_term_ids:
        # A category includes its sub-categories: resolved from the terms kept per revision (no query), so that the
        # filter is an indexed IN list.
        terms = [term_id, *sub_categories().get(term_id, ())]
        queryset = queryset.filter(
            id__in=Attribute.objects.filter(taxonomy_term_id__in=terms, service__isnull=False).values("service_id")
        )
    if f.taxonomy_id:
        queryset = queryset.filter(
            id__in=Attribute.objects.filter(taxonomy_term__taxonomy_id=f.taxonomy_id, service__isnull=False)
            .values("service_id")
        )
    if f.organization_id:
        queryset = queryset.filter(organization_id=f.organization_id)
    if f.modified_after:
        queryset = queryset.filter(last_modified__gte=f.modified_after)
    if f.age is not None:
        queryset = queryset.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=f.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=f.age),
        )
    if f.minimum_age is not None:  # the service accepts people at least this young
        queryset = queryset.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=f.minimum_age))
    if f.maximum_age is not None:
        queryset = queryset.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=f.maximum_age))
    if f.day or f.on_date or f.start_time or f.end_time:
        queryset = queryset.filter(id__in=_schedule_filter(f))
    if f.free_only:
        queryset = queryset.filter(is_free=True)
    if f.place is not None:
        outside = service_areas.services_not_covering(f.place)
        if outside:
            queryset = queryset.exclude(id__in=outside)
    return queryset


def bounding_box(f: Filters, prefix: str) -> dict:
    """A latitude/longitude box around the point that contains the radius (uses the location index)."""
    dlat = f.within_miles / MILES_PER_DEGREE_LAT
    dlon = dlat / max(math.cos(math.radians(f.latitude)), 0.01)
    return {
        f"{prefix}latitude__gte": f.latitude - dlat, f"{prefix}latitude__lte": f.latitude + dlat,
        f"{prefix}longitude__gte": f.longitude - dlon, f"{prefix}longitude__lte": f.longitude + dlon,
    }


def _squared_degrees(f: Filters, prefix: str):
    """Equirectangular distance², in degrees of latitude², from the point (NULL for a location without coordinates)."""
    k = math.cos(math.radians(f.latitude)) ** 2
    dlat = F(f"{prefix}latitude") - Value(f.latitude)
    dlon = F(f"{prefix}longitude") - Value(f.longitude)
    return dlat * dlat + dlon * dlon * Value(k)


def _relevance(query: text_search.Query, field: str = "id"):
    return Case(When(text_search.title_matches(query, field), then=Value(1)), default=Value(0),
                output_field=IntegerField())


def search_services(f: Filters, queryset=None):
    base = queryset if queryset is not None else Service.objects.listed()
    query = text_search.parse(f.search)
    filtered = filter_services(base, f, query)
    order = []
    if query:
        filtered = filtered.alias(relevance=_relevance(query))
        order.append(F("relevance").desc())
    if f.has_point:
        within = None
        if f.within_miles is not None:
            box = ServiceAtLocation.objects.filter(**bounding_box(f, "location__")).values("service_id")
            filtered = filtered.filter(id__in=box)
            within = (f.within_miles / MILES_PER_DEGREE_LAT) ** 2
        return Ranked(filtered, order, f, fetch=base, within=within)
    if not order:
        return filtered.order_by("name", "id")
    return Ranked(filtered, order, f, fetch=base)


class Ranked:
    """Records in order (relevance, then nearest, then name) as a sliceable sequence for paginators and API pages.

    The order is worked out in the database for the page asked for (ids only); then only that page is fetched in
    full, by id from ``fetch`` (the records before the filters, which the ids have already passed: fetching by id
    alone is cheaper than repeating the filters). A service is as near as its nearest location; records with no
    coordinates come last. ``within``: the radius in degrees of latitude², for services with a location inside it.
    """

    ordered = True  # for Paginator

    def __init__(self, queryset, order: list, f: Filters, *, fetch, location: str = "service_at_locations__location__",
                 aggregate: bool = True, within: float | None = None):
        self.queryset = queryset
        self.fetch = fetch
        self.f = f
        self._count = None
        self._expected = None  # (start, stop) of the page to be asked for, see expect()
        self._kept = None  # (start, ids) worked out with the count
        # Rings only where distance alone orders (no relevance tiers, no radius) and per service (nearest location).
        self._rings = f.has_point and not order and within is None and aggregate
        ordered = queryset
        order = list(order)
        if f.has_point:
            distance = _squared_degrees(f, location)
            ordered = ordered.alias(d2=Min(distance, output_field=FloatField()) if aggregate else distance)
            if within is not None:
                ordered = ordered.filter(d2__lte=within)
                self.queryset = ordered
            order.append(F("d2").asc(nulls_last=True))
        self._ordered = ordered.order_by(*order, *self._names(), "id")

    def _names(self):
        return ["name"] if self.queryset.model is Service else ["service__name"]

    def expect(self, start: int, stop: int) -> Ranked:
        """The page that will be asked for next: where distance alone does not decide between rings, its ids and
        the number of records come from one query (``COUNT(*) OVER ()``) instead of a count that repeats every
        filter and then the order."""
        self._expected = (start, stop)
        return self

    def count(self) -> int:
        if self._count is None and self._expected is not None and not self._rings:
            start, stop = self._expected
            rows = list(self._ordered.annotate(total=Window(Count("*"))).values_list("id", "total")[start:stop])
            if rows:
                self._count, self._kept = rows[0][1], (start, [row[0] for row in rows])
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def prefetch_related(self, *lookups):
        self.fetch = self.fetch.prefetch_related(*lookups)
        return self

    def only(self, *fields):
        self.fetch = self.fetch.only(*fields)
        return self

    def select_related(self, *fields):
        self.fetch = self.fetch.select_related(*fields)
        return self

    def _ids(self, window: slice) -> list:
        """The ids in ``window`` of the order. Nearest first with no radius and no words, from RINGS_FROM candidates:
        the listings within 1, 2, 4 … miles (a bounding box on the indexed coordinates, then the distance) until
        they fill the window, so that a page costs about the same however many listings match; everything outside
        a ring is farther than everything inside it. Otherwise (or when no ring fills it) every candidate is
        ordered."""
        stop = window.stop
        if self._kept is not None and window.step is None and stop is not None:
            start, ids = self._kept
            if (window.start or 0) == start and (stop - start <= len(ids) or start + len(ids) == self._count):
                return ids[: stop - start]
        if (self._rings and stop is not None and window.step is None and 0 < stop <= self.count()
                and self.count() >= RINGS_FROM):
            for miles in RINGS_MILES:
                box = ServiceAtLocation.objects.filter(
                    **bounding_box(replace(self.f, within_miles=miles), "location__")).values("service_id")
                ids = list(self._ordered.filter(id__in=box, d2__lte=(miles / MILES_PER_DEGREE_LAT) ** 2)
                           .values_list("id", flat=True)[:stop])
                if len(ids) >= stop:
                    return ids[window]
        return list(self._ordered.values_list("id", flat=True)[window])

    def __getitem__(self, item):
        window = item if isinstance(item, slice) else slice(item, item + 1)
        ids = self._ids(window)
        by_id = {obj.pk: obj for obj in self.fetch.filter(id__in=ids)}
        found = [by_id[i] for i in ids if i in by_id]
        if isinstance(item, slice):
            return found
        if not found:
            raise IndexError(item)
        return found[0]

    def iterator(self, chunk_size: int = 500):
        ids = list(self._ordered.values_list("id", flat=True))
        for start in range(0, len(ids), chunk_size):
            chunk = ids[start : start + chunk_size]
            by_id = {obj.pk: obj for obj in self.fetch.filter(id__in=chunk)}
            yield from (by_id[i] for i in chunk if i in by_id)


def search_service_at_locations(f: Filters):
    query = text_search.parse(f.search)
    services = filter_services(Service.objects.listed(), f, query)
    queryset = ServiceAtLocation.objects.filter(service__in=services.values("id"))
    order = []
    if query:
        queryset = queryset.alias(relevance=_relevance(query, "service_id"))
        order.append(F("relevance").desc())
    if f.has_point:
        within = None
        if f.within_miles is not None:
            queryset = queryset.filter(**bounding_box(f, "location__"))
            within = (f.within_miles / MILES_PER_DEGREE_LAT) ** 2
        return Ranked(queryset, order, f, fetch=ServiceAtLocation.objects.all(), location="location__",
                      aggregate=False, within=within)
    if not order:
        return queryset.order_by("service__name", "id")
    return Ranked(queryset, order, f, fetch=ServiceAtLocation.objects.all())


def nearest_miles(service: Service, f: Filters) -> float | None:
    """Exact distance in miles to the nearest of the service's locations (locations must be prefetched)."""
    if not f.has_point:
        return None
    best = None
    for sal in service.service_at_locations.all():
        loc = sal.location
        if loc.latitude is None or loc.longitude is None:
            continue
        miles = haversine_miles(f.latitude, f.longitude, loc.latitude, loc.longitude)
        best = miles if best is None else min(best, miles)
    return best
