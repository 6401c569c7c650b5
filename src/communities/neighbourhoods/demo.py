"""Demo data for neighbourhood profiles: the SYNTHETIC police.uk sample (24 months) and one chosen neighbourhood."""

from __future__ import annotations

from django.conf import settings

from .crime import import_files
from .models import CrimeCount, Neighbourhood
from .synthetic import sample_files

DEMO_NEIGHBOURHOOD = "Stockton town centre and Newtown"


def add_profiles(context=None) -> None:
    from communities.places.models import LSOA

    if settings.COUNCIL_CODE != "E06000004":
        return
    if not CrimeCount.objects.exists():
        import_files(sample_files(), synthetic=True)
    if not Neighbourhood.objects.filter(name=DEMO_NEIGHBOURHOOD).exists():
        lsoas = LSOA.objects.filter(council_id=settings.COUNCIL_CODE, ward__name__in=[
            "Stockton Town Centre", "Newtown"]).order_by("imd2025_rank")[:6]
        hood = Neighbourhood.objects.create(
            name=DEMO_NEIGHBOURHOOD,
            description="Six of the most deprived LSOAs either side of the ward boundary (a demonstration set).",
        )
        hood.lsoas.set(lsoas)
