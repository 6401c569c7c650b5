"""Ward boundaries by year: which 2021 LSOAs make up each ward, for the ward set before and after May 2023.

Stockton-on-Tees changed its wards at the May 2023 elections (26 wards, codes E05001527-E05001552, became 27, codes
E05014858-E05014884). Every figure in a profile is built from 2021 LSOAs, so a ward is a list of 2021 LSOAs:

* ``2023`` (current): ONS *LSOA (2021) to Electoral Ward (2024) best fit* - the ward ``places`` gives each LSOA.
* ``2019`` (until May 2023): ONS *LSOA (2011) to Ward (2019)* (``data/lsoa11_ward2019.csv``), each 2011 LSOA followed
  to its 2021 successors with the ONS 2011 -> 2021 correspondence. An unchanged or split 2011 LSOA passes all its
  2021 LSOAs to its ward; a 2021 LSOA merged from parents in different wards goes to its first parent's ward (none
  in Stockton: 116 unchanged, 4 split).

Both are best-fit lookups (an LSOA can straddle a ward boundary); a profile names the set it used.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

DATA = Path(__file__).resolve().parent / "data"
PLACES_DATA = Path(__file__).resolve().parent.parent / "places" / "data" / "england"
CURRENT = 2023


@dataclass(frozen=True)
class BoundarySet:
    year: int
    label: str
    lookup: str


BOUNDARY_SETS = {
    2023: BoundarySet(2023, "Wards in force since May 2023 (27 wards)",
                      "ONS LSOA (2021) to Electoral Ward (2024) best-fit lookup, OGL v3"),
    2019: BoundarySet(2019, "Wards in force until May 2023 (26 wards)",
                      "ONS LSOA (2011) to Ward (2019) lookup with the ONS LSOA 2011 to 2021 correspondence, OGL v3"),
}


@dataclass(frozen=True)
class WardArea:
    code: str
    name: str
    boundary_year: int
    lsoa_codes: tuple[str, ...]

    @property
    def boundaries(self) -> BoundarySet:
        return BOUNDARY_SETS[self.boundary_year]


@lru_cache(maxsize=1)
def _lsoa11_to_21() -> dict[str, tuple[str, ...]]:
    ours = {row["lsoa11_code"] for row in _ward2019_rows()}
    children: dict[str, list[str]] = {}
    with gzip.open(PLACES_DATA / "lsoa11_lsoa21.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["lsoa11_code"] in ours:
                children.setdefault(row["lsoa11_code"], []).append(row["lsoa21_code"])
    return {code: tuple(sorted(kids)) for code, kids in children.items()}


@lru_cache(maxsize=1)
def _ward2019_rows() -> tuple[dict, ...]:
    with open(DATA / "lsoa11_ward2019.csv", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _wards_2019() -> dict[str, WardArea]:
    lookup, names, placed = {}, {}, set()
    for row in _ward2019_rows():
        names[row["ward19_code"]] = row["ward19_name"]
        for lsoa21 in _lsoa11_to_21().get(row["lsoa11_code"], ()):
            if lsoa21 not in placed:
                placed.add(lsoa21)
                lookup.setdefault(row["ward19_code"], []).append(lsoa21)
    return {code: WardArea(code, names[code], 2019, tuple(sorted(lookup.get(code, ())))) for code in sorted(names)}


def _wards_2023() -> dict[str, WardArea]:
    from communities.places.models import LSOA

    wards: dict[str, tuple[str, list[str]]] = {}
    rows = LSOA.objects.filter(council_id=settings.COUNCIL_CODE).values_list("ward_id", "ward__name", "code")
    for ward_code, ward_name, lsoa in rows.order_by("code"):
        wards.setdefault(ward_code, (ward_name, []))[1].append(lsoa)
    return {code: WardArea(code, name, 2023, tuple(lsoas)) for code, (name, lsoas) in sorted(wards.items())}


def wards(boundary_year: int = CURRENT) -> dict[str, WardArea]:
    """Wards of the configured council in ``boundary_year``'s set, by code, each with its 2021 LSOAs."""
    if boundary_year not in BOUNDARY_SETS:
        raise ValueError(f"no ward boundaries for {boundary_year}; known: {sorted(BOUNDARY_SETS)}")
    if boundary_year == 2019:
        return _wards_2019() if settings.COUNCIL_CODE == "E06000004" else {}
    return _wards_2023()


def find_ward(code: str) -> WardArea | None:
    """The ward with this code in whichever boundary set has it (ward codes are never reused)."""
    for year in sorted(BOUNDARY_SETS, reverse=True):
        ward = wards(year).get(code)
        if ward is not None:
            return ward
    return None
