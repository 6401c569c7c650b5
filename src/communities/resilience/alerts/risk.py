"""Community risk score per 2021 LSOA: deprivation, older people, health and disability, emergency register counts.

The weights, what each part measures and why live in ``data/risk_weights.yaml``; this module only turns each part into
a value from 0 (lowest need) to 1 (highest need) and takes the weighted mean of the parts that have data. Call lists
are ordered by it (``scores_by_lsoa``), and the risk map shows it with the method.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.db.models import Count

from communities.places.loader import DATA_DIR, ENGLAND
from communities.places.models import LSOA

WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "risk_weights.yaml"
PARTS = ("deprivation", "older_people", "health", "register")
OLDER_AGE = 65
OLDEST_AGE = 75


class RiskDataError(Exception):
    """The weights file or an age file is wrong; the message names the file and field."""


@dataclass(frozen=True)
class RiskScore:
    """One LSOA's score (0-100, higher means more need) and the facts behind it."""

    lsoa_code: str
    lsoa_name: str
    ward_name: str
    population: int
    score: float
    rank: int  # 1 = highest score in the council
    imd2025_decile: int | None
    health_decile: int | None
    share_65_plus: float | None
    share_75_plus: float | None
    register_count: int
    parts: dict[str, float] = field(default_factory=dict)  # part -> 0..1 value used

    @property
    def register_per_1000(self) -> float | None:
        if not self.population:
            return None
        return 1000 * self.register_count / self.population


