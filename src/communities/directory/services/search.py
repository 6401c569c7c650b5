"""Finding services: the filters shared by the Find help pages and the ORUK API, and distance ordering.

Distance is ordered in the database with an equirectangular approximation (exact to well under 1% over a borough)
and the miles shown are then computed with the haversine formula for the page being shown.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Q

from communities.places.geo import haversine_miles

from ..models import Attribute, Schedule, Service, ServiceAtLocation, TaxonomyTerm

MILES_PER_DEGREE_LAT = 69.055


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
    day: str = ""  # MO … SU
    start_time: time | None = None
    end_time: time | None = None
    free_only: bool = False
    latitude: float | None = None
    longitude: float | None = None
    within_miles: float | None = None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w][:8]


def _schedule_filter(f: Filters):
    schedules = Schedule.objects.filter(service__isnull=False)
    if f.day:
        schedules = schedules.filter(byday__contains=f.day)
    if f.start_time:
        schedules = schedules.filter(Q(closes_at__gt=f.start_time) | Q(closes_at__isnull=True))
    if f.end_time:
        schedules = schedules.filter(Q(opens_at__lt=f.end_time) | Q(opens_at__isnull=True))
    return schedules.values("service_id")


def filter_services(queryset, f: Filters):
    for word in _words(f.search):
        # Matching terms first (a small table), so the service query has a plain IN list, not a nested LIKE.
        terms = list(TaxonomyTerm.objects.filter(name__icontains=word).values_list("id", flat=True)[:200])
        match = Q(name__icontains=word) | Q(description__icontains=word) | Q(organization__name__icontains=word)
        if terms:
            match |= Q(id__in=Attribute.objects.filter(service__isnull=False, taxonomy_term_id__in=terms)
                       .values("service_id"))
        queryset = queryset.filter(match)
    for term_id in f.taxonomy_term_ids:
        # A category includes its sub-categories: resolve them first so the filter is an indexed IN list.
        terms = [term_id, *TaxonomyTerm.objects.filter(parent_id=term_id).values_list("id", flat=True)]
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
    if f.day or f.start_time or f.end_time:
        queryset = queryset.filter(id__in=_schedule_filter(f))
    if f.free_only:
        queryset = queryset.filter(is_free=True)
    return queryset


def bounding_box(f: Filters, prefix: str) -> dict:
    """A latitude/longitude box around the point that contains the radius (uses the location index)."""
    dlat = f.within_miles / MILES_PER_DEGREE_LAT
    dlon = dlat / max(math.cos(math.radians(f.latitude)), 0.01)
    return {
        f"{prefix}latitude__gte": f.latitude - dlat, f"{prefix}latitude__lte": f.latitude + dlat,
        f"{prefix}longitude__gte": f.longitude - dlon, f"{prefix}longitude__lte": f.longitude + dlon,
    }


def search_services(f: Filters, queryset=None):
    base = queryset if queryset is not None else Service.objects.listed()
    queryset = filter_services(base, f)
    if f.has_point:
        return DistanceOrdered(queryset, f, fetch=base)
    return queryset.order_by("name", "id")


class DistanceOrdered:
    """Records nearest first, as a sliceable sequence for paginators and the API's pages.

    Distances are worked out in Python from one narrow query (record id, name, latitude, longitude): on SQLite and
    PostgreSQL alike this is faster and more predictable than ordering by a computed expression, and a borough's
    listings (tens of thousands) fit easily. Only the page being
    shown is then fetched in full, by id from ``fetch`` (the records before the filters, which the ids have already
    passed: fetching by id alone is cheaper than repeating the filters). Services use their nearest location;
    records with no coordinates come last.
    """

    def __init__(self, queryset, f: Filters, *, fetch, points=None):
        self.queryset = queryset
        self.fetch = fetch
        self.f = f
        self._points = points
        self._ids = None

    def _rows(self):
        """(id, name, latitude, longitude) for every candidate, in one query (LEFT JOIN: unlocated rows too)."""
        if self._points is not None:
            return self._points
        return self.queryset.order_by().values_list(
            "id", "name", "service_at_locations__location__latitude", "service_at_locations__location__longitude")

    def _order(self) -> list:
        if self._ids is None:
            names: dict = {}
            best: dict = {}
            for key, name, lat, lon in self._rows():
                names[key] = name
                if lat is None or lon is None:
                    continue
                miles = haversine_miles(self.f.latitude, self.f.longitude, lat, lon)
                if key not in best or miles < best[key]:
                    best[key] = miles
            located = sorted(best.items(), key=lambda item: (item[1], str(item[0])))
            if self.f.within_miles is not None:
                self._ids = [key for key, miles in located if miles <= self.f.within_miles]
            else:
                rest = sorted((k for k in names if k not in best), key=lambda k: (names[k] or "", str(k)))
                self._ids = [key for key, _ in located] + rest
        return self._ids

    def count(self) -> int:
        return len(self._order())

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

    def __getitem__(self, item):
        ids = self._order()[item] if isinstance(item, slice) else [self._order()[item]]
        by_id = {obj.pk: obj for obj in self.fetch.filter(id__in=ids)}
        found = [by_id[i] for i in ids if i in by_id]
        return found if isinstance(item, slice) else found[0]

    def iterator(self, chunk_size: int = 500):
        ids = self._order()
        for start in range(0, len(ids), chunk_size):
            yield from self[start : start + chunk_size]


def search_service_at_locations(f: Filters):
    services = filter_services(Service.objects.listed(), f)
    queryset = ServiceAtLocation.objects.filter(service__in=services.values("id"))
    if f.has_point:
        points = queryset.filter(**bounding_box(f, "location__")) if f.within_miles is not None else queryset
        points = points.order_by().values_list("id", "service__name", "location__latitude", "location__longitude")
        return DistanceOrdered(queryset, f, fetch=ServiceAtLocation.objects.all(), points=points)
    return queryset.order_by("service__name", "id")


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
