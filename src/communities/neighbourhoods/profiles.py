"""Neighbourhood profiles: deprivation, Census 2021, crime, Insight indicators and services for any set of 2021 LSOAs.

:class:`BoroughData` reads everything a profile needs for the whole borough in a handful of queries; a profile then
sums arrays for its LSOAs, so all 151 ward and LSOA profiles are computed from one load (benchmarks/
neighbourhood_profiles.py). Rates, intervals and comparisons come from :mod:`communities.stats`; every count is
published through :mod:`communities.stats.suppression`, and a rate whose count is withheld is withheld too.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db.models import Sum

from communities import stats
from communities.places.loader import DOMAINS
from communities.stats.suppression import suppress_one, suppress_row

from . import partner_counts
from .areas import Area, borough
from .boundaries import PLACES_DATA
from .crime import ASB, CRIME_TYPES, latest_months
from .figures import OGL, Figure, NearbyService, Profile, Section
from .models import CrimeCount, CrimeImport

DOMAIN_NAMES = {"income": "Income", "employment": "Employment", "education": "Education, skills and training",
                "health": "Health deprivation and disability", "crime": "Crime",
                "barriers": "Barriers to housing and services", "living_env": "Living environment"}
IOD2025 = "English Indices of Deprivation 2025 (MHCLG)"
IOD2019 = "English Indices of Deprivation 2019 (MHCLG)"
CENSUS = "ONS Census 2021 (usual residents, TS001)"
POLICE = "police.uk street-level crime data"
POLICE_LICENCE = "Open Government Licence v3.0 (police.uk)"
NEARBY_MILES = 1.0


def threshold() -> int:
    return getattr(settings, "NEIGHBOURHOOD_SUPPRESSION_THRESHOLD", 5)


@lru_cache(maxsize=1)
def england_most_deprived_shares() -> dict[str, float]:
    """Share of England's Census 2021 residents living in LSOAs in England's most deprived 20% (IoD 2025 deciles 1-2),
    for the IMD and each domain, from places' shipped files."""
    with gzip.open(PLACES_DATA / "census2021_lsoa21.csv.gz", "rt", encoding="utf-8") as handle:
        people = {r["lsoa21_code"]: int(r["usual_residents_census2021"]) for r in csv.DictReader(handle)}
    totals = dict.fromkeys(["imd", *DOMAINS], 0)
    population = 0
    with gzip.open(PLACES_DATA / "iod2025_lsoa21.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            n = people.get(row["lsoa21_code"], 0)
            population += n
            for key in totals:
                if int(row[f"{key}_decile"]) <= 2:
                    totals[key] += n
    return {key: value / population for key, value in totals.items()}


@dataclass
class BoroughData:
    """Every 2021 LSOA of the council as arrays (one row per LSOA), loaded once."""

    codes: list[str]
    names: dict[str, str]
    index: dict[str, int]
    population: np.ndarray
    deciles: dict[str, np.ndarray]  # "imd", each domain, "imd2019"
    points: np.ndarray  # (n, 2) latitude, longitude
    crime: np.ndarray  # (n, len(CRIME_TYPES)) counts over the crime period
    crime_period: str
    crime_synthetic: bool
    _insight: tuple | None = None

    @classmethod
    def load(cls) -> BoroughData:
        from communities.places.models import LSOA

        rows = list(LSOA.objects.filter(council_id=settings.COUNCIL_CODE).order_by("code").values(
            "code", "name", "population", "imd2025_decile", "imd2019_decile", "domain_deciles_2025", "latitude",
            "longitude"))
        codes = [r["code"] for r in rows]
        index = {c: i for i, c in enumerate(codes)}
        deciles = {"imd": _ints([r["imd2025_decile"] for r in rows]),
                   "imd2019": _ints([r["imd2019_decile"] for r in rows])}
        for d in DOMAINS:
            deciles[d] = _ints([(r["domain_deciles_2025"] or {}).get(d) for r in rows])
        months = latest_months(12)
        crime = np.zeros((len(codes), len(CRIME_TYPES)), dtype=np.int64)
        column = {t: j for j, t in enumerate(CRIME_TYPES)}
        sums = (CrimeCount.objects.filter(month__in=months).values("lsoa_id", "crime_type")
                .annotate(n=Sum("count")).values_list("lsoa_id", "crime_type", "n"))
        for lsoa, kind, n in sums:
            if lsoa in index and kind in column:
                crime[index[lsoa], column[kind]] += n
        synthetic = CrimeImport.objects.filter(counts__month__in=months, synthetic=True).exists()
        period = f"{months[0]:%B %Y} to {months[-1]:%B %Y} ({len(months)} months)" if months else ""
        return cls(
            codes=codes, names={r["code"]: r["name"] for r in rows}, index=index,
            population=np.array([r["population"] or 0 for r in rows], dtype=np.int64), deciles=deciles,
            points=np.array([(r["latitude"] or np.nan, r["longitude"] or np.nan) for r in rows], dtype=float),
            crime=crime, crime_period=period, crime_synthetic=synthetic,
        )

    def insight(self) -> tuple[dict, dict]:
        """Latest Insight value per indicator for every ward and LSOA, and borough and England values (one query)."""
        if self._insight is None:
            from communities.insight.models import IndicatorValue

            latest, benchmarks = {}, {}
            values = (IndicatorValue.objects.filter(area_type__in=["ward", "lsoa", "borough", "england"])
                      .select_related("indicator").order_by("indicator__sort_order", "indicator_id", "-year"))
            for v in values:
                if v.area_type in ("borough", "england"):
                    benchmarks[(v.indicator_id, v.period, v.area_type)] = v.value
                else:
                    latest.setdefault((v.area_type, v.area_code), {}).setdefault(v.indicator_id, v)
            self._insight = (latest, benchmarks)
        return self._insight

    def rows(self, area: Area) -> np.ndarray:
        return np.array([self.index[c] for c in area.lsoa_codes if c in self.index], dtype=np.int64)


def _ints(values) -> np.ndarray:
    return np.array([v if v is not None else 0 for v in values], dtype=np.int64)


def _fmt(x: float, decimals: int = 1) -> str:
    return "" if x is None or not np.isfinite(x) else f"{x:,.{decimals}f}"


_WORDS = {"Better": "better than", "Worse": "worse than", "Same": "similar to", "Higher": "higher than",
          "Lower": "lower than", "Similar": "similar to"}


def _compare_many(value, lower, upper, benchmark, polarity: str, name: str) -> list[str]:
    """Fingertips-style comparison by 95% interval overlap (communities.stats), in words, for arrays of figures."""
    labels = np.atleast_1d(stats.compare_ci_overlap(value, lower, upper, benchmark, polarity))
    bench = np.broadcast_to(np.asarray(benchmark, dtype=float), labels.shape)
    return [f"{_WORDS[str(label)].capitalize()} {name} ({_fmt(b)}; 95% interval overlap)" if str(label) in _WORDS
            else "" for label, b in zip(labels, bench, strict=True)]


def _compare(value, lower, upper, benchmark, polarity: str, name: str) -> str:
    return _compare_many(value, lower, upper, benchmark, polarity, name)[0]


# --- sections --------------------------------------------------------------------------------------------------
def census_section(area: Area, data: BoroughData, rows: np.ndarray) -> Section:
    people = int(data.population[rows].sum())
    total = int(data.population.sum())
    share = stats.proportion(people, total, multiplier=100) if total else None
    return Section("Who lives here", [
        Figure("Usual residents", suppress_one(people, threshold()).label, "Census day, 21 March 2021",
               area.geography, CENSUS, OGL, "All usual residents"),
        Figure("Share of the borough's residents (%)", _fmt(share.value) if share else "", "Census day, 21 March 2021",
               area.geography, CENSUS, OGL, f"{total:,} residents of the borough"),
    ])


def deprivation_section(area: Area, data: BoroughData, rows: np.ndarray) -> Section:
    section = Section("Deprivation (Indices of Deprivation 2025)",
                      note="Deciles rank every LSOA in England: 1 is the most deprived tenth. The 2019 figures are on "
                           "2011 LSOAs and a different method and are shown for context only: they are not "
                           "comparable with 2025.")
    if area.kind == "lsoa":
        i = rows[0]
        section.figures.append(Figure("Index of Multiple Deprivation decile", str(data.deciles["imd"][i]), "IoD 2025",
                                      area.geography, IOD2025, OGL, "33,755 LSOAs in England"))
        for d in DOMAINS:
            section.figures.append(Figure(f"{DOMAIN_NAMES[d]} domain decile", str(data.deciles[d][i]), "IoD 2025",
                                          area.geography, IOD2025, OGL, "33,755 LSOAs in England"))
        section.figures.append(Figure("Index of Multiple Deprivation decile, 2019 (not comparable)",
                                      str(data.deciles["imd2019"][i] or "not known"), "IoD 2019", area.geography,
                                      IOD2019, OGL, "32,844 LSOAs (2011) in England",
                                      note="From the 2011 LSOA this area came from"))
        return section
    england = england_most_deprived_shares()
    people = int(data.population[rows].sum())
    keys = ["imd", *DOMAINS]
    inside = np.array([data.population[rows][(data.deciles[k][rows] >= 1) & (data.deciles[k][rows] <= 2)].sum()
                       for k in keys], dtype=float)
    borough = np.array([data.population[(data.deciles[k] >= 1) & (data.deciles[k] <= 2)].sum() for k in keys])
    borough_share = 100 * borough / data.population.sum()
    est = stats.proportion(inside, np.full(inside.shape, max(people, 1)), multiplier=100)
    versus_borough = _compare_many(est.value, est.lower, est.upper, borough_share, "low_is_good", "the borough")
    versus_england = _compare_many(est.value, est.lower, est.upper, [100 * england[k] for k in keys],
                                   "low_is_good", "England")
    for i, key in enumerate(keys):
        label = "Index of Multiple Deprivation" if key == "imd" else f"{DOMAIN_NAMES[key]} domain"
        section.figures.append(Figure(
            f"Residents in England's most deprived 20%: {label} (%)", _fmt(est.value[i]), "IoD 2025; Census 2021",
            area.geography, f"{IOD2025}; {CENSUS}", OGL, "Census 2021 usual residents",
            lower=_fmt(est.lower[i]), upper=_fmt(est.upper[i]), borough=versus_borough[i],
            england=versus_england[i]))
    in_decile_1 = int((data.deciles["imd"][rows] == 1).sum())
    section.figures.append(Figure("LSOAs in England's most deprived 10% (IMD 2025)", f"{in_decile_1} of {len(rows)}",
                                  "IoD 2025", area.geography, IOD2025, OGL, f"{len(rows)} LSOAs"))
    in2019 = data.population[rows][(data.deciles["imd2019"][rows] >= 1) & (data.deciles["imd2019"][rows] <= 2)]
    share2019 = 100 * in2019.sum() / people if people else np.nan
    section.figures.append(Figure("Residents in England's most deprived 20%, IoD 2019 (%, not comparable)",
                                  _fmt(share2019), "IoD 2019 (2011 LSOAs)", area.geography, IOD2019, OGL,
                                  "Census 2021 usual residents", note="Context only: not comparable with 2025"))
    return section


def crime_section(area: Area, data: BoroughData, rows: np.ndarray) -> Section:
    source = POLICE + (" - SYNTHETIC SAMPLE, not real police data" if data.crime_synthetic else "")
    section = Section("Crime and anti-social behaviour", note=(
        "Rates per 1,000 usual residents (Census 2021) over the last 12 months imported, with 95% exact Poisson or "
        "Byar's intervals, compared with the borough. No England figure: only the local force's files are imported."))
    if not data.crime_period:
        section.note = "No police.uk files have been imported yet."
        return section
    people = int(data.population[rows].sum())
    asb = CRIME_TYPES.index(ASB)
    counts, borough_counts = data.crime[rows].sum(axis=0), data.crime.sum(axis=0)
    crimes = {t: int(counts[j]) for j, t in enumerate(CRIME_TYPES) if j != asb}
    published = suppress_row(crimes, threshold())
    labels = ["All crime (excluding anti-social behaviour)", ASB, *crimes]
    shown = [published.total, suppress_one(int(counts[asb]), threshold()), *published.cells.values()]
    true = np.array([sum(crimes.values()), counts[asb], *crimes.values()], dtype=float)
    bench = np.array([borough_counts.sum() - borough_counts[asb], borough_counts[asb],
                      *(borough_counts[CRIME_TYPES.index(t)] for t in crimes)], dtype=float)
    common = {"period": data.crime_period, "geography": area.geography, "source": source, "licence": POLICE_LICENCE,
              "denominator": f"{people:,} usual residents (Census 2021)"}
    if not people:
        section.figures += [Figure(f"{label}: crimes recorded", s.label, suppressed=s.suppressed, **common)
                            for label, s in zip(labels, shown, strict=True)]
        return section
    rate = stats.crude_rate(true, np.full(true.shape, people), multiplier=1000)
    borough_rate = 1000 * bench / data.population.sum()
    verdicts = _compare_many(rate.value, rate.lower, rate.upper, borough_rate, "low_is_good", "the borough")
    for i, (label, s) in enumerate(zip(labels, shown, strict=True)):
        if s.suppressed:
            section.figures.append(Figure(f"{label}: crimes recorded", s.label, suppressed=True, **common,
                                          note="Rate not shown because the count is withheld"))
        else:
            section.figures.append(Figure(
                f"{label}: crimes recorded ({s.label}), rate per 1,000 residents", _fmt(rate.value[i]), **common,
                lower=_fmt(rate.lower[i]), upper=_fmt(rate.upper[i]), borough=verdicts[i]))
    return section


def insight_section(area: Area, data: BoroughData) -> Section:
    """The latest value of each Insight indicator published for this ward or LSOA, with the borough and England."""
    section = Section("Insight indicators", note="From the council's Insight indicators (communities.insight).")
    if area.kind not in ("lsoa", "ward"):
        section.note = "Insight indicators are published for wards and LSOAs only."
        return section
    latest, benchmarks = data.insight()
    values = latest.get((area.kind, area.code), {})
    section.figures += [_insight_figure(area, v, benchmarks) for v in values.values()]
    if not values:
        section.note = "No Insight indicator is published for this area."
    return section


def _insight_figure(area: Area, v, benchmarks) -> Figure:
    ind = v.indicator
    source = ind.source + (" (synthetic demonstration data)" if ind.synthetic else "")
    common = {"period": v.period, "geography": area.geography, "source": source or "Insight",
              "licence": "As published by the source", "denominator": ind.denominator_definition or "",
              "label": f"{ind.name} ({ind.unit})" if ind.unit else ind.name}
    if v.numerator is not None and v.numerator < threshold():
        return Figure(value=f"fewer than {threshold()} events", suppressed=True, **common,
                      note="Value not shown because it rests on a small count")
    fmt = lambda x: "" if x is None else f"{x:,.{ind.decimals}f}"  # noqa: E731
    comparisons = {}
    for key, name in (("borough", "the borough"), ("england", "England")):
        bench = benchmarks.get((v.indicator_id, v.period, key))
        if bench is not None and v.value is not None and v.lower is not None:
            comparisons[key] = _compare(v.value, v.lower, v.upper, bench, ind.polarity, name)
    return Figure(value=fmt(v.value), lower=fmt(v.lower), upper=fmt(v.upper), **comparisons, **common)


def nearby_services(data: BoroughData, rows: np.ndarray, limit: int = 10) -> list[NearbyService]:
    """Find help services with a location within a mile of the area's population-weighted centre."""
    from communities.directory.models import Service
    from communities.places.geo import haversine_miles

    weights = data.population[rows].astype(float)
    pts = data.points[rows]
    ok = np.isfinite(pts).all(axis=1) & (weights > 0)
    if not ok.any():
        return []
    lat, lon = np.average(pts[ok], axis=0, weights=weights[ok])
    box = NEARBY_MILES / 69.0  # degrees of latitude in a mile; longitude box widened below
    found = {}
    services = (Service.objects.listed().filter(
        service_at_locations__location__latitude__range=(lat - box, lat + box),
        service_at_locations__location__longitude__range=(lon - 2 * box, lon + 2 * box),
    ).values_list("id", "name", "organization__name", "service_at_locations__location__latitude",
                  "service_at_locations__location__longitude"))
    for sid, name, org, slat, slon in services:
        miles = haversine_miles(lat, lon, slat, slon)
        if miles <= NEARBY_MILES and (sid not in found or miles < found[sid].miles):
            found[sid] = NearbyService(str(sid), name, org, round(miles, 1))
    return sorted(found.values(), key=lambda s: (s.miles, s.name))[:limit]


def build(area: Area, data: BoroughData | None = None, *, partner: bool = False, services: bool = True) -> Profile:
    data = data or BoroughData.load()
    rows = data.rows(area)
    sections = [census_section(area, data, rows), deprivation_section(area, data, rows),
                crime_section(area, data, rows), insight_section(area, data)]
    if partner:
        sections.append(partner_counts.section(area, threshold()))
    return Profile(area=area, sections=sections, services=nearby_services(data, rows) if services else [],
                   synthetic_crime=data.crime_synthetic, threshold=threshold())


def recompute_all() -> list[Profile]:
    """Every LSOA and current ward profile of the borough, and the borough's (public figures), from one load."""
    from .areas import LSOA_NOTE, ward_area
    from .boundaries import wards

    data = BoroughData.load()
    areas = [Area("lsoa", c, data.names[c], (c,), LSOA_NOTE) for c in data.codes]
    areas += [ward_area(ward) for ward in wards().values()]
    return [build(a, data, services=False) for a in [*areas, borough()]]
