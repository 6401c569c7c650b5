"""Imports (ORUK 3.0 feeds over HTTP, CSV files) and exports. Validate everything first, then write everything in
one transaction: a file with one bad record writes nothing and names the record and field."""

from __future__ import annotations

from dataclasses import dataclass, field

from communities.core.uploads import ErrorReport


@dataclass
class Problem:
    where: str  # file name or feed URL
    record: str  # "line 5" or "page 2, record 3 (service 1234…)"
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, {self.record}, field '{self.field}': {self.message}"


class ImportFailed(Exception):
    """Nothing was imported. ``problems``: the first problems in full (at most core.uploads.DETAIL_LIMIT);
    ``report``: all of them, the rest counted per kind."""

    def __init__(self, problems: list[Problem] | ErrorReport):
        problems = ErrorReport.of(problems)
        self.report = problems
        self.problems = problems.detailed
        shown = "\n".join(problems.lines())
        super().__init__(f"Nothing was imported. {problems.total:,} problem(s):\n{shown}")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    organisations: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} services created, {self.updated} updated, {self.organisations} organisations"
