"""Which of the council's LSOAs an alert's areas cover: by code (council, region, ward, LSOA), by the area's name,
by polygon or by circle (an LSOA is covered when its central point is inside)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from communities.places.geo import haversine_km

from .cap import CapArea

REGIONS_FILE = Path(__file__).resolve().parent / "data" / "regions.yaml"


@dataclass(frozen=True)
class Place:
    lsoa_code: str
    ward_code: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Coverage:
    lsoa_codes: tuple[str, ...]
    how: str  # in words, for the alert page

    @property
    def covers(self) -> bool:
        return bool(self.lsoa_codes)


@lru_cache(maxsize=1)
def regions() -> dict[str, dict]:
    return (yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8")) or {}).get("councils", {})


def council_names(council_code: str, council_name: str) -> tuple[set[str], set[str]]:
    """(codes, names) that mean the whole council: its own and its region's."""
    region = regions().get(council_code) or {}
    codes = {council_code} | ({region["code"]} if region.get("code") else set())
    names = {council_name.lower()} | ({region["name"].lower()} if region.get("name") else set())
    return codes, names


def _inside(latitude: float, longitude: float, ring) -> bool:
    """Ray casting on (latitude, longitude) points; fine at council scale."""
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(ring, ring[1:], strict=False):
        if (lat1 > latitude) != (lat2 > latitude):
            crossing = lon1 + (latitude - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if longitude < crossing:
                inside = not inside
    return inside


def _area_places(area: CapArea, places: list[Place], whole_codes: set[str], whole_names: set[str]):
    values = {value.strip() for _, value in area.geocodes}
    if values & whole_codes or area.description.strip().lower() in whole_names:
        return places, f"the whole council ({area.description})"
    chosen = [p for p in places if p.lsoa_code in values or p.ward_code in values]
    located = [p for p in places if p.latitude is not None and p.longitude is not None]
    for ring in area.polygons:
        chosen += [p for p in located if _inside(p.latitude, p.longitude, ring)]
    for latitude, longitude, radius_km in area.circles:
        chosen += [p for p in located if haversine_km(latitude, longitude, p.latitude, p.longitude) <= radius_km]
    return chosen, f"part of the council ({area.description})"


def covered(areas, places: list[Place], *, council_code: str, council_name: str) -> Coverage:
    whole_codes, whole_names = council_names(council_code, council_name)
    found: dict[str, None] = {}
    reasons = []
    for area in areas:
        chosen, how = _area_places(area, places, whole_codes, whole_names)
        if chosen:
            found.update(dict.fromkeys(p.lsoa_code for p in chosen))
            reasons.append(how)
    if len(found) == len(places) and places:
        reasons = [f"the whole council ({', '.join(a.description for a in areas)})"]
    return Coverage(tuple(sorted(found)), "; ".join(dict.fromkeys(reasons)) or "outside the council")
