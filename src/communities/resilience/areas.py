"""The area of an incident: wards, LSOAs, postcodes or a radius from a point, any mix (a person is in the area when
any part holds them). Pure data, resolved against the shipped geography of ``places``."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q

from communities.places.geo import EARTH_RADIUS_KM, PostcodeError, haversine_km, normalise_postcode
from communities.places.models import LSOA, Postcode, Ward

MAX_RADIUS_KM = 50.0
MAX_POSTCODES = 500


def _codes(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v).strip().upper() for v in values if str(v).strip()))


@dataclass(frozen=True)
class Area:
    ward_codes: tuple[str, ...] = field(default_factory=tuple)
    lsoa_codes: tuple[str, ...] = field(default_factory=tuple)
    postcodes: tuple[str, ...] = field(default_factory=tuple)
    centre_latitude: float | None = None
    centre_longitude: float | None = None
    radius_km: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "ward_codes", _codes(self.ward_codes))
        object.__setattr__(self, "lsoa_codes", _codes(self.lsoa_codes))
        object.__setattr__(self, "postcodes", tuple(dict.fromkeys(p for p in self.postcodes if p)))

    # --- building and checking ------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict) -> Area:
        return cls(**{k: data.get(k) for k in ("centre_latitude", "centre_longitude", "radius_km")},
                   ward_codes=tuple(data.get("ward_codes") or ()), lsoa_codes=tuple(data.get("lsoa_codes") or ()),
                   postcodes=tuple(data.get("postcodes") or ()))

    def as_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @property
    def has_radius(self) -> bool:
        return self.radius_km is not None

    def is_empty(self) -> bool:
        return not (self.ward_codes or self.lsoa_codes or self.postcodes or self.has_radius)

    def errors(self) -> dict[str, str]:
        """Problems by field, in plain English (empty when the area can be used)."""
        council = settings.COUNCIL_CODE
        errors: dict[str, str] = {}
        if self.is_empty():
            errors["area"] = "Choose at least one ward, LSOA, postcode or a radius from a point"
        wards = set(Ward.objects.filter(code__in=self.ward_codes, council_id=council).values_list("code", flat=True))
        if missing := [c for c in self.ward_codes if c not in wards][:5]:
            errors["ward_codes"] = f"Not a ward of this council: {', '.join(missing)}"
        lsoas = set(LSOA.objects.filter(code__in=self.lsoa_codes, council_id=council).values_list("code", flat=True))
        if missing := [c for c in self.lsoa_codes if c not in lsoas][:5]:
            errors["lsoa_codes"] = f"Not an LSOA of this council: {', '.join(missing)}"
        errors.update(self._postcode_errors())
        errors.update(self._radius_errors())
        return errors

    def _postcode_errors(self) -> dict[str, str]:
        if len(self.postcodes) > MAX_POSTCODES:
            return {"postcodes": f"Enter at most {MAX_POSTCODES} postcodes; use wards or LSOAs for larger areas"}
        bad = []
        for text in self.postcodes:
            try:
                normalise_postcode(text)
            except PostcodeError:
                bad.append(text)
        if bad:
            return {"postcodes": f"Not a postcode: {', '.join(bad[:5])}"}
        known = set(Postcode.objects.filter(postcode__in=self.normalised_postcodes(),
                                            council_id=settings.COUNCIL_CODE).values_list("postcode", flat=True))
        if missing := [p for p in self.normalised_postcodes() if p not in known][:5]:
            return {"postcodes": f"Not a postcode in this council's area: {', '.join(missing)}"}
        return {}

    def _radius_errors(self) -> dict[str, str]:
        parts = (self.centre_latitude, self.centre_longitude, self.radius_km)
        if all(p is None for p in parts):
            return {}
        if any(p is None for p in parts):
            return {"radius_km": "Give the centre (a postcode or latitude and longitude) and the radius together"}
        if not (0 < self.radius_km <= MAX_RADIUS_KM):
            return {"radius_km": f"The radius must be more than 0 and at most {MAX_RADIUS_KM:g} km"}
        if not (-90 <= self.centre_latitude <= 90 and -180 <= self.centre_longitude <= 180):
            return {"radius_km": "The centre must be a real latitude and longitude"}
        return {}

    def check(self) -> None:
        if errors := self.errors():
            raise ValidationError(errors)

    def normalised_postcodes(self) -> list[str]:
        found = []
        for text in self.postcodes:
            try:
                found.append(normalise_postcode(text))
            except PostcodeError:
                continue
        return found

    # --- resolving ------------------------------------------------------------------------------------------
    def contains_point(self, latitude: float | None, longitude: float | None) -> bool:
        """Inside the radius (False when there is no radius or no point)."""
        if not self.has_radius or latitude is None or longitude is None:
            return False
        return haversine_km(self.centre_latitude, self.centre_longitude, latitude, longitude) <= self.radius_km

    def _box(self, prefix: str = "") -> Q:
        """A latitude/longitude box around the radius (for the index); ``contains_point`` then decides exactly."""
        dlat = math.degrees(self.radius_km / EARTH_RADIUS_KM)
        dlon = dlat / max(math.cos(math.radians(self.centre_latitude)), 0.01)
        return Q(**{f"{prefix}latitude__gte": self.centre_latitude - dlat,
                    f"{prefix}latitude__lte": self.centre_latitude + dlat,
                    f"{prefix}longitude__gte": self.centre_longitude - dlon,
                    f"{prefix}longitude__lte": self.centre_longitude + dlon})

    def whole_lsoa_codes(self) -> set[str]:
        """LSOAs wholly in the area: those named and those of the named wards."""
        codes = set(self.lsoa_codes)
        if self.ward_codes:
            codes |= set(LSOA.objects.filter(ward_id__in=self.ward_codes).values_list("code", flat=True))
        return codes

    def postcodes_in_radius(self) -> list[str]:
        if not self.has_radius:
            return []
        rows = Postcode.objects.filter(self._box()).values_list("postcode", "latitude", "longitude")
        return [code for code, lat, lon in rows if self.contains_point(lat, lon)]

    def resolve_lsoa_codes(self) -> set[str]:
        """Every LSOA the area touches (wholly or in part), for the map, the data holders and area risk."""
        postcodes = self.normalised_postcodes() + self.postcodes_in_radius()
        touched = set(Postcode.objects.filter(postcode__in=postcodes).values_list("lsoa_id", flat=True)) if postcodes \
            else set()
        return self.whole_lsoa_codes() | touched

    def resolve_ward_codes(self, lsoa_codes=None) -> set[str]:
        lsoa_codes = self.resolve_lsoa_codes() if lsoa_codes is None else lsoa_codes
        return set(LSOA.objects.filter(code__in=lsoa_codes).values_list("ward_id", flat=True)) | set(self.ward_codes)

    def entry_filter(self) -> Q:
        """A filter on ``RegisterEntry`` finding exactly the people in the area. An entry's point is its postcode's,
        so the radius is the postcodes whose point lies inside it."""
        found = Q(pk__in=[])
        if lsoas := self.whole_lsoa_codes():
            found |= Q(lsoa_id__in=lsoas)
        if postcodes := self.normalised_postcodes() + self.postcodes_in_radius():
            found |= Q(postcode__in=postcodes)
        return found

    def people(self, entries):
        """The register entries (a queryset) in the area."""
        return entries.filter(self.entry_filter())

    def describe(self) -> str:
        parts = []
        if self.ward_codes:
            names = dict(Ward.objects.filter(code__in=self.ward_codes).values_list("code", "name"))
            parts.append("wards " + ", ".join(names.get(c, c) for c in self.ward_codes))
        if self.lsoa_codes:
            parts.append(f"{len(self.lsoa_codes)} LSOA{'s' if len(self.lsoa_codes) != 1 else ''} "
                         f"({', '.join(self.lsoa_codes[:3])}{'…' if len(self.lsoa_codes) > 3 else ''})")
        if self.postcodes:
            shown = self.normalised_postcodes()
            parts.append("postcodes " + ", ".join(shown[:5]) + ("…" if len(shown) > 5 else ""))
        if self.has_radius:
            parts.append(f"within {self.radius_km:g} km of {self.centre_latitude:.4f}, {self.centre_longitude:.4f}")
        return "; ".join(parts)[:500] or "No area"
