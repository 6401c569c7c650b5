"""CSV downloads, neutralised against formula injection (core.csvsafe)."""

from __future__ import annotations

import csv

from django.http import HttpResponse

from communities.core.csvsafe import safe_row


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(safe_row(row))
    return response


def num(value, decimals: int = 4):
    return "" if value is None else round(float(value), decimals)
