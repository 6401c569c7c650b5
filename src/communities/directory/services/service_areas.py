"""Which postcodes a service's area covers (HSDS/ORUK 3.0 ``service_area``).

ORUK: a service with a service area is returned for a postcode search only where an area covers that postcode.
How an area is stored (models.ServiceArea, as the standard has it): ``extent`` in the format ``extent_type`` names
("geojson", "topojson", "kml" or "text"), a ``uri`` that identifies an area, and a free-text ``name``. We read:

- GeoJSON polygons (Polygon, MultiPolygon, Feature, FeatureCollection, GeometryCollection): the postcode's point is
  inside a polygon (not in one of its holes);
- ONS GSS codes in the uri, extent or name (E05… ward, E01… LSOA, E02… MSOA, E06…/E07…/E08…/E09… council): the
  postcode is in that area (from places: its ward, LSOA, MSOA and council);
- a text extent or name that is a list of postcodes, sectors or districts ("TS17, TS18 1"): the postcode starts
  with one of them;
- a name that is the council's own name, or one of its wards' names.

An area we cannot read (TopoJSON, KML, free text such as "North East England") is taken to cover the postcode: it is
better to show a service that may not serve someone than to hide one that does. A service is left out only when
every one of its areas is read and none covers the postcode.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from django.conf import settings

from . import public_cache

GSS = re.compile(r"\b[EWSNK]\d{8}\b")
POSTCODE_PART = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)(?:\s*(\d)([A-Z]{2})?)?\b")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _point_in_ring(x: float, y: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _polygons(geometry) -> list:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    if kind == "Feature":
        return _polygons(geometry.get("geometry") or {})
    if kind == "FeatureCollection":
        return [p for feature in geometry.get("features", []) for p in _polygons(feature)]
    if kind == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in _polygons(g)]
    return []


def _geojson(extent: str):
    try:
        polygons = _polygons(json.loads(extent))
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    rings = [[[[float(c[0]), float(c[1])] for c in ring] for ring in polygon] for polygon in polygons if polygon]
    return rings or None


def _postcode_list(text: str) -> list[str] | None:
    """'TS17, TS18 1 and TS19 0AA' → ['TS17 ', 'TS18 1', 'TS19 0AA']; None unless the text is only postcodes."""
    upper = (text or "").upper()
    found = list(POSTCODE_PART.finditer(upper))
    if not found or re.sub(r"\b(AND|OR)\b|[\s,;/&]+", "", POSTCODE_PART.sub("", upper)):
        return None
    return [m[1] + " " + (m[2] or "") + (m[3] or "") for m in found]


class Area:
    """One service area, read once: a test of a postcode's place that answers True, False or None (cannot tell)."""

    def __init__(self, name: str, extent: str, extent_type: str, uri: str, *, council_name: str, wards: set[str]):
        kind = (extent_type or "").strip().lower()
        self.rings = _geojson(extent) if kind == "geojson" or (extent or "").lstrip().startswith("{") else None
        self.codes = set(GSS.findall(" ".join([uri or "", extent or "" if not self.rings else "", name or ""])))
        self.postcodes = (_postcode_list(extent) if kind in ("", "text") else None) or _postcode_list(name)
        label = _norm(name or (extent if kind == "text" else ""))
        self.council = bool(label) and label == _norm(council_name)
        self.ward = label if label in wards else ""

    def covers(self, place, codes: set[str]) -> bool | None:
        if self.rings:
            return any(
                _point_in_ring(place.longitude, place.latitude, polygon[0])
                and not any(_point_in_ring(place.longitude, place.latitude, hole) for hole in polygon[1:])
                for polygon in self.rings
            )
        if self.codes:
            return bool(self.codes & codes)
        if self.postcodes:
            return any((place.postcode + " ").startswith(p) if p.endswith(" ") else place.postcode.startswith(p)
                       for p in self.postcodes)
        if self.council:
            return True
        if self.ward:
            return place.ward is not None and _norm(place.ward.name) == self.ward
        return None


def _areas() -> dict:
    from communities.places.models import Council, Ward

    from ..models import ServiceArea

    council = Council.objects.filter(code=settings.COUNCIL_CODE).first()
    wards = {_norm(n) for n in Ward.objects.filter(council_id=settings.COUNCIL_CODE).values_list("name", flat=True)}
    by_service = defaultdict(list)
    rows = ServiceArea.objects.values_list("service_id", "name", "extent", "extent_type", "uri")
    for service_id, name, extent, extent_type, uri in rows:
        by_service[service_id].append(Area(name, extent, extent_type, uri, council_name=council.name if council else "",
                                           wards=wards))
    return dict(by_service)


def place_codes(place) -> set[str]:
    codes = {settings.COUNCIL_CODE}
    if place.lsoa is not None:
        codes |= {place.lsoa.code, place.lsoa.msoa_code, place.lsoa.council_id}
    if place.ward is not None:
        codes.add(place.ward.code)
    return {c for c in codes if c}


def services_not_covering(place) -> list:
    """Ids of services whose areas are all read and none covers the place (kept per process and revision)."""
    areas = public_cache.per_revision("service-areas", _areas)
    if not areas:
        return []
    codes = place_codes(place)
    out = []
    for service_id, service_areas in areas.items():
        answers = [a.covers(place, codes) for a in service_areas]
        if not any(answer is None or answer for answer in answers):
            out.append(service_id)
    return out
