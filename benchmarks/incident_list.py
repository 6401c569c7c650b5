"""An incident's call list ready from a 50,000-entry emergency register: PostgreSQL and SQLite, cold and warm.

Usage: .venv/bin/python benchmarks/incident_list.py [--database postgres|sqlite] [--entries 50000] [--warm 3]

Makes its own database (PostgreSQL ``communities_bench_incidents`` on postgres://postgres@127.0.0.1:5432/, or a
temporary SQLite file), dropped at the end: migrates it, loads the shipped Stockton-on-Tees geography, makes 50,000
synthetic residents on the register (each with a consent that runs 12 months from a random day in the last 13, so
about one in thirteen has lapsed, random needs, a real postcode of the borough), then ANALYZE.

What is timed is "the list is ready": ``declare_incident`` (the area resolved, every current entry in it found,
ordered by cohort, need tier and area risk, and the call list written) and then what the incident page reads for
the list (the first page of 50 in call order with its count, and the progress figures). Areas: one ward, a 3 km
radius from the town centre, and every ward of the borough (all 50,000 entries). Cold: the first declaration of
that area on a new database connection (server and OS caches are not emptied: that needs root on this shared
machine). Warm: the same declaration repeated on one connection. Target (issue 17): 2 s. The load average is printed
before and after because the machine is shared. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB_NAME = "communities_bench_incidents"
SERVER = "postgres://postgres@127.0.0.1:5432/"
TARGET_SECONDS = 2.0


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(SERVER + "postgres", autocommit=True) as connection:
        connection.execute(statement)


def make_register(count: int, pick: random.Random):
    from django.utils import timezone

    from communities.accounts.models import User
    from communities.organisations.models import Membership, Organisation, OrganisationKind, Role
    from communities.people.models import Consent, Involvement, Person
    from communities.places.models import Postcode
    from communities.resilience import needs as needs_codes
    from communities.resilience.models import RegisterEntry
    from communities.resilience.services.register import review_date

    council = Organisation.objects.create(name="Bench Council", kind=OrganisationKind.COUNCIL)
    planner = User.objects.create_user(email="bench-planner@example.org", password=None)
    Membership.objects.create(user=planner, organisation=council, role=Role.EMERGENCY_PLANNER)
    places = list(Postcode.objects.filter(latitude__isnull=False).values_list(
        "postcode", "lsoa_id", "ward_id", "latitude", "longitude"))
    codes = needs_codes.codes()
    people, consents, entries = [], [], []
    today = timezone.localdate()
    for n in range(count):
        postcode, lsoa, ward, lat, lon = pick.choice(places)
        person = Person(first_name=f"Bench{n}", last_name="Resident", postcode=postcode)
        given = timezone.make_aware(datetime.combine(today - timedelta(days=pick.randrange(396)), datetime.min.time()))
        consent = Consent(person=person, purpose="emergency_register", lawful_basis="consent",
                          how_given="verbal_phone", given_at=given, organisation=council, recorded_by=planner,
                          expires_on=review_date(given.date()))
        needs = pick.sample(codes, pick.choice((0, 1, 1, 2, 3)))
        people.append(person)
        consents.append(consent)
        entries.append(RegisterEntry(person=person, organisation=council, consent=consent, needs=needs,
                                     tier=needs_codes.tier(needs), postcode=postcode, lsoa_id=lsoa,
                                     ward_code=ward or "", latitude=lat, longitude=lon, registered_by=planner,
                                     registered_at=given))
    Person.objects.bulk_create(people, batch_size=5000)
    Involvement.objects.bulk_create([Involvement(person=p, organisation=council, reason="bench") for p in people],
                                    batch_size=5000)
    Consent.objects.bulk_create(consents, batch_size=5000)
    RegisterEntry.objects.bulk_create(entries, batch_size=5000)
    return planner


def areas():
    from django.conf import settings

    from communities.places.models import Postcode, Ward
    from communities.resilience.areas import Area

    wards = list(Ward.objects.filter(council_id=settings.COUNCIL_CODE).order_by("code").values_list("code", flat=True))
    centre = Postcode.objects.get(postcode="TS18 1AU")  # Stockton High Street
    return {
        "one ward": Area(ward_codes=(wards[0],)),
        "3 km radius from the High Street": Area(centre_latitude=centre.latitude, centre_longitude=centre.longitude,
                                                 radius_km=3),
        "whole borough (every ward)": Area(ward_codes=tuple(wards)),
    }


def list_ready(planner, area) -> tuple[float, int]:
    from communities.resilience.progress import progress
    from communities.resilience.services import declare_incident

    started = time.perf_counter()
    incident = declare_incident(actor=planner, name="Bench incident", area=area, cohorts=["power_dependent"])
    calls = incident.calls.on_current_register().select_related("entry__person", "responder").order_by("position")
    first_page = list(calls[:50])
    total = calls.count()
    progress(incident)
    assert len(first_page) == min(50, total)
    return time.perf_counter() - started, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--warm", type=int, default=3, help="warm repeats per area")
    parser.add_argument("--profile", action="store_true", help="print where the first cold declaration spends time")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    scratch = tempfile.TemporaryDirectory()
    if args.database == "postgres":
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin_sql(f"CREATE DATABASE {DB_NAME}")
        url = SERVER + DB_NAME
    else:
        url = f"sqlite:///{scratch.name}/bench.sqlite3"
    os.environ.update(DJANGO_SETTINGS_MODULE="communities.settings.base", DATABASE_URL=url)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from communities.organisations.services import current_membership_state

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_council", "E06000004", verbosity=0)
        print(f"migrated and geography loaded in {time.perf_counter() - started:.0f} s")
        planner = make_register(args.entries, random.Random(17))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if args.database == "postgres" else "ANALYZE")
        print(f"set-up ({args.database}): {args.entries:,} register entries in {time.perf_counter() - started:.0f} s")
        rows = []
        for label, area in areas().items():
            connection.close()
            planner.current_organisation, planner.current_roles = current_membership_state(planner, None)
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                cold, total = profiler.runcall(list_ready, planner, area)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            else:
                cold, total = list_ready(planner, area)
            warm = [list_ready(planner, area)[0] for _ in range(args.warm)]
            rows.append((label, total, cold, warm))
        print(f"\n{'area':34} {'on list':>8} {'cold s':>8} {'warm median s':>14} {'warm max s':>11}"
              f"  (warm n={args.warm}; {args.database})")
        for label, total, cold, warm in rows:
            print(f"{label:34} {total:>8,} {cold:>8.2f} {statistics.median(warm):>14.2f} {max(warm):>11.2f}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        worst = max(max(r[2], *r[3]) for r in rows)
        print(f"worst: {worst:.2f} s (target {TARGET_SECONDS:.0f} s)")
        return 0 if worst <= TARGET_SECONDS else 1
    finally:
        from django.db import connections

        connections.close_all()
        if args.database == "postgres":
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
