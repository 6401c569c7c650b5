"""Imports (ORUK 3.0 feeds over HTTP, CSV files) and exports. Validate everything first, then write everything in
one transaction: a file with one bad record writes nothing and names the record and field."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    where: str  # file name or feed URL
    record: str  # "line 5" or "page 2, record 3 (service 1234…)"
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, {self.record}, field '{self.field}': {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"Nothing was imported. {len(problems)} problem(s):\n{shown}{more}")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    organisations: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} services created, {self.updated} updated, {self.organisations} organisations"
