"""Reading an uploaded caseload extract: limits first, then every row checked into a bounded report (core.uploads).

Rows are read one at a time (csv.DictReader) and checked by the benefits core's ``validate_row``; only a file with
no problem at all is turned into a data frame for screening. So a file whose every row is bad costs one pass and a
report of at most 100 problems in full plus counts per kind, whatever its size (issue #12).
"""

from __future__ import annotations

import csv
import io

from communities.benefits.caseload import COLUMNS, CaseloadError, validate_row
from communities.core.uploads import ErrorReport, Limits, read_csv_upload

#: Rows: the screening target of 100,000 households (benchmarks/screening.py, issue 7, 2026), several times a
#: borough's Housing Benefit and Council Tax Reduction caseload. Size: 100,000 rows of the 21 columns at about
#: 200 characters a row. Set December 2026.
CASELOAD_LIMITS = Limits(max_bytes=20 * 1024 * 1024, max_rows=100_000)


def check_limits(upload) -> None:
    """Refuse a file over the size or row limit before any row is checked (raises core.uploads.UploadRefused)."""
    read_csv_upload(upload, CASELOAD_LIMITS)


def check_caseload(text: str, report: ErrorReport) -> int:
    """Check the header and every row of ``text`` into ``report``; returns the number of data rows."""
    reader = csv.DictReader(io.StringIO(text))
    count = 0
    try:
        header = reader.fieldnames or []
        for name, (required, _) in COLUMNS.items():
            if required and name not in header:
                report.add(CaseloadError(1, name, "required column is missing"))
        for name in header:
            if name not in COLUMNS:
                report.add(CaseloadError(1, name, "unknown column"))
        seen: dict[str, int] = {}
        for count, row in enumerate(reader, start=2):
            if None in row:
                report.add(CaseloadError(count, "(row)", "has more cells than the header"))
            for error in validate_row(row, count):
                report.add(error)
            ref = (row.get("household_ref") or "").strip()
            if ref in seen:
                report.add(CaseloadError(count, "household_ref", f"duplicate of line {seen[ref]}"))
            elif ref:
                seen[ref] = count
    except csv.Error as exc:
        report.add(CaseloadError(reader.line_num, "file", f"the file could not be read as CSV ({exc})"))
    if count == 0 and not report:
        report.add(CaseloadError(2, "household_ref", "the file has no data rows"))
    return max(count - 1, 0)


def read_caseload(upload) -> tuple[str, object, ErrorReport]:
    """(text, frame, report) for an upload whose limits were checked: the frame only when no row has a problem."""
    import pandas as pd

    report = ErrorReport()
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(CaseloadError(1, "file", "the file must be a CSV saved as UTF-8"))
        return "", None, report
    check_caseload(text, report)
    if report:
        return "", None, report
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas parser errors: report, never crash
        report.add(CaseloadError(1, "file", f"the file could not be read as CSV ({exc})"))
        return "", None, report
    return text, frame, report
