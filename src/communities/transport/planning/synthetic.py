"""A synthetic Volunteer Driver Service day for the benchmark and the scale test (pure, no Django).

Shaped like a Stockton-on-Tees scheme's day: homes spread over the borough, appointments at University Hospital of
North Tees and James Cook University Hospital with return journeys, GP surgeries, shopping in Stockton and Thornaby,
lunch clubs; about a tenth of passengers use a wheelchair and a sixth travel with an escort; three cars have a
wheelchair space; the last two drivers lack an enhanced DBS check, so they may not take health trips (regulated
activity). The two hospitals are at their real positions (rounded); surgeries, shops and clubs are invented points
in the towns, and every person, time and check is invented.
"""

from __future__ import annotations

import random

from .instance import DriverShift, TripNeed

BOROUGH = (54.50, 54.63, -1.40, -1.22)  # Stockton-on-Tees, roughly: south, north, west, east
HOSPITALS = [(54.5905, -1.2878), (54.5513, -1.2145)]  # North Tees (Stockton), James Cook (Middlesbrough)
GP_SURGERIES = [(54.5700, -1.3190), (54.5560, -1.2960), (54.6030, -1.3360), (54.5210, -1.3490), (54.5840, -1.3530)]
SHOPS = [(54.5660, -1.3180), (54.5555, -1.2990)]  # Wellington Square, Thornaby Town Centre
CLUBS = [(54.5820, -1.3420), (54.5410, -1.3050), (54.6120, -1.3030)]


def synthetic_day(trips: int = 150, drivers: int = 15, seed: int = 0) -> tuple[list[TripNeed], list[DriverShift],
                                                                               dict[str, set[str]]]:
    """A day of ``trips`` requests (about a third health appointments with their returns) and ``drivers`` drivers."""
    rng = random.Random(seed)

    def home() -> tuple[float, float]:
        return (rng.uniform(BOROUGH[0], BOROUGH[1]), rng.uniform(BOROUGH[2], BOROUGH[3]))

    needs: list[TripNeed] = []
    health: set[str] = set()
    while len(needs) < trips:
        n, where, purpose = len(needs), home(), rng.random()
        escorts, chair = int(rng.random() < 0.17), rng.random() < 0.1
        if purpose < 0.35:
            dest = rng.choice(HOSPITALS + GP_SURGERIES)
            appt = rng.randrange(9 * 60, 15 * 60, 10)
            needs.append(TripNeed(f"t{n}", where, dest, appt - 75, appt - 45, appt, escorts, chair))
            health.add(f"t{n}")
            if len(needs) < trips:  # the return: collected 60-120 minutes after the appointment
                back = appt + rng.choice((60, 90, 120))
                needs.append(TripNeed(f"t{n + 1}", dest, where, back, back + 30, None, escorts, chair))
                health.add(f"t{n + 1}")
        else:
            dest = rng.choice(SHOPS if purpose < 0.7 else CLUBS)
            start = rng.randrange(9 * 60, 15 * 60, 15)
            needs.append(TripNeed(f"t{n}", where, dest, start, start + 30, None, escorts, chair))
    shifts = []
    for d in range(drivers):
        start, end = rng.choice(((8 * 60, 17 * 60), (8 * 60 + 30, 16 * 60), (9 * 60, 17 * 60 + 30), (8 * 60, 13 * 60),
                                  (12 * 60, 18 * 60)))
        shifts.append(DriverShift(f"d{d}", 0, home(), start, end, rng.choice((3, 3, 4)), int(d < 3)))
    no_dbs = {f"d{d}" for d in (drivers - 1, drivers - 2) if d >= 0}
    return needs, shifts, {t: set(no_dbs) for t in health}
