"""Load a council's geography by its ONS code from the England-wide files shipped in ``data/``.

Everything is read and checked before anything is written, then written in one transaction: a failed load leaves
the database as it was. Loading again updates rows in place (it never duplicates).
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .geo import PostcodeError, normalise_postcode
from .models import LSOA, Council, Postcode, Ward

DATA_DIR = Path(__file__).resolve().parent / "data"
ENGLAND = DATA_DIR / "england"
DOMAINS = ["income", "employment", "education", "health", "crime", "barriers", "living_env"]


class LoadError(Exception):
    """The council cannot be loaded; the message names the file, line and field."""


@dataclass
class LoadReport:
    council: str
    wards: int = 0
    lsoas: int = 0
    postcodes: int = 0
    notes: list[str] = field(default_factory=list)


def _rows(path: Path) -> Iterator[tuple[int, dict]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            yield from enumerate(csv.DictReader(handle), start=2)
    except FileNotFoundError as exc:
        raise LoadError(f"{path}: file not found") from exc


def _number(path: str, line: int, row: dict, column: str, kind=float, required: bool = True):
    raw = (row.get(column) or "").strip()
    if raw == "":
        if required:
            raise LoadError(f"{path}, line {line}, field {column}: a value is required")
        return None
    try:
        return kind(raw)
    except ValueError as exc:
        raise LoadError(f"{path}, line {line}, field {column}: {raw!r} is not a number") from exc


def read_council(code: str) -> tuple[Council, list[Ward], list[LSOA]]:
    lookup = ENGLAND / "lsoa21_ward24_lad24.csv.gz"
    council_name = None
    wards: dict[str, Ward] = {}
    lsoas: dict[str, LSOA] = {}
    council = Council(code=code)
    for _line, row in _rows(lookup):
        if row["lad24_code"] != code:
            continue
        council_name = row["lad24_name"]
        ward = wards.setdefault(row["ward24_code"], Ward(code=row["ward24_code"], name=row["ward24_name"]))
        ward.council = council
        lsoas[row["lsoa21_code"]] = LSOA(
            code=row["lsoa21_code"],
            name=row["lsoa21_name"],
            council=council,
            ward=ward,
            msoa_code=row["msoa21_code"],
            msoa_name=row["msoa21_hcl_name"],
        )
    if council_name is None:
        raise LoadError(
            f"No local authority with ONS code {code!r} in {lookup.name}. Use a 2024 English local authority "
            "district code such as E06000004 (Stockton-on-Tees)."
        )
    council.name = council_name
    _attach_population(lsoas)
    _attach_centroids(lsoas)
    _attach_imd2025(lsoas)
    _attach_imd2019(lsoas)
    return council, list(wards.values()), list(lsoas.values())


def _attach_population(lsoas: dict[str, LSOA]) -> None:
    path = ENGLAND / "census2021_lsoa21.csv.gz"
    for line, row in _rows(path):
        lsoa = lsoas.get(row["lsoa21_code"])
        if lsoa is not None:
            lsoa.population = _number(path.name, line, row, "usual_residents_census2021", int)


def _attach_centroids(lsoas: dict[str, LSOA]) -> None:
    path = ENGLAND / "lsoa_centroids.csv.gz"
    for line, row in _rows(path):
        lsoa = lsoas.get(row["lsoa_code"])
        if lsoa is not None:
            lsoa.latitude = _number(path.name, line, row, "latitude")
            lsoa.longitude = _number(path.name, line, row, "longitude")


def _attach_imd2025(lsoas: dict[str, LSOA]) -> None:
    path = ENGLAND / "iod2025_lsoa21.csv.gz"
    for line, row in _rows(path):
        lsoa = lsoas.get(row["lsoa21_code"])
        if lsoa is None:
            continue
        lsoa.imd2025_score = _number(path.name, line, row, "imd_score")
        lsoa.imd2025_rank = _number(path.name, line, row, "imd_rank", int)
        lsoa.imd2025_decile = _number(path.name, line, row, "imd_decile", int)
        lsoa.domain_deciles_2025 = {d: _number(path.name, line, row, f"{d}_decile", int) for d in DOMAINS}


def _attach_imd2019(lsoas: dict[str, LSOA]) -> None:
    """IMD 2019 is on 2011 LSOAs: take the parent's rank (the most deprived parent where LSOAs merged)."""
    parents: dict[str, list[str]] = {}
    for _line, row in _rows(ENGLAND / "lsoa11_lsoa21.csv.gz"):
        if row["lsoa21_code"] in lsoas:
            parents.setdefault(row["lsoa11_code"], []).append(row["lsoa21_code"])
    path = ENGLAND / "iod2019_lsoa11.csv.gz"
    for line, row in _rows(path):
        for child in parents.get(row["lsoa11_code"], ()):
            lsoa = lsoas[child]
            rank = _number(path.name, line, row, "imd_rank", int)
            if lsoa.imd2019_rank is None or rank < lsoa.imd2019_rank:
                lsoa.imd2019_rank = rank
                lsoa.imd2019_decile = _number(path.name, line, row, "imd_decile", int)


