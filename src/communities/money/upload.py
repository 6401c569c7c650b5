"""Reading an uploaded caseload extract: limits first, then every row checked into a bounded report (core.uploads).

The file is read and decoded once, by the upload form (:func:`read_limited`); rows are then read one at a time
(csv.DictReader) and checked by the benefits core's ``caseload_errors`` (the checks ``validate_caseload`` makes);
only a file with no problem at all is turned into a data frame for screening. So a file whose every row is bad
costs one pass and a report of at most 100 problems in full plus counts per kind, whatever its size (issue #12).
"""

from __future__ import annotations

import csv
import io

from communities.benefits.caseload import CaseloadError, caseload_errors
from communities.core.uploads import ErrorReport, Limits, read_csv_upload

#: Rows: the screening target of 100,000 households (benchmarks/screening.py, issue 7, 2026), several times a
#: borough's Housing Benefit and Council Tax Reduction caseload. Size: 100,000 rows of the 21 columns at about
#: 200 characters a row. Set December 2026.
CASELOAD_LIMITS = Limits(max_bytes=20 * 1024 * 1024, max_rows=100_000)


def read_limited(upload) -> str:
    """The upload's text, refused before any row is checked when it breaks the size or row limit or is not UTF-8
    (raises core.uploads.UploadRefused)."""
    return read_csv_upload(upload, CASELOAD_LIMITS)


def check_caseload(text: str, report: ErrorReport) -> None:
    """Check the header and every row of ``text`` into ``report`` (the benefits core's ``caseload_errors``)."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        report.extend(caseload_errors(reader, header=reader.fieldnames or []))
    except csv.Error as exc:
        report.add(CaseloadError(reader.line_num, "file", f"the file could not be read as CSV ({exc})"))


def read_caseload(text: str) -> tuple[str, object, ErrorReport]:
    """(text, frame, report) for an upload's text (from :func:`read_limited`): the frame only when no row has a
    problem."""
    import pandas as pd

    report = ErrorReport()
    check_caseload(text, report)
    if report:
        return "", None, report
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas parser errors: report, never crash
        report.add(CaseloadError(1, "file", f"the file could not be read as CSV ({exc})"))
        return "", None, report
    return text, frame, report
