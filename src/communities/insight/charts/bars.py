"""Bar charts: wards ranked with confidence intervals, and values by IMD decile with the SII line."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape

from .svg import (
    BLACK,
    BLUE,
    DARK_BLUE,
    DARK_GREY,
    GREEN,
    MID_GREY,
    PURPLE,
    RED,
    WHITE,
    YELLOW,
    Scale,
    fmt,
    line,
    n,
    nice_ticks,
    svg,
    text,
    tick_decimals,
    value_domain,
)

FILL = {"green": GREEN, "dark-green": GREEN, "amber": YELLOW, "red": RED, "dark-red": RED,
        "dark-blue": DARK_BLUE, "light-blue": BLUE, "grey": MID_GREY}


@dataclass
class Bar:
    label: str
    value: float | None
    lower: float | None
    upper: float | None
    colour: str = "grey"  # a communities.stats RAG colour name
    note: str = ""  # the comparison in words (so colour is never the only cue)
    weight: float = 1.0  # bar width share (population), for the decile chart


def ward_bars(chart_id: str, title: str, unit: str, decimals: int, bars: list[Bar],
              references: list[tuple[str, float | None, str]]) -> str:
    """Horizontal bars, highest first, with 95% CI whiskers and vertical reference lines (borough, England)."""
    if not bars:
        return ""
    label_w, right_w, row_h, top = 190, 150, 22, 40
    width = 760
    height = top + row_h * len(bars) + 50
    values = [v for b in bars for v in (b.value, b.lower, b.upper)] + [r[1] for r in references]
    lo, hi = value_domain(values, include_zero=True)
    ticks = nice_ticks(lo, hi)
    xs = Scale(ticks[0], ticks[-1], label_w, width - right_w)
    body = []
    bottom = top + row_h * len(bars)
    dec = tick_decimals(ticks)
    for t in ticks:
        body.append(line(xs(t), top - 6, xs(t), bottom, stroke="#e5e6e7"))
        body.append(text(xs(t), bottom + 18, fmt(t, dec), anchor="middle", size=12, fill=DARK_GREY))
    body.append(text(label_w, bottom + 38, unit, size=12, fill=DARK_GREY))
    zero = xs(max(ticks[0], 0.0))
    for i, b in enumerate(bars):
        y = top + i * row_h
        body.append(text(label_w - 8, y + 15, b.label, anchor="end", size=12))
        if b.value is None:
            body.append(text(label_w + 4, y + 15, "no value", size=12, fill=DARK_GREY))
            continue
        x_end = xs(b.value)
        fill = FILL.get(b.colour, MID_GREY)
        body.append(
            f'<rect x="{n(min(zero, x_end))}" y="{n(y + 4)}" width="{n(abs(x_end - zero))}" height="{row_h - 8}" '
            f'fill="{fill}" stroke="{BLACK}" stroke-width="0.5"><title>{escape(b.label)}: '
            f"{escape(fmt(b.value, decimals))} {escape(b.note)}</title></rect>"
        )
        if b.lower is not None and b.upper is not None:
            yc = y + row_h / 2
            body.append(line(xs(b.lower), yc, xs(b.upper), yc, stroke=BLACK, width=1.5))
            body.append(line(xs(b.lower), yc - 5, xs(b.lower), yc + 5, stroke=BLACK, width=1.5))
            body.append(line(xs(b.upper), yc - 5, xs(b.upper), yc + 5, stroke=BLACK, width=1.5))
        body.append(text(width - right_w + 8, y + 15, f"{fmt(b.value, decimals)} {b.note}".strip(), size=12))
    for k, (name, value, dash) in enumerate(references):
        if value is None:
            continue
        x = xs(value)
        body.append(line(x, top - 8, x, bottom, stroke=PURPLE if k else BLACK, width=2, dash=dash))
        body.append(text(x, top - 12 - 14 * k, f"{name} {fmt(value, decimals)}", anchor="middle", size=12,
                         fill=PURPLE if k else BLACK))
    desc = (
        f"Bar chart of {len(bars)} wards ranked from highest to lowest value, with 95% confidence intervals and "
        f"reference lines for {', '.join(r[0] for r in references)}. Each bar is labelled with its value and how it "
        "compares with the borough. The table below gives the same figures."
    )
    return svg(chart_id, width, height, title, desc, body)


def decile_bars(chart_id: str, title: str, unit: str, decimals: int, bars: list[Bar], ineq) -> str:
    """Bars for IMD deciles (most deprived on the left) sized by population, with the fitted SII line."""
    if not bars:
        return ""
    width, height, left, right, top, bottom = 720, 380, 70, 30, 30, 70
    values = [v for b in bars for v in (b.value, b.lower, b.upper)]
    if ineq is not None:
        values += [ineq.intercept, ineq.intercept + ineq.sii]
    lo, hi = value_domain(values, include_zero=True)
    ticks = nice_ticks(lo, hi)
    ys = Scale(ticks[0], ticks[-1], height - bottom, top)
    body = []
    dec = tick_decimals(ticks)
    for t in ticks:
        body.append(line(left, ys(t), width - right, ys(t), stroke="#e5e6e7"))
        body.append(text(left - 6, ys(t) + 4, fmt(t, dec), anchor="end", size=12, fill=DARK_GREY))
    body.append(text(left, top - 12, unit, size=12, fill=DARK_GREY))
    total = sum(b.weight for b in bars) or 1.0
    xs = Scale(0, 1, left, width - right)
    cum = 0.0
    base = ys(max(ticks[0], 0.0))
    for b in bars:
        share = b.weight / total
        x0, x1 = xs(cum), xs(cum + share)
        cum += share
        mid = (x0 + x1) / 2
        body.append(text(mid, height - bottom + 18, b.label, anchor="middle", size=12))
        if b.value is None:
            continue
        y = ys(b.value)
        body.append(
            f'<rect x="{n(x0 + 1)}" y="{n(min(y, base))}" width="{n(max(x1 - x0 - 2, 1))}" '
            f'height="{n(abs(base - y))}" fill="{BLUE}" stroke="{WHITE}" stroke-width="1">'
            f"<title>Decile {escape(b.label)}: {escape(fmt(b.value, decimals))}</title></rect>"
        )
        if b.lower is not None and b.upper is not None:
            body.append(line(mid, ys(b.lower), mid, ys(b.upper), stroke=BLACK, width=1.5))
            body.append(line(mid - 4, ys(b.lower), mid + 4, ys(b.lower), stroke=BLACK, width=1.5))
            body.append(line(mid - 4, ys(b.upper), mid + 4, ys(b.upper), stroke=BLACK, width=1.5))
    body.append(text(left, height - bottom + 38, "IMD 2025 decile: 1 = most deprived 10% of areas in England",
                     size=12, fill=DARK_GREY))
    body.append(text(left, height - bottom + 56, "Bar widths show each decile's share of the borough's population",
                     size=12, fill=DARK_GREY))
    if ineq is not None:
        body.append(line(xs(0), ys(ineq.intercept), xs(1), ys(ineq.intercept + ineq.sii), stroke=RED, width=2.5,
                         dash="8 4"))
        body.append(text(width - right, top + 4, f"SII {fmt(ineq.sii, decimals)} (dashed line)", anchor="end",
                         size=12, fill=RED, weight="bold"))
    desc = (
        f"Column chart of values in {len(bars)} deprivation deciles, most deprived on the left, with 95% confidence "
        "intervals"
        + (f" and the slope index of inequality line (SII {fmt(ineq.sii, decimals)})." if ineq else ".")
        + " The table below gives the same figures."
    )
    return svg(chart_id, width, height, title, desc, body)
