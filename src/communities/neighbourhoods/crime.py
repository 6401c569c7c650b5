"""Import police.uk street-level crime files (monthly CSV) as counts per month, 2021 LSOA and crime type.

The format is documented in docs/police-uk-crime.md. Every row is checked first; a file with any bad row writes
nothing and the report names each bad row's file, line and field (the first ``MAX_ERRORS``, then how many more).
A good import replaces the counts of every month it covers, in one transaction, so importing a month twice changes
nothing the second time. Import all of a month's files (the force's and British Transport Police's) together.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from communities.audit.services import record

from .models import CrimeCount, CrimeImport
from .policeuk import ASB, COLUMNS, CRIME_TYPES  # noqa: F401 - ASB re-exported

MAX_ERRORS = 20
MAX_FILE_BYTES = 50 * 1024 * 1024
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_LSOA = re.compile(r"^[EW]010\d{5}$")


class CrimeFileError(ValueError):
    def __init__(self, errors: list[str], total: int):
        self.errors, self.total = errors, total
        more = f"\n... and {total - len(errors)} more" if total > len(errors) else ""
        super().__init__(f"{total} problem(s); nothing was imported:\n" + "\n".join(errors) + more)


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)  # (month, lsoa21, crime type) -> rows
    rows_read: int = 0
    outside: int = 0
    without_location: int = 0
    errors: list[str] = field(default_factory=list)
    error_total: int = 0

    def error(self, name: str, line: int, column: str, message: str) -> None:
        self.error_total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{name} line {line}, {column}: {message}")


class LsoaResolver:
    """Finds the council's 2021 LSOA for a row's LSOA code: a 2021 code of the council as it is; a 2011 code through
    the ONS correspondence (a split 2011 LSOA: the successor whose central point is nearest the row's point)."""

    def __init__(self) -> None:
        from communities.places.models import LSOA

        from .boundaries import _lsoa11_to_21

        self.points = {
            code: (lat, lon)
            for code, lat, lon in LSOA.objects.filter(council_id=settings.COUNCIL_CODE).values_list(
                "code", "latitude", "longitude"
            )
        }
        self.successors = _lsoa11_to_21() if settings.COUNCIL_CODE == "E06000004" else {}

    def __call__(self, code: str, lat: float | None, lon: float | None) -> str | None:
        if code in self.points:
            return code
        children = [c for c in self.successors.get(code, ()) if c in self.points]
        if len(children) <= 1 or lat is None or lon is None:
            return children[0] if children else None
        return min(children, key=lambda c: (self.points[c][0] - lat) ** 2 + (self.points[c][1] - lon) ** 2)


def _open_text(path: Path) -> io.TextIOBase:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CrimeFileError([f"{path.name}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB"], 1)
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def _coordinate(text: str, low: float, high: float) -> float | None | str:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return "not a number"
    return value if low <= value <= high else f"outside {low} to {high}"


def read_rows(name: str, handle, tally: Tally, resolve: LsoaResolver) -> None:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header != COLUMNS:
        tally.error(name, 1, "header", f"expected the police.uk columns {', '.join(COLUMNS)}; got {header}")
        return
    for line, row in enumerate(reader, start=2):
        tally.rows_read += 1
        if len(row) != len(COLUMNS):
            tally.error(name, line, "row", f"has {len(row)} fields, expected {len(COLUMNS)}")
            continue
        _read_row(name, line, dict(zip(COLUMNS, row, strict=True)), tally, resolve)


def _read_row(name: str, line: int, row: dict, tally: Tally, resolve: LsoaResolver) -> None:
    month = _MONTH.match(row["Month"].strip())
    if not month:
        tally.error(name, line, "Month", f"{row['Month'][:20]!r} is not a month like 2025-01")
    crime_type = row["Crime type"].strip()
    if crime_type not in CRIME_TYPES:
        tally.error(name, line, "Crime type", f"{crime_type[:40]!r} is not a police.uk crime type")
    lon = _coordinate(row["Longitude"].strip(), -180, 180)
    lat = _coordinate(row["Latitude"].strip(), -90, 90)
    for column, value in (("Longitude", lon), ("Latitude", lat)):
        if isinstance(value, str):
            tally.error(name, line, column, value)
    code = row["LSOA code"].strip()
    if code and not _LSOA.match(code):
        tally.error(name, line, "LSOA code", f"{code[:20]!r} is not an LSOA code like E01012187")
        return
    if not month or crime_type not in CRIME_TYPES or isinstance(lon, str) or isinstance(lat, str):
        return
    if not code:
        tally.without_location += 1
        return
    lsoa = resolve(code, lat, lon)
    if lsoa is None:
        tally.outside += 1
        return
    tally.counts[(date(int(month[1]), int(month[2]), 1), lsoa, crime_type)] += 1


def tally_files(paths: list[Path]) -> Tally:
    tally, resolve = Tally(), LsoaResolver()
    for path in paths:
        with _open_text(path) as handle:
            read_rows(path.name, handle, tally, resolve)
    return tally


def import_files(paths: list[Path], *, user=None, synthetic: bool = False) -> CrimeImport:
    """Check every row of ``paths``, then replace the counts of the months they cover. Raises CrimeFileError."""
    paths = [Path(p) for p in paths]
    tally = tally_files(paths)
    if tally.error_total:
        raise CrimeFileError(tally.errors, tally.error_total)
    if not tally.counts:
        raise CrimeFileError(["no row falls in an LSOA of the council"], 1)
    months = sorted({month for month, _, _ in tally.counts})
    with transaction.atomic():
        CrimeCount.objects.filter(month__in=months).delete()
        batch = CrimeImport.objects.create(
            files="\n".join(p.name for p in paths), synthetic=synthetic, first_month=months[0],
            last_month=months[-1], rows_read=tally.rows_read, rows_counted=sum(tally.counts.values()),
            rows_outside_area=tally.outside, rows_without_location=tally.without_location, imported_by=user,
        )
        CrimeCount.objects.bulk_create(
            CrimeCount(month=m, lsoa_id=lsoa, crime_type=t, count=n, source=batch)
            for (m, lsoa, t), n in sorted(tally.counts.items())
        )
        record(
            actor=user, action="import", obj=batch,
            reason="" if user else "police.uk crime import (import_police_crime command or demo)",
            fields={"files": len(paths), "rows_read": tally.rows_read, "months": len(months), "synthetic": synthetic},
        )
    return batch


def latest_months(n: int = 12) -> list[date]:
    """The last ``n`` months that have crime counts, oldest first."""
    months = CrimeCount.objects.order_by("-month").values_list("month", flat=True).distinct()[:n]
    return sorted(months)
