"""A ward choropleth drawn from the shipped 2023 ward boundaries (equirectangular projection scaled by cos(lat)).

Five classes (quintiles of the ward values) are shown by colour *and* by a hatching pattern, and the legend and the
data table give the class and value of every ward, so colour is never the only cue."""

from __future__ import annotations

import json
import math
from functools import cache

from django.conf import settings
from django.utils.html import escape

from communities.places.loader import DATA_DIR

from .svg import DARK_GREY, LIGHT_GREY, fmt, n, svg, text

CLASS_FILLS = ["#d2e2f1", "#a5c5e3", "#6fa3d3", "#1d70b8", "#003078"]
PATTERNS = [  # (name, path drawn in an 8x8 tile, stroke colour): light strokes keep the classes' order of darkness
    ("none", "", ""),
    ("diagonal", "M0,8 L8,0", "#003078"),
    ("cross", "M0,8 L8,0 M0,0 L8,8", "#ffffff"),
    ("dots", "M3,4 a1,1 0 1,0 2,0 a1,1 0 1,0 -2,0", "#ffffff"),
    ("horizontal", "M0,4 L8,4", "#ffffff"),
]
WIDTH = 640


@cache
def ward_shapes(council_code: str | None = None) -> dict[str, tuple[str, list]]:
    """{ward code: (name, list of polygons as lists of (lon, lat) rings)} from the shipped GeoJSON."""
    code = council_code or settings.COUNCIL_CODE
    path = DATA_DIR / code / "wards_2023.geojson"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for feature in data["features"]:
        props, geom = feature["properties"], feature["geometry"]
        ward_code = next((v for k, v in props.items() if k.startswith("WD") and k.endswith("CD")), "")
        name = next((v for k, v in props.items() if k.startswith("WD") and k.endswith("NM")), ward_code)
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out[ward_code] = (name, polys)
    return out


def classes(values: dict[str, float | None]) -> list[float]:
    """Quintile break points (upper bounds of classes 1..4) of the known values."""
    known = sorted(v for v in values.values() if v is not None)
    if not known:
        return []
    return [known[min(len(known) - 1, math.ceil(len(known) * q / 5) - 1)] for q in range(1, 5)]


def class_of(value: float | None, breaks: list[float]) -> int | None:
    if value is None or not breaks:
        return None
    for i, b in enumerate(breaks):
        if value <= b:
            return i
    return len(breaks)


def ward_map(chart_id: str, title: str, unit: str, decimals: int, values: dict[str, float | None],
             council_code: str | None = None) -> tuple[str, list[float]]:
    shapes = ward_shapes(council_code)
    if not shapes:
        return "", []
    rings = [pt for _, polys in shapes.values() for poly in polys for ring in poly for pt in ring]
    lons, lats = [p[0] for p in rings], [p[1] for p in rings]
    lat0 = (min(lats) + max(lats)) / 2
    k = math.cos(math.radians(lat0))
    x_span, y_span = (max(lons) - min(lons)) * k, max(lats) - min(lats)
    map_w = WIDTH - 20
    scale = map_w / x_span
    map_h = y_span * scale
    legend_h = 40 + 24 * 6
    height = int(map_h + 20 + legend_h)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return 10 + (lon - min(lons)) * k * scale, 10 + (max(lats) - lat) * scale

    breaks = classes(values)
    defs = ["<defs>"]
    for i, (_name, d, stroke) in enumerate(PATTERNS):
        if d:
            defs.append(
                f'<pattern id="{chart_id}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
                f'<path d="{d}" stroke="{stroke}" stroke-width="0.8" fill="none"/></pattern>'
            )
    defs.append("</defs>")
    body = ["".join(defs)]
    for code, (name, polys) in sorted(shapes.items(), key=lambda kv: kv[1][0]):
        d = " ".join(
            "M" + " L".join(f"{n(x)},{n(y)}" for x, y in (project(*pt) for pt in ring)) + " Z"
            for poly in polys for ring in poly
        )
        value = values.get(code)
        cls = class_of(value, breaks)
        fill = LIGHT_GREY if cls is None else CLASS_FILLS[cls]
        tip = f"{name}: {fmt(value, decimals)} {unit}" if value is not None else f"{name}: no value"
        body.append(
            f'<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="1"><title>{escape(tip)}</title></path>'
        )
        if cls is not None and PATTERNS[cls][1]:
            body.append(f'<path d="{d}" fill="url(#{chart_id}-p{cls})" stroke="none" aria-hidden="true"/>')
    y = map_h + 34
    body.append(text(10, y, f"Legend ({unit}); classes are fifths of wards", size=13, weight="bold"))
    lows = [None, *breaks]
    for i in range(len(breaks) + 1 if breaks else 0):
        yy = y + 12 + 24 * i
        body.append(f'<rect x="10" y="{n(yy)}" width="34" height="18" fill="{CLASS_FILLS[i]}" stroke="{DARK_GREY}"/>')
        if PATTERNS[i][1]:
            body.append(f'<rect x="10" y="{n(yy)}" width="34" height="18" fill="url(#{chart_id}-p{i})"/>')
        low, high = lows[i], breaks[i] if i < len(breaks) else None
        if low is None:
            label = f"Class {i + 1}: up to {fmt(high, decimals)}"
        elif high is None:
            label = f"Class {i + 1}: over {fmt(low, decimals)}"
        else:
            label = f"Class {i + 1}: over {fmt(low, decimals)} to {fmt(high, decimals)}"
        body.append(text(52, yy + 14, label, size=13))
    yy = y + 12 + 24 * (len(breaks) + 1 if breaks else 0)
    body.append(f'<rect x="10" y="{n(yy)}" width="34" height="18" fill="{LIGHT_GREY}" stroke="{DARK_GREY}"/>')
    body.append(text(52, yy + 14, "No value", size=13))
    desc = (
        f"Map of {len(shapes)} wards shaded in five classes from lightest (lowest values) to darkest (highest), "
        "each class also with its own hatching. The table below lists every ward's value and class."
    )
    return svg(chart_id, WIDTH, height, title, desc, body), breaks
