"""Time-series charts: values with confidence intervals against benchmarks, and the XmR (SPC) chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape

from .svg import (
    BLACK,
    BLUE,
    DARK_BLUE,
    DARK_GREY,
    ORANGE,
    PURPLE,
    WHITE,
    Scale,
    fmt,
    line,
    n,
    nice_ticks,
    svg,
    text,
    tick_decimals,
    value_domain,
    y_axis,
)

WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 40, 50


@dataclass
class Point:
    period: str
    value: float | None
    lower: float | None = None
    upper: float | None = None


@dataclass
class Benchmark:
    name: str
    points: dict[str, float | None]  # period -> value
    colour: str
    dash: str


def _x_positions(periods: list[str]) -> dict[str, float]:
    span = WIDTH - LEFT - RIGHT
    if len(periods) == 1:
        return {periods[0]: LEFT + span / 2}
    step = span / (len(periods) - 1)
    return {p: LEFT + i * step for i, p in enumerate(periods)}


def _x_axis(xs: dict[str, float], base_y: float) -> list[str]:
    out = [line(LEFT, base_y, WIDTH - RIGHT, base_y, stroke=DARK_GREY)]
    for period, x in xs.items():
        out.append(line(x, base_y, x, base_y + 5, stroke=DARK_GREY))
        out.append(text(x, base_y + 20, period, anchor="middle", size=12, fill=DARK_GREY))
    return out


def time_series(chart_id: str, title: str, unit: str, decimals: int, area: str, points: list[Point],
                benchmarks: list[Benchmark]) -> str:
    periods = [p.period for p in points]
    if not periods:
        return ""
    xs = _x_positions(periods)
    everything = [v for p in points for v in (p.value, p.lower, p.upper)]
    everything += [v for b in benchmarks for v in b.points.values()]
    lo, hi = value_domain(everything)
    ticks = nice_ticks(lo, hi)
    ys = Scale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)
    body = y_axis(ys, ticks, LEFT, WIDTH - RIGHT, tick_decimals(ticks), unit)
    body += _x_axis(xs, HEIGHT - BOTTOM)
    legend_y = TOP + 10
    for b in benchmarks:
        pts = [(xs[p], ys(v)) for p, v in b.points.items() if p in xs and v is not None]
        if pts:
            body.append(
                f'<polyline points="{" ".join(f"{n(x)},{n(y)}" for x, y in pts)}" fill="none" stroke="{b.colour}" '
                f'stroke-width="2" stroke-dasharray="{b.dash}"/>'
            )
            body.append(line(WIDTH - RIGHT + 12, legend_y, WIDTH - RIGHT + 40, legend_y, stroke=b.colour, width=2,
                             dash=b.dash))
            body.append(text(WIDTH - RIGHT + 46, legend_y + 4, b.name, size=12))
            legend_y += 22
    known = [(xs[p.period], p) for p in points if p.value is not None]
    if known:
        body.append(
            f'<polyline points="{" ".join(f"{n(x)},{n(ys(p.value))}" for x, p in known)}" fill="none" '
            f'stroke="{BLUE}" stroke-width="3"/>'
        )
    for x, p in known:
        if p.lower is not None and p.upper is not None:
            body.append(line(x, ys(p.lower), x, ys(p.upper), stroke=DARK_BLUE, width=1.5))
            body.append(line(x - 5, ys(p.lower), x + 5, ys(p.lower), stroke=DARK_BLUE, width=1.5))
            body.append(line(x - 5, ys(p.upper), x + 5, ys(p.upper), stroke=DARK_BLUE, width=1.5))
        body.append(
            f'<circle cx="{n(x)}" cy="{n(ys(p.value))}" r="5" fill="{BLUE}" stroke="{WHITE}" stroke-width="1.5">'
            f"<title>{escape(p.period)}: {escape(fmt(p.value, decimals))}</title></circle>"
        )
    body.append(line(WIDTH - RIGHT + 12, legend_y, WIDTH - RIGHT + 40, legend_y, stroke=BLUE, width=3))
    body.append(text(WIDTH - RIGHT + 46, legend_y + 4, area, size=12))
    body.append(text(WIDTH - RIGHT + 12, legend_y + 24, "Bars: 95% CI", size=12, fill=DARK_GREY))
    first, last = points[0], points[-1]
    desc = (
        f"Line chart of {area} from {first.period} to {last.period}, with 95% confidence intervals"
        f"{' and ' + ', '.join(b.name for b in benchmarks) if benchmarks else ''}. Latest value "
        f"{fmt(last.value, decimals)} {unit}. The table below gives every value."
    )
    return svg(chart_id, WIDTH, HEIGHT, title, desc, body)


SHAPES = {
    "special_cause_improvement": ("Special cause: improvement", BLUE, "square"),
    "special_cause_concern": ("Special cause: concern", ORANGE, "diamond"),
    "special_cause_neutral_high": ("Special cause (no judgement)", PURPLE, "triangle"),
    "special_cause_neutral_low": ("Special cause (no judgement)", PURPLE, "triangle"),
    "common_cause": ("Common cause", DARK_GREY, "circle"),
}


def _marker(x: float, y: float, shape: str, colour: str, label: str) -> str:
    tip = f"<title>{escape(label)}</title>"
    if shape == "square":
        return (f'<rect x="{n(x - 6)}" y="{n(y - 6)}" width="12" height="12" fill="{colour}" stroke="{BLACK}" '
                f'stroke-width="1">{tip}</rect>')
    if shape == "diamond":
        return (f'<polygon points="{n(x)},{n(y - 8)} {n(x + 8)},{n(y)} {n(x)},{n(y + 8)} {n(x - 8)},{n(y)}" '
                f'fill="{colour}" stroke="{BLACK}" stroke-width="1">{tip}</polygon>')
    if shape == "triangle":
        return (f'<polygon points="{n(x)},{n(y - 8)} {n(x + 7)},{n(y + 6)} {n(x - 7)},{n(y + 6)}" fill="{colour}" '
                f'stroke="{BLACK}" stroke-width="1">{tip}</polygon>')
    return f'<circle cx="{n(x)}" cy="{n(y)}" r="5" fill="{colour}" stroke="{WHITE}" stroke-width="1">{tip}</circle>'


def spc_chart(chart_id: str, title: str, unit: str, decimals: int, spc) -> str:
    """XmR chart: the values, their mean and process limits, special-cause points marked by colour and shape."""
    if spc is None:
        return ""
    xs = _x_positions(spc.periods)
    target = getattr(spc, "target", None)
    lo, hi = value_domain([*spc.values, spc.lpl, spc.upl, spc.mean, *([] if target is None else [target])])
    ticks = nice_ticks(lo, hi)
    ys = Scale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)
    body = y_axis(ys, ticks, LEFT, WIDTH - RIGHT, tick_decimals(ticks), unit)
    body += _x_axis(xs, HEIGHT - BOTTOM)
    x0, x1 = LEFT, WIDTH - RIGHT
    refs = [
        (spc.upl, "Upper process limit", ORANGE, "6 4"),
        (spc.mean, "Mean", BLACK, ""),
        (spc.lpl, "Lower process limit", ORANGE, "6 4"),
    ]
    if target is not None:
        refs.append((target, "Target", "#4c2c92", "2 3"))
    for value, label, colour, dash in refs:
        y = ys(value)
        body.append(line(x0, y, x1, y, stroke=colour if colour != ORANGE else "#b35000", width=1.5, dash=dash))
        body.append(text(x1 + 8, y + 4, f"{label.split(' ')[0]} {fmt(value, decimals)}", size=12))
    body.append(
        f'<polyline points="{" ".join(f"{n(xs[p])},{n(ys(v))}" for p, v in zip(spc.periods, spc.values, strict=True))}"'
        f' fill="none" stroke="{DARK_GREY}" stroke-width="2"/>'
    )
    for p, v, pt, lab in zip(spc.periods, spc.values, spc.point_types, spc.labels, strict=True):
        name, colour, shape = SHAPES.get(pt, SHAPES["common_cause"])
        body.append(_marker(xs[p], ys(v), shape, colour, f"{p}: {fmt(v, decimals)} – {name} ({lab})"))
    full_height = HEIGHT + 24  # room for the legend below the axis labels
    ly = full_height - 10
    lx = LEFT
    for key in ("common_cause", "special_cause_improvement", "special_cause_concern"):
        name, colour, shape = SHAPES[key]
        body.append(_marker(lx + 6, ly - 4, shape, colour, name))
        body.append(text(lx + 18, ly, name, size=12))
        lx += 200
    special = sum(1 for t in spc.point_types if t != "common_cause")
    desc = (
        f"XmR statistical process control chart of {len(spc.values)} points: mean {fmt(spc.mean, decimals)}, "
        f"process limits {fmt(spc.lpl, decimals)} to {fmt(spc.upl, decimals)}; {special} special-cause point(s). "
        f"{spc.variation_text}."
    )
    if target is not None and getattr(spc, "assurance", None):
        desc += f" Target {fmt(target, decimals)}: {spc.assurance_text.lower()}."
    return svg(chart_id, WIDTH, full_height, title, desc, body)
