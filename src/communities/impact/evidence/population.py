"""Population: Census 2021 usual residents of the area, and its age profile from ONS mid-2020 population estimates.

The age estimates are for 2011 LSOAs (the newest single-year-of-age file shipped with places); the area's 2021 LSOAs
are matched to their 2011 parents through the ONS LSOA 2011 → 2021 lookup, so where an LSOA was split or merged in
2021 the figure covers the whole 2011 area (said on the figure).
"""

from __future__ import annotations

import csv
import gzip
from functools import cache

from communities.places.loader import DATA_DIR

from .figures import figure, percent

CENSUS = "ONS Census 2021, usual residents by 2021 LSOA (places data)"
ESTIMATES = "ONS mid-2020 population estimates by single year of age, 2011 LSOAs (places data)"
AGE_BANDS = (("Children (0 to 15)", 0, 15), ("Working age (16 to 64)", 16, 64), ("Older people (65 and over)", 65, 200))


def figures(area) -> dict[str, list[dict]]:
    if not area.lsoa_codes:
        return {}
    general = [figure(
        "Usual residents", f"{area.population:,}", value=area.population, period="Census day, 21 March 2021",
        geography=f"{area.name} ({len(area.lsoa_codes)} LSOAs)", source=CENSUS,
        note=f"{percent(area.population, area.borough_population)} of the borough's {area.borough_population:,}",
    )]
    return {"": general, "age": _age_profile(area)}


def _age_profile(area) -> list[dict]:
    by_lsoa11 = _estimates(area.lsoas.values_list("council_id", flat=True).first() or "")
    parents = _parents(tuple(area.lsoa_codes))
    counts = [by_lsoa11[code] for code in parents if code in by_lsoa11]
    if not counts:
        return []
    total = sum(sum(ages) for ages in counts)
    changed = len(parents) != len(area.lsoa_codes)
    rows = []
    for label, low, high in AGE_BANDS:
        band = sum(sum(ages[low:high + 1]) for ages in counts)
        rows.append(figure(
            label, f"{band:,} ({percent(band, total)})", value=band, period="mid-2020",
            geography=f"{area.name} ({len(parents)} 2011 LSOAs)", source=ESTIMATES,
            note="2011 LSOA boundaries: some 2021 LSOAs were split or merged" if changed else "",
        ))
    return rows


@cache
def _estimates(council_code: str) -> dict[str, tuple[int, ...]]:
    path = DATA_DIR / council_code / "population_mid2020_lsoa11_syoa.csv.gz"
    if not council_code or not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {row["lsoa11_code"]: tuple(int(row[f"age_{i}"]) for i in range(90)) + (int(row["age_90_plus"]),)
                for row in csv.DictReader(handle)}


def _parents(lsoa21_codes: tuple[str, ...]) -> list[str]:
    wanted = set(lsoa21_codes)
    return sorted({code11 for code11, code21 in _lookup() if code21 in wanted})


@cache
def _lookup() -> tuple[tuple[str, str], ...]:
    from communities.places.loader import ENGLAND

    with gzip.open(ENGLAND / "lsoa11_lsoa21.csv.gz", "rt", encoding="utf-8") as handle:
        return tuple((row["lsoa11_code"], row["lsoa21_code"]) for row in csv.DictReader(handle))
