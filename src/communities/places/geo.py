"""Postcode normalisation and straight-line distance (no Django)."""

from __future__ import annotations

import math
import re

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius
KM_PER_MILE = 1.609344

# UK postcode format (outward code + inward code), after the government data standard's pattern.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


class PostcodeError(ValueError):
    """The text is not a UK postcode; the message says what is wrong in plain English."""


def normalise_postcode(text: str) -> str:
    """'ts181aa' -> 'TS18 1AA'. Raises PostcodeError for anything that is not a UK postcode."""
    compact = re.sub(r"\s+", "", (text or "")).upper()
    if not compact:
        raise PostcodeError("Enter a postcode")
    match = _POSTCODE.match(compact)
    if not match:
        raise PostcodeError("Enter a real postcode, like TS18 1AA")
    return f"{match.group(1)} {match.group(2)}"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return haversine_km(lat1, lon1, lat2, lon2) / KM_PER_MILE
