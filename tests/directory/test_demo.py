"""The demo listings: deterministic, spread over the borough's real postcodes and every category, and a new user
searching near Stockton town centre (TS18) for food on a Saturday finds some."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pytest
from django.conf import settings

from communities.directory.demo import add_demo_services
from communities.directory.models import Attribute, DirectoryOrganisation, Location, Service
from communities.directory.services.taxonomy import term_id
from communities.organisations.models import Organisation, OrganisationKind
from communities.places.models import LSOA, Council


@dataclass
class Ctx:
    rng: np.random.Generator
    council_org: Organisation
    partners: list
    council: Council
    lsoas: list
    today: date


def _ctx(seed=7):
    council_org, _ = Organisation.objects.get_or_create(name="Council (demo)", kind=OrganisationKind.COUNCIL)
    partners = [Organisation.objects.get_or_create(name=f"Group {i} (demo)", kind=OrganisationKind.VCSE)[0]
                for i in range(5)]
    council = Council.objects.get(code="E06000004")
    return Ctx(np.random.default_rng(seed), council_org, partners, council, list(LSOA.objects.all()),
               date(2026, 4, 1))


def test_registered_as_a_demo_extension():
    assert "communities.directory.demo.add_demo_services" in settings.DEMO_EXTENSIONS


@pytest.mark.django_db
def test_demo_listings(client):
    add_demo_services(_ctx())
    assert Service.objects.count() == 300
    first = sorted(Service.objects.values_list("name", flat=True))
    used = set(Attribute.objects.filter(link_type="category").values_list("taxonomy_term__code", flat=True))
    assert len(used) >= 18  # nearly every category
    assert all(name.endswith("(demo)") for name in first)
    assert Service.objects.filter(organization__platform_organisation__kind="vcse").exists()
    response = client.get("/find-help/", {"category": str(term_id("food")), "postcode": "TS18 1AU", "day": "SA"})
    html = response.content.decode()
    assert response.status_code == 200 and "miles away" in html
    assert "Saturday" in html


@pytest.mark.django_db
def test_demo_is_deterministic():
    add_demo_services(_ctx(seed=11))
    first = sorted(Service.objects.values_list("id", "name"))
    Service.objects.all().delete()
    Location.objects.all().delete()
    DirectoryOrganisation.objects.all().delete()
    add_demo_services(_ctx(seed=11))
    assert sorted(Service.objects.values_list("id", "name")) == first


@pytest.mark.django_db
def test_demo_borough_generator_runs_the_extension():
    from communities.demo.generator import generate
    from communities.organisations.models import Membership

    generate(seed=3, residents=20, council_code="E06000004")
    assert Service.objects.count() == 300
    worker = Membership.objects.filter(role="vcse_worker").select_related("organisation").first()
    assert Service.objects.filter(organization__platform_organisation=worker.organisation).exists()
