"""Uploaded files: the limits every upload page states and enforces, and one bounded report of what is wrong.

Why bounded: a 5 MB caseload upload with every row bad once produced 1.75 million error lines, a 439 MB page, 71 s
and +0.4 GB of server memory (issue #12, December 2026). Every importer (caseload screening, indicator import,
directory CSV and ORUK feeds) now collects its problems in an :class:`ErrorReport`: the first ``DETAIL_LIMIT``
problems in full, by line and field; after that only a count of rows per kind of problem ("and 17,402 more rows
with 'postal_code is not a UK postcode'"), so neither memory nor the page grows with the file.

Limits come first: :func:`read_csv_upload` refuses a file over its size or row limit before any row is checked, and
says which limit it broke. Each upload page shows its :class:`Limits` (``limits.describe()``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

DETAIL_LIMIT = 100  # problems shown in full (issue #12: "the first 100 errors by line and field")
KIND_LIMIT = 50  # distinct kinds counted after that; further kinds are counted together
OTHER_KINDS = "other problems"


class UploadRefused(ValueError):
    """The file as a whole cannot be taken (too big, too many rows, not UTF-8): the message names the limit."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int  # data rows, after the header

    def describe(self) -> str:
        return f"at most {size_words(self.max_bytes)} and {self.max_rows:,} rows (after the header row)"


def size_words(size: int) -> str:
    """A byte count as people say it: "5 MB", "740 KB"."""
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        return f"{megabytes:.0f} MB" if megabytes >= 10 or megabytes == int(megabytes) else f"{megabytes:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def count_rows(text: str, *, stop_after: int) -> int:
    """Data rows (non-blank CSV records after the header), counting no further than ``stop_after + 1``.

    Cheap: when the file has too few line breaks to exceed the limit, nothing is parsed at all."""
    if text.count("\n") <= stop_after:  # records never outnumber line breaks + 1, and one of them is the header
        return max(0, sum(1 for line in text.splitlines() if line.strip()) - 1)
    rows = -1  # the header
    try:
        for record in csv.reader(io.StringIO(text)):
            if any(cell.strip() for cell in record):
                rows += 1
                if rows > stop_after:
                    break
    except csv.Error:
        pass  # the importer reports the broken line itself
    return max(rows, 0)


def read_csv_upload(upload, limits: Limits) -> str:
    """The text of an uploaded CSV file, refused before any row is checked when it breaks a limit."""
    if upload.size > limits.max_bytes:
        raise UploadRefused(
            f"The file is {size_words(upload.size)}: files may be at most {size_words(limits.max_bytes)}. "
            "Split it into smaller files.")
    raw = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefused("The file must be a CSV file saved as UTF-8 (in Excel: Save as, CSV UTF-8)") from exc
    check_rows(text, limits)
    return text


def check_rows(text: str, limits: Limits) -> None:
    if count_rows(text, stop_after=limits.max_rows) > limits.max_rows:
        raise UploadRefused(
            f"The file has more than {limits.max_rows:,} rows: files may have at most {limits.max_rows:,} rows "
            "after the header. Split it into smaller files.")


_VARIABLE = (
    (re.compile(r"^\s*line \d+\s*[:,]\s*", re.IGNORECASE), ""),  # "Line 5: …": the line is not part of the kind
    (re.compile(r", (?:got|not) .*$", re.DOTALL), ""),  # "must be a number, got 'abc'"
    (re.compile(r"'[^']*'|\"[^\"]*\""), "'…'"),  # quoted values
    (re.compile(r"\b(line|row) \d+\b", re.IGNORECASE), r"another \1"),  # "duplicate of line 7"
)


def kind_of(error) -> str:
    """What kind of problem ``error`` is, without the value or line that varies from row to row."""
    message = getattr(error, "message", None)
    message = str(error) if message is None else str(message)
    for pattern, replacement in _VARIABLE:
        message = pattern.sub(replacement, message)
    field = str(getattr(error, "field", "") or "")
    if not field or message.startswith(field):
        return message[:200]
    return f"{field}: {message}"[:200] if message[:1].isupper() else f"{field} {message}"[:200]


def _line_of(error):
    for name in ("line", "record"):
        value = getattr(error, name, None)
        if value is not None:
            return value
    match = re.match(r"\s*line (\d+)", str(error), re.IGNORECASE)
    return int(match.group(1)) if match else None


class ErrorReport:
    """Problems found in one file: the first ``limit`` in full, then rows counted per kind of problem.

    Iterating gives the detailed problems (each keeps its importer's own shape: line, field, message); ``total`` is
    how many problems were found in all; ``more_lines()`` says what was left out."""

    def __init__(self, limit: int = DETAIL_LIMIT):
        self.limit = limit
        self.detailed: list = []
        self.total = 0
        self._more: Counter[str] = Counter()
        self._last_line: dict[str, object] = {}
        self._kinds: dict[tuple, str] = {}

    @classmethod
    def of(cls, problems) -> ErrorReport:
        """``problems`` as a report: itself if it is one already, else a new report holding them."""
        if isinstance(problems, cls):
            return problems
        report = cls()
        report.extend(problems)
        return report

    def add(self, error, *, kind: str | None = None) -> None:
        self.total += 1
        if len(self.detailed) < self.limit:
            self.detailed.append(error)
            return
        kind = kind or self._kind(error)
        if kind not in self._more and len(self._more) >= KIND_LIMIT:
            kind = OTHER_KINDS
        line = _line_of(error)
        if line is not None and self._last_line.get(kind) == line:
            return  # counted as a row already
        self._last_line[kind] = line
        self._more[kind] += 1

    def _kind(self, error) -> str:
        """kind_of, remembered for the messages met most recently (a bad file repeats the same few many times)."""
        key = (getattr(error, "field", None), getattr(error, "message", None) or str(error))
        kind = self._kinds.get(key)
        if kind is None:
            if len(self._kinds) >= 1024:
                self._kinds.clear()
            kind = self._kinds[key] = kind_of(error)
        return kind

    append = add  # importers that kept their problems in a list call append

    def extend(self, errors) -> None:
        for error in errors:
            self.add(error)

    @property
    def full(self) -> bool:
        """True once no more problems will be kept in detail (callers may stop building detailed messages)."""
        return len(self.detailed) >= self.limit

    @property
    def left_out(self) -> int:
        return self.total - len(self.detailed)

    def more(self) -> list[tuple[str, int]]:
        """(kind, rows) for the problems not shown in full, most common first."""
        kinds = sorted(self._more.items(), key=lambda item: (item[0] == OTHER_KINDS, -item[1], item[0]))
        return kinds

    def more_lines(self) -> list[str]:
        return [f"and {rows:,} more row{'s' if rows != 1 else ''} with '{kind}'" for kind, rows in self.more()]

    def lines(self) -> list[str]:
        return [str(error) for error in self.detailed] + self.more_lines()

    def summary(self) -> str:
        return f"{self.total:,} problem{'s' if self.total != 1 else ''}"

    def __iter__(self):
        return iter(self.detailed)

    def __bool__(self) -> bool:
        return self.total > 0

    def __repr__(self) -> str:
        return f"<ErrorReport {self.summary()}, {len(self.detailed)} in detail>"
