"""Finding places: postcode → LSOA, ward and coordinates for the configured council; distances."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum
from django.http import Http404

from .geo import PostcodeError, haversine_miles, normalise_postcode
from .models import LSOA, Council, Postcode, Ward


class PlaceNotFound(Exception):
    """A well-formed postcode that is not in the council's area (or not known); the message is for the user."""


@dataclass(frozen=True)
class Location:
    postcode: str
    latitude: float
    longitude: float
    lsoa: LSOA
    ward: Ward | None
    precise: bool  # False when the point is the LSOA's central point rather than the postcode's

    def miles_to(self, latitude: float, longitude: float) -> float:
        return haversine_miles(self.latitude, self.longitude, latitude, longitude)


def current_council() -> Council | None:
    return Council.objects.filter(code=settings.COUNCIL_CODE).first()


def locate(text: str) -> Location:
    """Raises PostcodeError for malformed input and PlaceNotFound for a postcode outside the area."""
    postcode = normalise_postcode(text)
    record = Postcode.objects.select_related("lsoa", "ward", "lsoa__ward").filter(postcode=postcode).first()
    if record is None:
        council = current_council()
        area = council.name if council else "this council's area"
        raise PlaceNotFound(f"{postcode} is not a postcode in {area}. Check it, or contact the council if it is new.")
    precise = record.latitude is not None and record.positional_quality != 90
    latitude = record.latitude if record.latitude is not None else record.lsoa.latitude
    longitude = record.longitude if record.longitude is not None else record.lsoa.longitude
    return Location(
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        lsoa=record.lsoa,
        ward=record.ward or record.lsoa.ward,
        precise=precise,
    )


def get_ward_or_404(code: str) -> Ward:
    ward = Ward.objects.select_related("council").filter(pk=code).first()
    if ward is None:
        raise Http404
    return ward


def ward_summaries():
    """Wards of the configured council with their population and LSOAs in each national IMD 2025 decile."""
    wards = (
        Ward.objects.filter(council_id=settings.COUNCIL_CODE)
        .annotate(population=Sum("lsoas__population"), lsoa_count=Count("lsoas"))
        .order_by("name")
    )
    most_deprived = dict(
        LSOA.objects.filter(council_id=settings.COUNCIL_CODE, imd2025_decile__lte=2)
        .values_list("ward_id")
        .annotate(n=Count("code"))
        .values_list("ward_id", "n")
    )
    return [
        {"ward": w, "population": w.population or 0, "lsoas": w.lsoa_count, "most_deprived": most_deprived.get(w.pk, 0)}
        for w in wards
    ]


__all__ = ["Location", "PlaceNotFound", "PostcodeError", "locate", "ward_summaries", "current_council"]
