"""Travel providers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from communities.scheduling import EuclideanTravel, HaversineTravel, MatrixTravel, OsrmTravel
from communities.scheduling.travel import EARTH_RADIUS_KM, haversine_km


def test_haversine_one_degree_of_latitude():
    # one degree along a meridian on the mean sphere = R * pi / 180
    assert haversine_km(54.0, -1.3, 55.0, -1.3) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180, rel=1e-12)


def test_haversine_travel_defaults_and_configuration():
    pts = [(54.5700, -1.3187), (54.5205, -1.3543)]  # two points in Stockton-on-Tees
    km = haversine_km(*pts[0], *pts[1])
    t = HaversineTravel(pts)
    times, dist = t.matrices()
    assert dist[0, 1] == pytest.approx(km * 1.3)
    assert times[0, 1] == pytest.approx(km * 1.3 / 30.0 * 60.0)
    assert dist[0, 0] == 0.0 and dist[1, 0] == pytest.approx(dist[0, 1])
    t2 = HaversineTravel(pts, detour_factor=1.0, speed_kmh=60.0)
    assert t2.matrices()[0][0, 1] == pytest.approx(km)
    with pytest.raises(ValueError):
        HaversineTravel(pts, detour_factor=0.9)
    with pytest.raises(ValueError):
        HaversineTravel(pts, speed_kmh=0)


def test_matrix_validation():
    with pytest.raises(ValueError):
        MatrixTravel([[0, 1, 2], [1, 0, 2]])
    with pytest.raises(ValueError):
        MatrixTravel([[0, -1], [1, 0]])
    with pytest.raises(ValueError):
        MatrixTravel([[0, 1], [1, 0]], [[0, 1, 1]])
    m = MatrixTravel([[0, 5], [6, 0]], [[0, 2], [3, 0]])
    assert m.size == 2 and m.matrices()[1][1, 0] == 3


def test_euclidean():
    t = EuclideanTravel([(0, 0), (3, 4)], speed=0.5)
    times, dist = t.matrices()
    assert dist[0, 1] == 5.0 and times[0, 1] == 10.0


def test_osrm_client_with_injected_fetch():
    seen = []

    def fetch(url: str) -> dict:
        seen.append(url)
        return {"code": "Ok", "durations": [[0, 120], [90, 0]], "distances": [[0, 1500], [1400, 0]]}

    t = OsrmTravel([(54.57, -1.32), (54.52, -1.35)], base_url="http://osrm.local/", fetch=fetch)
    times, dist = t.matrices()
    assert seen == ["http://osrm.local/table/v1/driving/-1.320000,54.570000;-1.350000,54.520000"
                    "?annotations=duration,distance"]
    np.testing.assert_allclose(times, [[0, 2], [1.5, 0]])
    np.testing.assert_allclose(dist, [[0, 1.5], [1.4, 0]])

    def bad(url: str) -> dict:
        return {"code": "InvalidQuery", "message": "nope"}

    with pytest.raises(RuntimeError, match="InvalidQuery"):
        OsrmTravel([(54.57, -1.32)], fetch=bad)
