import math

import pytest

from communities.places.geo import EARTH_RADIUS_KM, PostcodeError, haversine_km, haversine_miles, normalise_postcode


@pytest.mark.parametrize("text, expected", [
    ("ts181aa", "TS18 1AA"), (" TS18  1AA ", "TS18 1AA"), ("DL2 1HP", "DL2 1HP"), ("sw1a1aa", "SW1A 1AA"),
    ("M11AE", "M1 1AE"),
])
def test_normalise(text, expected):
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize("text, message", [
    ("", "Enter a postcode"), ("   ", "Enter a postcode"), ("TS18", "Enter a real postcode"),
    ("12345", "Enter a real postcode"), ("TS18 1AAA", "Enter a real postcode"), ("<script>", "Enter a real postcode"),
])
def test_malformed(text, message):
    with pytest.raises(PostcodeError, match=message):
        normalise_postcode(text)


def test_one_degree_of_latitude():
    assert haversine_km(54.0, -1.3, 55.0, -1.3) == pytest.approx(2 * math.pi * EARTH_RADIUS_KM / 360, rel=1e-12)


def test_miles_and_symmetry():
    a, b = (54.5645, -1.3125), (54.5073, -1.3541)
    assert haversine_miles(*a, *b) == pytest.approx(haversine_km(*a, *b) / 1.609344)
    assert haversine_km(*a, *b) == pytest.approx(haversine_km(*b, *a))
    assert haversine_km(*a, *a) == 0