def read_postcodes(rows: Iterator[tuple[int, dict]], source: str, council: Council, lsoas: dict[str, LSOA],
                   wards: dict[str, Ward]) -> list[Postcode]:
    """Postcodes with columns postcode, latitude, longitude, lsoa21cd, and optionally ward_code, positional_quality."""
    postcodes: dict[str, Postcode] = {}
    for line, row in rows:
        for column in ("postcode", "lsoa21cd"):
            if column not in row:
                raise LoadError(f"{source}: the file has no {column} column")
        try:
            code = normalise_postcode(row["postcode"])
        except PostcodeError as exc:
            raise LoadError(f"{source}, line {line}, field postcode: {row['postcode']!r} is not a postcode") from exc
        lsoa = lsoas.get(row["lsoa21cd"].strip())
        if lsoa is None:
            raise LoadError(
                f"{source}, line {line}, field lsoa21cd: {row['lsoa21cd']!r} is not an LSOA of {council.name}"
            )
        lat = _number(source, line, row, "latitude", required=False)
        lon = _number(source, line, row, "longitude", required=False)
        if lat is None or lon is None:  # no coordinates: fall back to the LSOA's central point
            lat, lon = lsoa.latitude, lsoa.longitude
        postcodes[code] = Postcode(
            postcode=code,
            council=council,
            lsoa=lsoa,
            ward=wards.get((row.get("ward_code") or "").strip(), lsoa.ward),
            latitude=lat,
            longitude=lon,
            positional_quality=_number(source, line, row, "positional_quality", int, required=False),
        )
    return list(postcodes.values())


def load_council(code: str, postcodes_file: Path | None = None) -> LoadReport:
    code = code.strip().upper()
    council, wards, lsoas = read_council(code)
    report = LoadReport(council=f"{council.name} ({council.code})", wards=len(wards), lsoas=len(lsoas))
    shipped = DATA_DIR / code / "postcodes.csv.gz"
    source = postcodes_file or (shipped if shipped.exists() else None)
    postcodes: list[Postcode] = []
    if source is not None:
        postcodes = read_postcodes(
            _rows(Path(source)), Path(source).name, council, {x.code: x for x in lsoas}, {w.code: w for w in wards}
        )
    else:
        report.notes.append(
            f"No postcode file is shipped for {code}: postcode search will not find addresses until you load one "
            "with --postcodes FILE (columns postcode, latitude, longitude, lsoa21cd)."
        )
    report.postcodes = len(postcodes)
    with transaction.atomic():
        council.save()
        Ward.objects.bulk_create(
            wards, update_conflicts=True, unique_fields=["code"], update_fields=["name", "council"]
        )
        LSOA.objects.bulk_create(
            lsoas,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=[
                "name", "council", "ward", "msoa_code", "msoa_name", "population", "latitude", "longitude",
                "imd2025_score", "imd2025_rank", "imd2025_decile", "imd2019_rank", "imd2019_decile",
                "domain_deciles_2025",
            ],
        )
        if postcodes:
            Postcode.objects.bulk_create(
                postcodes,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["council", "lsoa", "ward", "latitude", "longitude", "positional_quality"],
            )
    return report
