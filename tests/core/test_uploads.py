"""The shared upload helper: limits refused before parsing and naming the limit; reports bounded in detail and kinds."""

from __future__ import annotations

import tracemalloc
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communities.core.uploads import (
    DETAIL_LIMIT,
    KIND_LIMIT,
    OTHER_KINDS,
    ErrorReport,
    Limits,
    UploadRefused,
    count_rows,
    kind_of,
    read_csv_upload,
    size_words,
)


@dataclass(frozen=True)
class Err:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}, {self.field}: {self.message}"


def test_report_keeps_the_first_hundred_and_counts_the_rest_per_kind():
    report = ErrorReport()
    for line in range(2, 20_002):
        report.add(Err(line, "postcode", f"'{line}' is not a UK postcode"))
        if line % 2:
            report.add(Err(line, "age", f"must be a whole number, got 'x{line}'"))
    assert len(report.detailed) == DETAIL_LIMIT and report.total == 30_000
    assert [e.line for e in report][:3] == [2, 3, 3]
    more = dict(report.more())
    assert more == {"postcode '…' is not a UK postcode": 19_933, "age must be a whole number": 9_967}
    assert report.more_lines()[0] == "and 19,933 more rows with 'postcode '…' is not a UK postcode'"
    assert len(report.lines()) == DETAIL_LIMIT + 2
    assert report.summary() == "30,000 problems" and bool(report)


def test_two_problems_of_one_kind_in_one_row_count_as_one_row():
    report = ErrorReport(limit=0)
    report.add(Err(5, "name", "is required"))
    report.add(Err(5, "name", "is required"))
    report.add(Err(6, "name", "is required"))
    assert report.more() == [("name is required", 2)] and report.total == 3


def test_kinds_are_bounded_too():
    report = ErrorReport(limit=0)
    for line in range(1000):
        report.add(f"Line {line}: column_{line} is odd")  # every kind different
    kinds = report.more()
    assert len(kinds) == KIND_LIMIT + 1 and kinds[-1] == (OTHER_KINDS, 1000 - KIND_LIMIT)


def test_kind_leaves_out_what_varies():
    assert kind_of("Line 7: year must be a whole number, not 'twenty'") == "year must be a whole number"
    assert kind_of(Err(4, "household_ref", "duplicate of line 2")) == "household_ref duplicate of another line"
    assert kind_of(Err(4, "postal_code", "Enter a real postcode, like TS18 1AA")) == (
        "postal_code: Enter a real postcode, like TS18 1AA")


def test_memory_stays_bounded_for_200_000_problems():
    tracemalloc.start()
    report = ErrorReport()
    for line in range(200_000):
        report.add(Err(line, "claimant_age", f"must be a whole number, got 'x{line}'"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.total == 200_000 and len(report.lines()) == DETAIL_LIMIT + 1
    assert peak < 2 * 1024 * 1024  # a list of 200,000 errors would take over 40 MB


def _upload(text: str, name="f.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_size_limit_is_refused_before_reading_and_named():
    limits = Limits(max_bytes=1024, max_rows=10)
    with pytest.raises(UploadRefused, match="files may be at most 1 KB"):
        read_csv_upload(_upload("a\n" + "x" * 2000), limits)


def test_row_limit_is_refused_and_named():
    limits = Limits(max_bytes=1024 * 1024, max_rows=10)
    assert read_csv_upload(_upload("a\n" + "1\n" * 10), limits).startswith("a")
    with pytest.raises(UploadRefused, match="at most 10 rows after the header"):
        read_csv_upload(_upload("a\n" + "1\n" * 11), limits)


def test_rows_are_counted_as_csv_records():
    quoted = 'a,b\n"one\nline\nbreaks",1\n\n2,3\n'
    assert count_rows(quoted, stop_after=1) == 2  # stops counting past the limit
    assert count_rows(quoted, stop_after=100) == 4  # few line breaks: not parsed, counted generously
    assert count_rows(quoted, stop_after=2) == 2


def test_not_utf8_is_refused():
    with pytest.raises(UploadRefused, match="UTF-8"):
        read_csv_upload(SimpleUploadedFile("f.csv", "name\nCafé\n".encode("cp1252")), Limits(1024, 10))


def test_limits_are_described_in_words():
    assert Limits(5 * 1024 * 1024, 20_000).describe() == "at most 5 MB and 20,000 rows (after the header row)"
    assert size_words(int(1.5 * 1024 * 1024)) == "1.5 MB" and size_words(300) == "1 KB"
