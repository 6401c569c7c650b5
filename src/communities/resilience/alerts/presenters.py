"""The risk map's table rows and colours: sorting by a column the page offers, score bands, CSV rows."""

from __future__ import annotations

from dataclasses import dataclass

from communities.places.svgmap import MapArea

from .risk import RiskScore

# Five bands, darker for higher need: ColorBrewer "YlOrRd" (5 classes, colour-blind safe), from colorbrewer2.org.
BAND_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
BAND_NAMES = ("lowest fifth", "second fifth", "middle fifth", "fourth fifth", "highest fifth")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: object  # RiskScore -> sortable value
    numeric: bool = True


def _or_low(value):
    return -1 if value is None else value


COLUMNS = (
    Column("rank", "Rank", lambda s: s.rank),
    Column("lsoa", "Area (LSOA)", lambda s: s.lsoa_name, numeric=False),
    Column("ward", "Ward", lambda s: s.ward_name, numeric=False),
    Column("score", "Risk score", lambda s: s.score),
    Column("imd", "IMD 2025 decile", lambda s: _or_low(s.imd2025_decile)),
    Column("older", "Aged 65+", lambda s: _or_low(s.share_65_plus)),
    Column("health", "Health decile", lambda s: _or_low(s.health_decile)),
    Column("register", "On register", lambda s: s.register_count),
    Column("population", "Residents", lambda s: s.population),
)
BY_KEY = {column.key: column for column in COLUMNS}


def sorted_scores(scores: dict[str, RiskScore], sort: str, descending: bool) -> list[RiskScore]:
    column = BY_KEY.get(sort, BY_KEY["rank"])
    return sorted(scores.values(), key=lambda s: (column.value(s), s.lsoa_code), reverse=descending)


def header_links(sort: str, descending: bool) -> list[dict]:
    """Each column's sort link: the current column flips its order; aria-sort says the state."""
    current = sort if sort in BY_KEY else "rank"
    links = []
    for column in COLUMNS:
        active = column.key == current
        next_desc = not descending if active else column.key in ("score", "register", "older", "population")
        links.append({"label": column.label, "numeric": column.numeric,
                      "query": f"?sort={column.key}&order={'desc' if next_desc else 'asc'}",
                      "aria_sort": ("descending" if descending else "ascending") if active else "none"})
    return links


def band(score: RiskScore, total: int) -> int:
    """0..4 by rank: the council's LSOAs in fifths, highest need in band 4."""
    return min(4, (total - score.rank) * 5 // max(total, 1))


def map_areas(scores: dict[str, RiskScore]) -> dict[str, MapArea]:
    """Shading and a tooltip only: the table below the map is the way to every value (124 links in a map would be
    124 tab stops before it)."""
    total = len(scores)
    return {
        code: MapArea(fill=BAND_COLOURS[band(s, total)],
                      label=f"{s.lsoa_name}: risk score {s.score:g}, rank {s.rank} of {total}")
        for code, s in scores.items()
    }


CSV_HEADER = ["lsoa21_code", "lsoa_name", "ward", "rank", "risk_score", "imd2025_decile", "share_aged_65_plus",
              "share_aged_75_plus", "health_decile", "register_entries", "register_per_1000", "residents"]


def csv_rows(scores: dict[str, RiskScore]):
    yield CSV_HEADER
    for s in sorted(scores.values(), key=lambda s: s.rank):
        yield [s.lsoa_code, s.lsoa_name, s.ward_name, s.rank, s.score, s.imd2025_decile,
               None if s.share_65_plus is None else round(s.share_65_plus, 4),
               None if s.share_75_plus is None else round(s.share_75_plus, 4), s.health_decile, s.register_count,
               None if s.register_per_1000 is None else round(s.register_per_1000, 2), s.population]
