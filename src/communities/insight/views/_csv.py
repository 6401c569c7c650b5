"""CSV downloads, neutralised against formula injection (core.csvsafe)."""

from __future__ import annotations

import itertools

from communities.core.csvsafe import csv_download, safe_row


def csv_response(filename: str, header: list[str], rows):
    return csv_download(filename, itertools.chain([header], (safe_row(row) for row in rows)))


def num(value, decimals: int = 4):
    return "" if value is None else round(float(value), decimals)
