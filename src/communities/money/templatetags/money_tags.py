from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def pounds(value) -> str:
    """£1,234.56 (negative amounts as −£12.00)."""
    if value in (None, ""):
        return ""
    amount = float(value)
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@register.filter
def at(sequence, index):
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError):
        return ""
