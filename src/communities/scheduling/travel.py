"""Travel-time and distance providers.

Every provider exposes a square matrix of travel *times* (minutes) and of travel *distances*
(the cost unit: kilometres for geographic providers, plain units for the benchmarks) over a
list of locations.  The solver reads both matrices once per solve.

Offline default (:class:`HaversineTravel`): great-circle distance x a detour factor, divided by an
average speed.  Defaults: ``detour_factor = 1.3`` (the value given in the project design note
``transport.md``; for comparison, Boscoe, Henry & Zdeb 2012, *The Professional Geographer*
64(2):188-196, measured a mean road/straight-line ratio of about 1.4 across the United States)
and ``speed_kmh = 30`` (a planning assumption for mixed urban/suburban driving in
Stockton-on-Tees, not a measured value - calibrate it against real trips).  Both are constructor
arguments.

When a council runs a road-network engine, implement :class:`RoadNetworkTravel` (an OSRM
``/table`` client is provided as :class:`OsrmTravel`).
"""

from __future__ import annotations

import json
import math
import urllib.request
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius (Moritz 2000, Geodetic Reference System 1980)
DEFAULT_DETOUR_FACTOR = 1.3
DEFAULT_SPEED_KMH = 30.0


@runtime_checkable
class TravelProvider(Protocol):
    """Anything that gives travel times (minutes) and distances between location indices."""

    @property
    def size(self) -> int:
        """Number of locations."""
        ...

    def matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(times, distances)``, two ``size x size`` float arrays."""
        ...


class MatrixTravel:
    """Explicit matrices (e.g. from a spreadsheet or a routing engine export).

    If ``distances`` is omitted the times are used as the cost as well.
    """

    def __init__(self, times: Sequence[Sequence[float]] | np.ndarray,
                 distances: Sequence[Sequence[float]] | np.ndarray | None = None) -> None:
        t = np.asarray(times, dtype=np.float64)
        if t.ndim != 2 or t.shape[0] != t.shape[1]:
            raise ValueError("travel-time matrix must be square")
        if np.any(t < 0) or not np.all(np.isfinite(t)):
            raise ValueError("travel times must be finite and non-negative")
        d = t if distances is None else np.asarray(distances, dtype=np.float64)
        if d.shape != t.shape:
            raise ValueError("distance matrix must have the same shape as the time matrix")
        self._t = t
        self._d = d

    @property
    def size(self) -> int:
        return int(self._t.shape[0])

    def matrices(self) -> tuple[np.ndarray, np.ndarray]:
        return self._t, self._d


class EuclideanTravel(MatrixTravel):
    """Planar Euclidean distances, unrounded, travel time = distance / speed.

    This is the convention of the Cordeau (2006) and Ropke, Cordeau & Laporte (2007) DARP
    benchmarks (one distance unit per minute, ``speed = 1``).
    """

    def __init__(self, coords: Sequence[tuple[float, float]] | np.ndarray, speed: float = 1.0) -> None:
        xy = np.asarray(coords, dtype=np.float64).reshape(-1, 2)
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        super().__init__(dist / speed, dist)
        self.coords = xy


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine formula, Sinnott 1984, *Sky & Telescope* 68(2):159)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class HaversineTravel(MatrixTravel):
    """Offline default: haversine km x ``detour_factor``; minutes = km / ``speed_kmh`` x 60."""

    def __init__(self, latlon: Sequence[tuple[float, float]], detour_factor: float = DEFAULT_DETOUR_FACTOR,
                 speed_kmh: float = DEFAULT_SPEED_KMH) -> None:
        if detour_factor < 1.0:
            raise ValueError("detour factor must be >= 1")
        if speed_kmh <= 0:
            raise ValueError("speed must be positive")
        ll = np.radians(np.asarray(latlon, dtype=np.float64).reshape(-1, 2))
        lat, lon = ll[:, 0], ll[:, 1]
        dp = lat[None, :] - lat[:, None]
        dl = lon[None, :] - lon[:, None]
        a = np.sin(dp / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dl / 2) ** 2
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))) * detour_factor
        super().__init__(km / speed_kmh * 60.0, km)
        self.detour_factor = detour_factor
        self.speed_kmh = speed_kmh


class RoadNetworkTravel(MatrixTravel):
    """Base class for road-network engines: subclasses implement :meth:`fetch_table`.

    ``fetch_table`` receives ``(lat, lon)`` pairs and returns ``(seconds, metres)`` matrices;
    this class converts them to minutes and kilometres.
    """

    def __init__(self, latlon: Sequence[tuple[float, float]]) -> None:
        seconds, metres = self.fetch_table(list(latlon))
        super().__init__(np.asarray(seconds, dtype=np.float64) / 60.0, np.asarray(metres, dtype=np.float64) / 1000.0)

    def fetch_table(self, latlon: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError


class OsrmTravel(RoadNetworkTravel):
    """OSRM ``/table/v1/driving`` client (http://project-osrm.org/docs/v5.24.0/api/#table-service).

    ``fetch`` (URL -> decoded JSON) can be injected for tests or for another HTTP client.
    """

    def __init__(self, latlon: Sequence[tuple[float, float]], base_url: str = "http://localhost:5000",
                 fetch: Callable[[str], dict] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._fetch = fetch or _http_json
        super().__init__(latlon)

    def table_url(self, latlon: list[tuple[float, float]]) -> str:
        coords = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in latlon)
        return f"{self.base_url}/table/v1/driving/{coords}?annotations=duration,distance"

    def fetch_table(self, latlon: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
        data = self._fetch(self.table_url(latlon))
        if data.get("code") != "Ok":
            raise RuntimeError(f"OSRM table request failed: {data.get('code')} {data.get('message', '')}")
        if any(x is None for row in data["durations"] for x in row):
            raise RuntimeError("OSRM returned unreachable location pairs")
        return np.asarray(data["durations"], dtype=np.float64), np.asarray(data["distances"], dtype=np.float64)


def _http_json(url: str) -> dict:
    if not url.startswith(("http://", "https://")):
        raise ValueError("only http(s) URLs are allowed")
    with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310 - scheme checked above
        return json.loads(resp.read().decode("utf-8"))
