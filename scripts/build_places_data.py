"""Build the geography data shipped in src/communities/places/data/ from the reference copies in ../shared/data.

Run once when the reference data changes: ``python scripts/build_places_data.py ../shared/data``. The product reads
only the files this writes (gzip CSV, subset to the columns it uses); SOURCE.md beside them keeps the attribution.
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "communities" / "places" / "data"
IMD_COLUMNS = ["imd", "income", "employment", "education", "health", "crime", "barriers", "living_env"]


def _open(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def subset(src: Path, dest: Path, columns: list[str], keep=lambda row: True) -> int:
    dest.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    raw = dest.open("wb")
    gz = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0)  # mtime=0: byte-identical rebuilds
    with _open(src) as fin, raw, gz, io.TextIOWrapper(gz, encoding="utf-8", newline="") as fout:
        reader = csv.DictReader(fin)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{src}: missing columns {missing}")
        writer = csv.writer(fout, lineterminator="\n")
        writer.writerow(columns)
        for row in reader:
            if keep(row):
                writer.writerow([row[c] for c in columns])
                n += 1
    print(f"{dest.relative_to(OUT)}: {n} rows")
    return n


def main(shared: Path) -> None:
    geo, imd = shared / "geography", shared / "imd"
    england = OUT / "england"
    subset(
        geo / "lookups" / "lsoa21_msoa21_ward24_lad24_ew.csv",
        england / "lsoa21_ward24_lad24.csv.gz",
        ["lsoa21_code", "lsoa21_name", "msoa21_code", "msoa21_hcl_name", "ward24_code", "ward24_name",
         "lad24_code", "lad24_name"],
        keep=lambda r: r["lsoa21_code"].startswith("E"),
    )
    subset(
        geo / "lookups" / "lsoa11_lsoa21_lad22_ew.csv",
        england / "lsoa11_lsoa21.csv.gz",
        ["lsoa11_code", "lsoa21_code", "change_code"],
        keep=lambda r: r["lsoa21_code"].startswith("E"),
    )
    subset(
        geo / "centroids" / "lsoa_latlong_ew.csv",
        england / "lsoa_centroids.csv.gz",
        ["lsoa_code", "latitude", "longitude"],
        keep=lambda r: r["lsoa_code"].startswith("E"),
    )
    subset(
        geo / "population" / "census2021_usual_residents_lsoa21_ew.csv",
        england / "census2021_lsoa21.csv.gz",
        ["lsoa21_code", "usual_residents_census2021"],
        keep=lambda r: r["lsoa21_code"].startswith("E"),
    )
    subset(
        imd / "iod2025" / "iod2025_lsoa21_england.csv.gz",
        england / "iod2025_lsoa21.csv.gz",
        ["lsoa21_code", "imd_score"] + [f"{d}_{k}" for d in IMD_COLUMNS for k in ("rank", "decile")],
    )
    subset(
        imd / "iod2019" / "iod2019_lsoa11_england.csv.gz",
        england / "iod2019_lsoa11.csv.gz",
        ["lsoa11_code", "imd_score"] + [f"{d}_{k}" for d in IMD_COLUMNS for k in ("rank", "decile")],
    )
    subset(
        geo / "population" / "stockton_population_mid2020_lsoa11_syoa.csv",
        OUT / "E06000004" / "population_mid2020_lsoa11_syoa.csv.gz",
        ["lsoa11_code", "total_population"] + [f"age_{i}" for i in range(90)] + ["age_90_plus"],
    )
    subset(
        geo / "postcodes" / "stockton_postcodes.csv",
        OUT / "E06000004" / "postcodes.csv.gz",
        ["postcode", "latitude", "longitude", "positional_quality", "ward_code", "lsoa21cd", "lsoa11cd"],
    )
    for name in ("stockton_wards_2023.geojson", "stockton_lsoa21.geojson"):
        dest = OUT / "E06000004" / name.replace("stockton_", "")
        shutil.copy(geo / "boundaries" / name, dest)
        print(f"{dest.relative_to(OUT)}: copied")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
