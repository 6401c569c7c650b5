"""Deprivation: English Indices of Deprivation 2025 for the area's 2021 LSOAs (overall IMD and the income domain),
as residents living in the most deprived tenth and fifth of England's neighbourhoods, beside the borough's share."""

from __future__ import annotations

from communities.places.models import LSOA

from .figures import figure, percent

SOURCE = "MHCLG English Indices of Deprivation 2025, by 2021 LSOA (places data)"
PERIOD = "English Indices of Deprivation 2025"


def figures(area) -> dict[str, list[dict]]:
    lsoas = list(area.lsoas.values("population", "imd2025_decile", "domain_deciles_2025"))
    if not lsoas:
        return {}
    council = area.lsoas.values_list("council_id", flat=True).first()
    borough = list(LSOA.objects.filter(council_id=council).values("population", "imd2025_decile",
                                                                  "domain_deciles_2025"))
    rows = []
    for label, pick in (("IMD 2025", _imd), ("IMD 2025 income domain", _income)):
        for deciles, band in (((1,), "most deprived 10%"), ((1, 2), "most deprived 20%")):
            here, borough_share = _share(lsoas, pick, deciles), _share(borough, pick, deciles)
            rows.append(figure(
                f"Residents in England's {band} of neighbourhoods ({label})",
                f"{here[0]:,} ({percent(*here)})", value=here[0], period=PERIOD,
                geography=f"{area.name} (2021 LSOAs, Census 2021 residents)", source=SOURCE,
                note=f"Borough: {percent(*borough_share)}",
            ))
    counts = [sum(1 for r in lsoas if r["imd2025_decile"] == d) for d in range(1, 11)]
    rows.append(figure(
        "LSOAs by IMD 2025 decile (1 = most deprived)",
        ", ".join(f"decile {d}: {n}" for d, n in enumerate(counts, start=1) if n), period=PERIOD,
        geography=f"{area.name} ({len(lsoas)} LSOAs)", source=SOURCE,
    ))
    return {"socio_economic": rows}


def _imd(row) -> int | None:
    return row["imd2025_decile"]


def _income(row) -> int | None:
    return (row["domain_deciles_2025"] or {}).get("income")


def _share(rows, pick, deciles) -> tuple[int, int]:
    total = sum(r["population"] for r in rows)
    return sum(r["population"] for r in rows if pick(r) in deciles), total

