"""Small helpers for server-rendered, accessible SVG charts (no JavaScript; presentation attributes, not style=)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# GOV.UK Frontend colour palette.
BLACK = "#0b0c0c"
DARK_GREY = "#505a5f"
MID_GREY = "#b1b4b6"
LIGHT_GREY = "#f3f2f1"
BLUE = "#1d70b8"
DARK_BLUE = "#003078"
GREEN = "#00703c"
RED = "#d4351c"
ORANGE = "#f47738"
YELLOW = "#ffdd00"
PURPLE = "#4c2c92"
WHITE = "#ffffff"
FONT = 'font-family="GDS Transport, arial, sans-serif"'


def fmt(value: float | None, decimals: int = 1) -> str:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    return f"{value:,.{decimals}f}"


def n(x: float) -> str:
    """A coordinate, compactly."""
    return f"{x:.1f}".rstrip("0").rstrip(".") if abs(x) < 1e9 else "0"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(low / step) * step
    ticks = []
    t = start
    while t <= high + step * 0.5 and len(ticks) < 20:
        ticks.append(round(t, 10))
        t += step
    return ticks


class Scale:
    """Linear map from a data domain to a pixel range."""

    def __init__(self, d0: float, d1: float, r0: float, r1: float):
        if d1 == d0:
            d1 = d0 + 1
        self.d0, self.d1, self.r0, self.r1 = d0, d1, r0, r1

    def __call__(self, v: float) -> float:
        return self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)


def value_domain(values: Iterable[float | None], include_zero: bool = False) -> tuple[float, float]:
    vals = [v for v in values if v is not None and math.isfinite(v)]
    if not vals:
        return 0.0, 1.0
    lo, hi = min(vals), max(vals)
    if include_zero:
        lo = min(lo, 0.0)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1.0
    lo = lo - pad if not (include_zero and lo == 0) else lo
    return lo, hi + pad


def svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    """An SVG element named by its <title> and described by its <desc> (role="img", aria-labelledby)."""
    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(tid)} {escape(did)}" {FONT} font-size="14">'
        f'<title id="{escape(tid)}">{escape(title)}</title><desc id="{escape(did)}">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text part is escaped above and by callers


def text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 14, fill: str = BLACK,
         weight: str = "normal", extra: str = "") -> str:
    return (
        f'<text x="{n(x)}" y="{n(y)}" text-anchor="{anchor}" font-size="{size}" fill="{fill}" '
        f'font-weight="{weight}"{extra}>{escape(content)}</text>'
    )


def line(x1, y1, x2, y2, *, stroke=BLACK, width=1.0, dash: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" stroke="{stroke}" stroke-width="{width}"{d}/>'
    )


def y_axis(scale: Scale, ticks: list[float], left: float, right: float, decimals: int, label: str = "") -> list[str]:
    out = []
    for t in ticks:
        y = scale(t)
        out.append(line(left, y, right, y, stroke=LIGHT_GREY))
        out.append(text(left - 6, y + 4, fmt(t, decimals), anchor="end", size=12, fill=DARK_GREY))
    out.append(line(left, scale(ticks[0]), left, scale(ticks[-1]), stroke=DARK_GREY))
    if label:
        out.append(text(left + 8, scale(ticks[-1]) - 14, label, size=12, fill=DARK_GREY))
    return out


def tick_decimals(ticks: list[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    return 0 if step >= 1 else min(4, max(0, -math.floor(math.log10(step))))
