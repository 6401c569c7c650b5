"""Ward boundaries by year: the 27 wards since May 2023 and the 26 before, each a list of 2021 LSOAs."""

from __future__ import annotations

import pytest

from communities.neighbourhoods.areas import find_area
from communities.neighbourhoods.boundaries import find_ward, wards

from .conftest import TOWN_CENTRE_LSOA

pytestmark = pytest.mark.django_db


def test_both_ward_sets_cover_every_2021_lsoa_once():
    for year, expected in ((2023, 27), (2019, 26)):
        sets = wards(year)
        assert len(sets) == expected
        codes = [c for ward in sets.values() for c in ward.lsoa_codes]
        assert len(codes) == len(set(codes)) == 124


def test_a_ward_code_finds_its_boundary_year_and_the_profile_says_so():
    assert TOWN_CENTRE_LSOA in wards(2023)["E05014882"].lsoa_codes
    old = find_ward("E05001527")  # Billingham Central, before May 2023
    assert old.boundary_year == 2019 and old.name == "Billingham Central"
    area = find_area("ward", "E05001527")
    assert "until May 2023" in area.name and "until May 2023" in area.boundaries
    assert "since May 2023" in find_area("ward", "E05014882").boundaries


def test_unknown_areas_are_none():
    assert find_area("ward", "E05999999") is None
    assert find_area("lsoa", "E01000001") is None  # City of London: not in the borough
    assert find_area("neighbourhood", "x") is None
    with pytest.raises(ValueError):
        wards(2011)