@dataclass(frozen=True)
class Part:
    name: str
    weight: float
    label: str
    measure: str
    rationale: str
    source: str


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> tuple[Part, ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RiskDataError(f"{path.name}: cannot be read ({exc})") from exc
    parts = (data or {}).get("parts") or {}
    result = []
    for name in PARTS:
        entry = parts.get(name)
        if not isinstance(entry, dict):
            raise RiskDataError(f"{path.name}: parts.{name} is missing")
        weight = entry.get("weight")
        if not isinstance(weight, int | float) or weight < 0:
            raise RiskDataError(f"{path.name}: parts.{name}.weight must be a number of 0 or more, not {weight!r}")
        for key in ("label", "measure", "rationale", "source"):
            if not str(entry.get(key) or "").strip():
                raise RiskDataError(f"{path.name}: parts.{name}.{key} is required")
        result.append(Part(name, float(weight), entry["label"], entry["measure"], entry["rationale"], entry["source"]))
    return tuple(result)


def weights_reviewed() -> str:
    data = yaml.safe_load(WEIGHTS_FILE.read_text(encoding="utf-8")) or {}
    return str(data.get("reviewed", ""))


@lru_cache(maxsize=4)
def older_shares(council_code: str) -> dict[str, tuple[float, float]]:
    """2021 LSOA code -> (share aged 65+, share aged 75+) from the ONS mid-2020 single-year-of-age estimates.

    Those are on 2011 LSOAs: a 2021 LSOA adds up the people of every 2011 LSOA it came from (a split parent gives its
    share to each child; merged parents are added together). Empty when the council has no age file.
    """
    path = DATA_DIR / council_code / "population_mid2020_lsoa11_syoa.csv.gz"
    if not path.exists():
        return {}
    by_lsoa11: dict[str, tuple[int, int, int]] = {}
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            by_lsoa11[row["lsoa11_code"]] = _age_counts(path.name, line, row)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    with gzip.open(ENGLAND / "lsoa11_lsoa21.csv.gz", "rt", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            counts = by_lsoa11.get(row["lsoa11_code"])
            if counts:
                total = totals[row["lsoa21_code"]]
                for index, value in enumerate(counts):
                    total[index] += value
    return {code: (old / everyone, oldest / everyone) for code, (everyone, old, oldest) in totals.items() if everyone}


def _age_counts(name: str, line: int, row: dict) -> tuple[int, int, int]:
    def number(column: str) -> int:
        raw = (row.get(column) or "").strip()
        if not raw.isdigit():
            raise RiskDataError(f"{name}, line {line}, field {column}: {raw!r} is not a whole number")
        return int(raw)

    ages = [number(f"age_{age}") for age in range(90)] + [number("age_90_plus")]
    return sum(ages), sum(ages[OLDER_AGE:]), sum(ages[OLDEST_AGE:])


def register_counts_by_lsoa() -> dict[str, int]:
    """Emergency register entries with current consent per 2021 LSOA: counts only, no one is named."""
    from communities.resilience.models import RegisterEntry

    rows = RegisterEntry.objects.current().values("lsoa_id").annotate(n=Count("pk")).values_list("lsoa_id", "n")
    return dict(rows)


def _decile_need(decile: int | None) -> float | None:
    return None if decile is None else (10 - decile) / 9


def _scaled(values: Mapping[str, float | None], floor: float | None = None) -> dict[str, float]:
    """Scale to 0..1 across the council (lowest -> 0 unless ``floor`` given, highest -> 1)."""
    present = [v for v in values.values() if v is not None]
    if not present:
        return {}
    low = min(present) if floor is None else floor
    span = max(present) - low
    return {code: (0.0 if span <= 0 else (v - low) / span) for code, v in values.items() if v is not None}


def scores_by_lsoa(
    council_code: str | None = None, *, register_counts: Mapping[str, int] | None = None
) -> dict[str, RiskScore]:
    """Every LSOA of the council -> its RiskScore. ``register_counts`` defaults to the emergency register's; pass an
    empty mapping to leave the register out (the other parts' weights then share the score)."""
    council_code = council_code or settings.COUNCIL_CODE
    lsoas = list(LSOA.objects.filter(council_id=council_code).select_related("ward").order_by("code"))
    if register_counts is None:
        register_counts = register_counts_by_lsoa()
    shares = older_shares(council_code)
    parts = _part_values(lsoas, shares, register_counts)
    weights = {part.name: part.weight for part in load_weights()}
    scored = []
    for lsoa in lsoas:
        used = {name: values[lsoa.code] for name, values in parts.items() if lsoa.code in values}
        total_weight = sum(weights[name] for name in used)
        score = 100 * sum(weights[name] * value for name, value in used.items()) / total_weight if total_weight else 0
        scored.append((lsoa, round(score, 1), used))
    scored.sort(key=lambda item: (-item[1], item[0].code))
    result = {}
    for rank, (lsoa, score, used) in enumerate(scored, start=1):
        share = shares.get(lsoa.code)
        result[lsoa.code] = RiskScore(
            lsoa_code=lsoa.code,
            lsoa_name=lsoa.name,
            ward_name=lsoa.ward.name,
            population=lsoa.population,
            score=score,
            rank=rank,
            imd2025_decile=lsoa.imd2025_decile,
            health_decile=(lsoa.domain_deciles_2025 or {}).get("health"),
            share_65_plus=share[0] if share else None,
            share_75_plus=share[1] if share else None,
            register_count=int(register_counts.get(lsoa.code, 0)),
            parts=used,
        )
    return result


def _part_values(lsoas, shares, register_counts) -> dict[str, dict[str, float]]:
    deprivation = {lsoa.code: _decile_need(lsoa.imd2025_decile) for lsoa in lsoas}
    health = {lsoa.code: _decile_need((lsoa.domain_deciles_2025 or {}).get("health")) for lsoa in lsoas}
    values = {
        "deprivation": {code: v for code, v in deprivation.items() if v is not None},
        "health": {code: v for code, v in health.items() if v is not None},
        "older_people": _scaled({lsoa.code: shares[lsoa.code][0] for lsoa in lsoas if lsoa.code in shares}),
    }
    if register_counts:
        rates = {
            lsoa.code: 1000 * register_counts.get(lsoa.code, 0) / lsoa.population for lsoa in lsoas if lsoa.population
        }
        values["register"] = _scaled(rates, floor=0.0)
    return values
