"""Number formatting for Insight tables: ``{{ value|num:1 }}`` gives 1,234.5 and a dash for missing values."""

from __future__ import annotations

import math

from django import template

register = template.Library()


@register.filter
def num(value, decimals=1):
    if value is None or value == "":
        return "–"
    try:
        x = float(value)
        places = int(decimals)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(x) or math.isinf(x):
        return "–"
    return f"{x:,.{places}f}"


SPC_WORDS = {
    "common_cause": "Common cause",
    "special_cause_improvement": "Special cause: improvement",
    "special_cause_concern": "Special cause: concern",
    "special_cause_neutral_high": "Special cause: higher",
    "special_cause_neutral_low": "Special cause: lower",
}


@register.filter
def spc_words(point_type):
    return SPC_WORDS.get(str(point_type), str(point_type).replace("_", " "))
