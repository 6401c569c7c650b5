"""CSV exports: neutralise spreadsheet formula injection (OWASP "CSV Injection") and write downloads.

Producers pass their rows through :func:`safe_row`; :func:`csv_lines` and :func:`csv_download` only format them
(neutralising twice would quote a number that the first pass turned into text, such as "-1.3").
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Invisible characters that are not Unicode whitespace but that a spreadsheet may skip: zero-width space, joiners,
# word joiner, byte order mark.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _first_visible(text: str) -> str:
    """The first character after whitespace (spaces, tabs, CR/LF, Unicode spaces) and invisible characters, in its
    compatibility form: full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) and the small forms become = + - @."""
    for char in text:
        if not char.isspace() and char not in _INVISIBLE:
            return unicodedata.normalize("NFKC", char)[:1]
    return ""


def safe_cell(value) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are left as they are.

    A formula is text whose first visible character is = + - @ (or a full-width form of one), or text starting with
    a tab or carriage return: Excel and LibreOffice skip leading spaces and read full-width signs as formula signs
    (OWASP "CSV Injection"; issue #12)."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if text.startswith(_TRIGGERS) or _first_visible(text) in _TRIGGERS[:4]:
        return "'" + text
    return text


def safe_row(values: Iterable) -> list[str]:
    return [safe_cell(v) for v in values]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row (already made safe with safe_row) as one CSV line."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def csv_download(filename: str, rows: Iterable[Iterable], *, stream: bool = False):
    """An attachment response of ``rows`` (header first); ``stream`` for exports too large to build in memory."""
    from django.http import HttpResponse, StreamingHttpResponse

    lines = csv_lines(rows)
    content_type = "text/csv; charset=utf-8"
    response = StreamingHttpResponse(lines, content_type=content_type) if stream else HttpResponse(
        "".join(lines), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
