"""The assessment's area: whole wards and single LSOAs, as 2021 LSOAs (the unit every local figure is built from)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, Sum

from communities.places.models import LSOA, Postcode

BOUNDARIES = ("2021 LSOAs; wards as in the places data (2023 ward set, LSOAs placed by ONS best fit to 2024 wards)")


@dataclass
class Area:
    ward_codes: tuple[str, ...]
    ward_names: tuple[str, ...]
    lsoa_codes: tuple[str, ...]  # every 2021 LSOA of the area (the wards' and the extra ones)
    extra_lsoa_codes: tuple[str, ...] = ()

    @cached_property
    def lsoas(self):
        return LSOA.objects.filter(code__in=self.lsoa_codes)

    @cached_property
    def population(self) -> int:
        return self.lsoas.aggregate(n=Sum("population"))["n"] or 0

    @cached_property
    def borough_population(self) -> int:
        council = self.lsoas.values_list("council_id", flat=True).first()
        return LSOA.objects.filter(council_id=council).aggregate(n=Sum("population"))["n"] or 0

    @cached_property
    def postcodes(self) -> list[str]:
        """The area's postcodes without their space, as people records keep them (``postcode_normalised``)."""
        codes = Postcode.objects.filter(lsoa__in=self.lsoa_codes).values_list("postcode", flat=True)
        return [code.replace(" ", "") for code in codes]

    @property
    def name(self) -> str:
        parts = list(self.ward_names)
        if self.extra_lsoa_codes:
            parts.append(f"{len(self.extra_lsoa_codes)} further LSOA{'s' if len(self.extra_lsoa_codes) > 1 else ''}")
        return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) or "no area"

    def describe(self) -> dict:
        return {"name": self.name, "wards": list(self.ward_codes), "ward_names": list(self.ward_names),
                "lsoas": list(self.lsoa_codes), "population": self.population,
                "borough_population": self.borough_population, "boundaries": BOUNDARIES}


def area_of(assessment) -> Area:
    wards = list(assessment.wards.order_by("name").values_list("code", "name"))
    extra = tuple(assessment.lsoas.values_list("code", flat=True))
    ward_codes = tuple(code for code, _ in wards)
    codes = LSOA.objects.filter(Q(ward__in=ward_codes) | Q(code__in=extra)).values_list("code", flat=True)
    return Area(ward_codes=ward_codes, ward_names=tuple(name for _, name in wards), lsoa_codes=tuple(sorted(codes)),
                extra_lsoa_codes=tuple(c for c in extra if c not in set(
                    LSOA.objects.filter(ward__in=ward_codes).values_list("code", flat=True))))
