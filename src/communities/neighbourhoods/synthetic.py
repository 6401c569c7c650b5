"""The SYNTHETIC police.uk sample: 24 months of made-up street-level rows for the demo borough, in police.uk's exact
file format (docs/police-uk-crime.md). Not police data. Regenerate with ``python -m
communities.neighbourhoods.synthetic`` (seeded, so the files only change when this code does).

Rows per LSOA and month are Poisson with a mean proportional to Census 2021 population and higher where the IoD 2025
crime domain is more deprived; the mix of types is a fixed made-up share. Locations say "(synthetic)".
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from datetime import date
from pathlib import Path

import numpy as np

from .policeuk import ASB, COLUMNS, CRIME_TYPES

FOLDER = Path(__file__).resolve().parent / "data" / "police-uk-synthetic"
PLACES = Path(__file__).resolve().parent.parent / "places" / "data" / "england"
FIRST_MONTH = date(2024, 10, 1)
MONTHS = 24
FORCE = "Cleveland Police"
# Made-up shares of each type (sum 1), roughly the shape of a year's street-level file; not a statistic.
SHARES = dict(zip(CRIME_TYPES, (0.22, 0.01, 0.05, 0.10, 0.03, 0.08, 0.01, 0.09, 0.01, 0.08, 0.01, 0.05, 0.23, 0.03),
                  strict=True))
OUTCOMES = ("Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation",
            "Local resolution", "Awaiting court outcome")
PER_1000_A_MONTH = 3.0  # made up
NEIGHBOUR = "E01012000"  # a Hartlepool LSOA (Cleveland Police covers four boroughs): rows outside the area


def months() -> list[date]:
    out, year, month = [], FIRST_MONTH.year, FIRST_MONTH.month
    for _ in range(MONTHS):
        out.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def demo_borough_lsoas(council: str = "E06000004") -> list[tuple[str, str, float, float, int, int]]:
    """(code, name, latitude, longitude, Census 2021 residents, IoD 2025 crime decile) from places' shipped files."""
    def read(name):
        with gzip.open(PLACES / name, "rt", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    names = {r["lsoa21_code"]: r["lsoa21_name"] for r in read("lsoa21_ward24_lad24.csv.gz")
             if r["lad24_code"] == council}
    points = {r["lsoa_code"]: (float(r["latitude"]), float(r["longitude"])) for r in read("lsoa_centroids.csv.gz")
              if r["lsoa_code"] in names}
    people = {r["lsoa21_code"]: int(r["usual_residents_census2021"]) for r in read("census2021_lsoa21.csv.gz")
              if r["lsoa21_code"] in names}
    crime = {r["lsoa21_code"]: int(r["crime_decile"]) for r in read("iod2025_lsoa21.csv.gz")
             if r["lsoa21_code"] in names}
    return [(c, names[c], *points[c], people[c], crime.get(c, 5)) for c in sorted(names)]


def rows_for(month: date, lsoas, rng: np.random.Generator):
    types, shares = list(SHARES), np.array(list(SHARES.values()))
    for code, name, lat, lon, population, crime_decile in lsoas:
        weight = 1.0 + (10 - (crime_decile or 5)) * 0.15
        n = rng.poisson(population / 1000 * PER_1000_A_MONTH * weight)
        for kind in rng.choice(len(types), size=n, p=shares / shares.sum()):
            crime_type = types[kind]
            dlat, dlon = rng.normal(0, 0.002, 2)
            crime_id = "" if crime_type == ASB else hashlib.sha256(rng.bytes(16)).hexdigest()
            outcome = "" if crime_type == ASB else OUTCOMES[rng.integers(len(OUTCOMES))]
            yield [crime_id, f"{month:%Y-%m}", FORCE, FORCE, f"{lon + dlon:.6f}", f"{lat + dlat:.6f}",
                   "On or near (synthetic)", code, name, crime_type, outcome, ""]
    # As in real files: a row police.uk could not place, and one from a neighbouring borough.
    yield ["", f"{month:%Y-%m}", FORCE, FORCE, "", "", "No location", "", "", "Other theft", "Under investigation", ""]
    yield ["", f"{month:%Y-%m}", FORCE, FORCE, "-1.230000", "54.560000", "On or near (synthetic)", NEIGHBOUR,
           "Hartlepool 007E", ASB, "", ""]


def write(lsoas, folder: Path = FOLDER, seed: int = 18) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for month in months():
        path = folder / f"{month:%Y-%m}-cleveland-street-SYNTHETIC.csv.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as raw, open_text(raw) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows_for(month, lsoas, rng))
        paths.append(path)
    return paths


def open_text(raw):
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def sample_files() -> list[Path]:
    return sorted(FOLDER.glob("*.csv.gz"))


if __name__ == "__main__":  # pragma: no cover - regenerates the shipped files
    for written in write(demo_borough_lsoas()):
        print(written)
