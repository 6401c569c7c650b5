"""Reading the Care Quality Commission's open data files (docs/cqc-import.md): two formats, recognised by header.

- **Care directory** (``CQC_directory.csv``, "Locations regulated by CQC"): one row per active location; a four-line
  title block ("CQC Locations data", blank, "This data was produced on …", blank) then the header on line 5.
- **Latest ratings, Locations sheet** (the ``Latest ratings`` ODS, saved as CSV): one row per location, service or
  population group and key question ("Domain"); the header on line 1.

Column names are the CQC's, verbatim (checked December 2026 against public code that loads these files: see the
doc). Nothing here touches the database: :func:`read` gives one :class:`CqcLocation` per location, or raises
:class:`CqcFileError` with every problem by line and column (bounded by ``core.uploads.ErrorReport``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from communities.core.uploads import ErrorReport, Limits, UploadRefused, check_rows
from communities.places.geo import PostcodeError, normalise_postcode

#: The whole England care directory is about 56,000 locations (CQC, 2025); the latest ratings sheet has several rows
#: per location (one per key question), so allow 500,000 rows in 60 MB. A council usually uploads a filtered file.
LIMITS = Limits(max_bytes=60 * 1024 * 1024, max_rows=500_000)
HEADER_SEARCH_LINES = 10  # the care directory's header is on line 5

DIRECTORY = "care_directory"
LATEST_RATINGS = "latest_ratings_locations"
FORMAT_NAMES = {DIRECTORY: "CQC care directory", LATEST_RATINGS: "CQC latest ratings (Locations sheet)"}

DIRECTORY_COLUMNS = [
    "Name", "Also known as", "Address", "Postcode", "Phone number", "Service's website (if available)",
    "Service types", "Date of latest check", "Specialisms/services", "Provider name", "Local authority", "Region",
    "Location URL", "CQC Location ID (for office use only)", "CQC Provider ID (for office use only)",
]
DIRECTORY_REQUIRED = ["Name", "Postcode", "Provider name", "Local authority", "CQC Location ID (for office use only)",
                      "CQC Provider ID (for office use only)"]
RATINGS_COLUMNS = [
    "Location ID", "Location ODS Code", "Location Name", "Care Home?", "Location Type",
    "Location Primary Inspection Category", "Location Street Address", "Location Address Line 2", "Location City",
    "Location Post Code", "Location Local Authority", "Location Region", "Location NHS Region",
    "Location ONSPD CCG Code", "Location ONSPD CCG", "Location Commissioning CCG Code",
    "Location Commissioning CCG Name", "Service / Population Group", "Domain", "Latest Rating", "Publication Date",
    "Report Type", "Inherited Rating (Y/N)", "URL", "Provider ID", "Provider Name", "Brand ID", "Brand Name",
]
RATINGS_REQUIRED = ["Location ID", "Location Name", "Location Post Code", "Location Local Authority",
                    "Service / Population Group", "Domain", "Latest Rating", "Publication Date", "Provider ID",
                    "Provider Name"]

#: CQC's four ratings (cqc.org.uk, "Our ratings"; the same four since October 2014).
RATINGS = {"outstanding": "Outstanding", "good": "Good", "requires improvement": "Requires improvement",
           "inadequate": "Inadequate"}
OVERALL = "Overall"
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d/%b/%Y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y")


class CqcFileError(Exception):
    """The file cannot be imported; ``report`` holds every problem by line and column (the first 100 in full)."""

    def __init__(self, report: ErrorReport):
        self.report = report
        self.errors = report.lines()
        super().__init__("; ".join(self.errors[:5]))


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}, {self.field}: {self.message}" if self.field else f"Line {self.line}: {self.message}"


@dataclass
class CqcLocation:
    location_id: str
    provider_id: str
    name: str
    postcode: str
    provider_name: str
    local_authority: str
    line: int
    address: str = ""
    service_types: str = ""
    care_home: bool | None = None
    url: str = ""
    rating: str = ""
    published: date | None = None
    ratings: dict[str, str] = field(default_factory=dict)


@dataclass
class CqcFile:
    format: str
    locations: list[CqcLocation]
    rows: int
    produced_on: str = ""  # the care directory's "This data was produced on …" line, as given

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.format]


def parse_date(text: str) -> date:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (for example 05/11/2025)")


def _header(lines: list[str]) -> tuple[int, str, list[str]]:
    """(index of the header line, format, header cells), or raise with what was expected."""
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        cells = [c.strip() for c in next(csv.reader([line]), [])]
        if "CQC Location ID (for office use only)" in cells:
            return index, DIRECTORY, cells
        if "Location ID" in cells and "Latest Rating" in cells:
            return index, LATEST_RATINGS, cells
    raise CqcFileError(ErrorReport.of([
        "This is not a CQC file we recognise: no header row with 'CQC Location ID (for office use only)' (the care "
        "directory) or with 'Location ID' and 'Latest Rating' (the latest ratings, Locations sheet) in its first "
        f"{HEADER_SEARCH_LINES} lines"
    ]))


def read(text: str) -> CqcFile:
    try:
        check_rows(text, LIMITS)
    except UploadRefused as exc:
        raise CqcFileError(ErrorReport.of([str(exc)])) from exc
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    start, kind, cells = _header(lines)
    required = DIRECTORY_REQUIRED if kind == DIRECTORY else RATINGS_REQUIRED
    missing = [c for c in required if c not in cells]
    if missing:
        raise CqcFileError(ErrorReport.of([
            f"Line {start + 1}: the {FORMAT_NAMES[kind]} header has no column(s) {', '.join(missing)}"]))
    produced = next((ln.strip().strip(",").strip('"') for ln in lines[:start] if "produced on" in ln.lower()), "")
    reader = csv.DictReader(io.StringIO("\n".join(lines[start + 1:])), fieldnames=cells)
    report = ErrorReport()
    rows = 0
    by_id: dict[str, CqcLocation] = {}
    read_row = _directory_row if kind == DIRECTORY else _ratings_row
    try:
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            rows += 1
            line = start + 1 + reader.line_num
            read_row({k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()}, line, by_id,
                     report)
    except csv.Error as exc:
        report.add(Problem(start + 1 + reader.line_num, "", f"the CSV is broken here ({exc})"))
    if report:
        raise CqcFileError(report)
    if not rows:
        raise CqcFileError(ErrorReport.of([f"The {FORMAT_NAMES[kind]} file has a header but no rows"]))
    return CqcFile(format=kind, locations=list(by_id.values()), rows=rows, produced_on=produced)


def _common(row: dict, line: int, report: ErrorReport, *, location: str, provider: str, name: str,
            postcode: str) -> tuple[str, str] | None:
    """Check the columns every format has; give (location id, postcode) or None after adding the problems."""
    problems = []
    for column in (location, provider, name):
        if not row.get(column):
            problems.append(Problem(line, column, "is empty"))
    try:
        code = normalise_postcode(row.get(postcode, ""))
    except PostcodeError as exc:
        problems.append(Problem(line, postcode, f"{exc} (got '{row.get(postcode, '')}')"))
        code = ""
    for problem in problems:
        report.add(problem)
    return None if problems else (row[location], code)


def _directory_row(row: dict, line: int, by_id: dict, report: ErrorReport) -> None:
    ids = _common(row, line, report, location="CQC Location ID (for office use only)",
                  provider="CQC Provider ID (for office use only)", name="Name", postcode="Postcode")
    checked = None
    if row.get("Date of latest check"):
        try:
            checked = parse_date(row["Date of latest check"])
        except ValueError as exc:
            report.add(Problem(line, "Date of latest check", str(exc)))
            return
    if ids is None:
        return
    location_id, postcode = ids
    if location_id in by_id:
        report.add(Problem(line, "CQC Location ID (for office use only)",
                           f"'{location_id}' is also on line {by_id[location_id].line}"))
        return
    by_id[location_id] = CqcLocation(
        location_id=location_id, provider_id=row["CQC Provider ID (for office use only)"], name=row["Name"],
        postcode=postcode, provider_name=row["Provider name"], local_authority=row.get("Local authority", ""),
        line=line, address=row.get("Address", ""), service_types=row.get("Service types", ""),
        url=row.get("Location URL", ""), published=checked,
    )


def _ratings_row(row: dict, line: int, by_id: dict, report: ErrorReport) -> None:
    ids = _common(row, line, report, location="Location ID", provider="Provider ID", name="Location Name",
                  postcode="Location Post Code")
    rating = RATINGS.get(row.get("Latest Rating", "").lower())
    if rating is None:
        report.add(Problem(line, "Latest Rating", f"'{row.get('Latest Rating', '')}' is not a CQC rating "
                                                   f"({', '.join(RATINGS.values())})"))
    try:
        published = parse_date(row.get("Publication Date", ""))
    except ValueError as exc:
        report.add(Problem(line, "Publication Date", str(exc)))
        published = None
    if ids is None or rating is None or published is None:
        return
    location_id, postcode = ids
    location = by_id.get(location_id)
    if location is None:
        address = ", ".join(p for p in (row.get("Location Street Address", ""), row.get("Location Address Line 2", ""),
                                        row.get("Location City", "")) if p)
        care_home = {"Y": True, "N": False}.get(row.get("Care Home?", "").upper())
        location = by_id[location_id] = CqcLocation(
            location_id=location_id, provider_id=row["Provider ID"], name=row["Location Name"], postcode=postcode,
            provider_name=row["Provider Name"], local_authority=row["Location Local Authority"], line=line,
            address=address, service_types=row.get("Location Type", ""), care_home=care_home, url=row.get("URL", ""),
        )
    if row["Service / Population Group"] != OVERALL:
        return  # ratings of one service or population group within the location are not kept
    if row["Domain"] == OVERALL:
        location.rating, location.published = rating, published
    else:
        location.ratings[row["Domain"]] = rating
