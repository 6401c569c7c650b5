"""Neutralise spreadsheet formula injection in CSV exports (OWASP "CSV Injection")."""

from __future__ import annotations

from collections.abc import Iterable

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are left as they are."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(_TRIGGERS):
        return "'" + text
    return text


def safe_row(values: Iterable) -> list[str]:
    return [safe_cell(v) for v in values]
