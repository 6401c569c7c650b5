"""Maps of the council's wards or LSOAs as inline SVG, from the shipped boundaries: no JavaScript, no map tiles.

``council_map(areas, layer="lsoa21")`` draws every boundary of the layer; each area in ``areas`` (code -> MapArea)
gets its fill, a tooltip (SVG <title>, read by screen readers too) and optionally a link. Areas not given are drawn
in a pale grey. Boundaries come from ``places/data/<council>/<layer>.geojson`` (ONS Open Geography, generalised).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .loader import DATA_DIR

LAYERS = {"lsoa21": ("LSOA21CD", "LSOA21NM"), "wards": ("WD23CD", "WD23NM")}
LAYER_FILES = {"lsoa21": "lsoa21.geojson", "wards": "wards_2023.geojson"}
BACKGROUND = "#f3f2f1"  # GOV.UK light grey
OUTLINE = "#505a5f"  # GOV.UK dark grey


@dataclass(frozen=True)
class MapArea:
    fill: str  # a colour the caller chose (hex); written as an SVG attribute, so no inline style is needed
    label: str = ""  # the tooltip; the area's name when empty
    href: str = ""


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (longitude, latitude)


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _property(properties: dict, layer: str, index: int) -> str:
    wanted = LAYERS[layer][index]
    prefix, suffix = wanted[:2], wanted[-2:]
    # Ward files carry the year in the column name (WD23CD, WD24CD...): take the first that fits the pattern.
    return next((str(v) for k, v in properties.items() if k == wanted or (k.startswith(prefix) and k.endswith(suffix)
                                                                          and layer == "wards")), "")


@lru_cache(maxsize=8)
def shapes(layer: str = "lsoa21", council_code: str | None = None) -> tuple[Shape, ...]:
    """Every boundary in the layer's file for the council; empty when the council has none shipped."""
    path = DATA_DIR / (council_code or settings.COUNCIL_CODE) / LAYER_FILES[layer]
    if not path.exists():
        return ()
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return tuple(
        Shape(_property(f["properties"], layer, 0), _property(f["properties"], layer, 1),
              tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in _rings(f["geometry"])))
        for f in features
    )


class _Projection:
    """Equirectangular, longitude shrunk by the cosine of the middle latitude; y grows downwards."""

    def __init__(self, all_shapes, width: int, margin: int = 4):
        points = [p for s in all_shapes for ring in s.rings for p in ring]
        self.west, self.east = min(p[0] for p in points), max(p[0] for p in points)
        self.south, self.north = min(p[1] for p in points), max(p[1] for p in points)
        self.shrink = math.cos(math.radians((self.north + self.south) / 2))
        span_x = max((self.east - self.west) * self.shrink, 1e-9)
        self.scale = (width - 2 * margin) / span_x
        self.margin = margin
        self.width = width
        self.height = int((self.north - self.south) * self.scale + 2 * margin) + 1

    def point(self, longitude: float, latitude: float) -> str:
        x = self.margin + (longitude - self.west) * self.shrink * self.scale
        y = self.margin + (self.north - latitude) * self.scale
        return f"{x:.1f} {y:.1f}"


def _path(shape: Shape, projection: _Projection) -> str:
    return " ".join("M" + " L".join(projection.point(*p) for p in ring) + " Z" for ring in shape.rings)


def council_map(areas: dict[str, MapArea], *, layer: str = "lsoa21", title: str, description: str = "",
                width: int = 640, council_code: str | None = None) -> SafeString:
    """The SVG markup (escaped names and labels) for a template; empty when no boundaries are shipped."""
    drawn = shapes(layer, council_code)
    if not drawn:
        return SafeString("")
    projection = _Projection(drawn, width)
    # A picture is role="img" (its parts are then presentational); with links inside it must be a group, or the
    # links would be interactive controls nested in an image (axe: nested-interactive).
    role = "group" if any(area.href for area in areas.values()) else "img"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-svg-map" viewBox="0 0 {projection.width} '
        f'{projection.height}" width="100%" role="{role}" aria-labelledby="map-title map-desc" focusable="false">',
        f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(description)}</desc>',
    ]
    for shape in drawn:
        area = areas.get(shape.code)
        fill = area.fill if area else BACKGROUND
        label = escape((area.label if area and area.label else shape.name) or shape.code)
        path = (f'<path d="{_path(shape, projection)}" fill="{escape(fill)}" stroke="{OUTLINE}" stroke-width="0.5" '
                f'data-code="{escape(shape.code)}"><title>{label}</title></path>')
        if area and area.href:
            path = f'<a href="{escape(area.href)}">{path}</a>'
        parts.append(path)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value written above is escaped
