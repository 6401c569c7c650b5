"""The demo: 24 months of the synthetic police.uk sample and a chosen neighbourhood, whose profile says synthetic."""

from __future__ import annotations

import pytest

from communities.neighbourhoods import profiles
from communities.neighbourhoods.areas import find_area
from communities.neighbourhoods.demo import DEMO_NEIGHBOURHOOD, add_profiles
from communities.neighbourhoods.models import CrimeCount, CrimeImport, Neighbourhood

pytestmark = pytest.mark.django_db


def test_demo_adds_24_synthetic_months_and_a_neighbourhood_once():
    add_profiles(None)
    add_profiles(None)  # a second run adds nothing
    assert CrimeImport.objects.get().synthetic
    assert CrimeCount.objects.values("month").distinct().count() == 24
    hood = Neighbourhood.objects.get(name=DEMO_NEIGHBOURHOOD)
    assert hood.lsoas.count() == 6 and hood.public
    profile = profiles.build(find_area("neighbourhood", str(hood.pk)))
    assert profile.synthetic_crime
    crime = next(s for s in profile.sections if s.title == "Crime and anti-social behaviour")
    assert all("SYNTHETIC" in f.source for f in crime.figures) and "(12 months)" in crime.figures[0].period
