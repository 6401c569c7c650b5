"""Build directory listings for tests (plain functions, no factory library)."""

from __future__ import annotations

import itertools
from datetime import time

from communities.directory.models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    DirectoryOrganisation,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from communities.directory.services.taxonomy import term_id

_counter = itertools.count(1)
# Real Stockton-on-Tees postcodes' neighbourhoods (coordinates rounded; Code-Point Open, shipped in places/data).
TOWN_CENTRE = (54.5680, -1.3187)  # Stockton High Street, TS18
THORNABY = (54.5430, -1.2960)  # TS17
BILLINGHAM = (54.6050, -1.2870)  # TS23


def make_organisation(name: str | None = None, platform_organisation=None) -> DirectoryOrganisation:
    return DirectoryOrganisation.objects.create(
        name=name or f"Test Group {next(_counter)}", description="A test group",
        platform_organisation=platform_organisation,
    )


def make_service(
    name: str | None = None, *, organization=None, platform_organisation=None, at=TOWN_CENTRE,
    days: str = "SA", opens=time(10), closes=time(12), free: bool = True, category: str = "food-pantry",
    minimum_age=None, maximum_age=None, description: str = "Low-cost food for local families.", **extra,
) -> Service:
    organization = organization or make_organisation(platform_organisation=platform_organisation)
    service = Service.objects.create(
        organization=organization, name=name or f"Test Pantry {next(_counter)}", description=description,
        is_free=free, minimum_age=minimum_age, maximum_age=maximum_age, email="hello@example.org", **extra,
    )
    location = Location.objects.create(organization=organization, name="Community Hall", latitude=at[0],
                                       longitude=at[1], transportation="Bus 7 stops outside")
    Address.objects.create(location=location, address_1="1 High Street", city="Stockton-on-Tees",
                           state_province="Stockton-on-Tees", postal_code="TS18 1AB")
    Accessibility.objects.create(location=location, description="Step-free entrance")
    ServiceAtLocation.objects.create(service=service, location=location)
    if days:
        Schedule.objects.create(service=service, freq="WEEKLY", interval=1, byday=days, opens_at=opens,
                                closes_at=closes)
    Phone.objects.create(service=service, number="01642 000000")
    if free:
        CostOption.objects.create(service=service, option="Free", amount=0, currency="GBP")
    else:
        CostOption.objects.create(service=service, option="Weekly membership", amount="3.50", currency="GBP")
    if category:
        Attribute.objects.create(taxonomy_term_id=term_id(category), service=service, link_type="category")
    return service
