"""The areas a profile can describe: a 2021 LSOA, a ward (either boundary set), a chosen neighbourhood, the borough."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from .boundaries import BOUNDARY_SETS, CURRENT, find_ward

KINDS = ("lsoa", "ward", "neighbourhood", "borough")
LSOA_NOTE = "2021 LSOAs (ONS), the geography of Census 2021 and IoD 2025"


@dataclass(frozen=True)
class Area:
    kind: str
    code: str
    name: str
    lsoa_codes: tuple[str, ...]
    boundaries: str  # which boundaries the figures use

    @property
    def geography(self) -> str:
        if self.kind == "lsoa":
            return f"LSOA {self.code} (2021)"
        return f"{self.name}: {len(self.lsoa_codes)} 2021 LSOAs"

    @property
    def kind_label(self) -> str:
        return {"lsoa": "Neighbourhood (LSOA)", "ward": "Ward", "neighbourhood": "Chosen neighbourhood",
                "borough": "Borough"}[self.kind]


def borough() -> Area:
    from communities.places.models import LSOA
    from communities.places.services import current_council

    council = current_council()
    codes = tuple(LSOA.objects.filter(council_id=settings.COUNCIL_CODE).order_by("code").values_list("code", flat=True))
    return Area("borough", settings.COUNCIL_CODE, council.name if council else "The borough", codes, LSOA_NOTE)


def find_area(kind: str, code: str) -> Area | None:
    """The area, or None when there is no such area in the configured council."""
    from communities.places.models import LSOA

    if kind == "lsoa":
        lsoa = LSOA.objects.filter(council_id=settings.COUNCIL_CODE, pk=code).first()
        return lsoa and Area("lsoa", lsoa.code, lsoa.name, (lsoa.code,), LSOA_NOTE)
    if kind == "ward":
        ward = find_ward(code)
        return ward_area(ward) if ward is not None and ward.lsoa_codes else None
    if kind == "neighbourhood":
        return neighbourhood_area(code)
    if kind == "borough" and code == settings.COUNCIL_CODE:
        return borough()
    return None


def ward_area(ward) -> Area:
    boundaries = f"{ward.boundaries.label}; {ward.boundaries.lookup}; built from {LSOA_NOTE}"
    name = ward.name if ward.boundary_year == CURRENT else f"{ward.name} (ward until May 2023)"
    return Area("ward", ward.code, name, ward.lsoa_codes, boundaries)


def neighbourhood_area(code: str) -> Area | None:
    from .models import Neighbourhood

    if not code.isdigit():
        return None
    hood = Neighbourhood.objects.filter(pk=int(code)).prefetch_related("lsoas").first()
    if hood is None:
        return None
    codes = tuple(sorted(lsoa.code for lsoa in hood.lsoas.all()))
    return Area("neighbourhood", str(hood.pk), hood.name, codes, f"A chosen set of {LSOA_NOTE}")


__all__ = ["Area", "BOUNDARY_SETS", "KINDS", "borough", "find_area"]
