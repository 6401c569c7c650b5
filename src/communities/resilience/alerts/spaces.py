"""Warm and cool spaces from Find help near an alert's area: the directory's own search (with its synonyms, so
"warm space" also finds warm hubs and warm banks), around the middle of the LSOAs the alert covers."""

from __future__ import annotations

from communities.directory.services.search import Filters, search_services
from communities.places.geo import KM_PER_MILE, haversine_km
from communities.places.models import LSOA

from .alert_types import spaces_searches

MAX_SPACES = 30
MAX_MILES = 16.0
EXTRA_MILES = 1.0  # a space just outside the area still helps the people at its edge


def _centre_and_reach(lsoa_codes) -> tuple[float, float, float] | None:
    points = list(LSOA.objects.filter(code__in=lsoa_codes, latitude__isnull=False)
                  .values_list("latitude", "longitude"))
    if not points:
        return None
    latitude = sum(p[0] for p in points) / len(points)
    longitude = sum(p[1] for p in points) / len(points)
    reach_km = max(haversine_km(latitude, longitude, lat, lon) for lat, lon in points)
    return latitude, longitude, min(MAX_MILES, reach_km / KM_PER_MILE + EXTRA_MILES)


def spaces_for(hazard: str, lsoa_codes) -> list:
    """Listed Find help services matching the hazard's searches within the area (nearest first), at most 30."""
    where = _centre_and_reach(lsoa_codes)
    if where is None:
        return []
    latitude, longitude, miles = where
    found: dict = {}
    for phrase in spaces_searches(hazard):
        filters = Filters(search=phrase, latitude=latitude, longitude=longitude, within_miles=miles)
        for service in search_services(filters)[:MAX_SPACES]:
            found.setdefault(service.pk, service)
    return list(found.values())[:MAX_SPACES]
