"""The public volunteering listing on PostgreSQL: a postcode search, and "only roles I qualify for", cold and warm.

Usage: .venv/bin/python benchmarks/volunteering_listing.py [--roles 1000] [--searches 20] [--warm-repeats 5] [--keep]

Creates its own database ``communities_bench_volunteering`` on postgres://postgres@127.0.0.1:5432/ (dropped first if
left over, and at the end unless ``--keep``), migrates it, loads the Stockton geography, and makes ``--roles``
published roles across 50 organisations at real postcodes (a third DBS-gated, a third with training, each
non-ongoing role with eight weekly sessions) and a volunteer with a verified enhanced DBS check. The measured
operation is what the listing page does: ``search.find_roles`` for a postcode within 3 miles (anonymous), and the
same with the volunteer and ``qualified_only`` (requirements checked for every role). Cold: each search once on a
new connection. Warm: repeated on one connection. The load average is printed before and after (shared machine).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB_NAME = "communities_bench_volunteering"
SERVER = "postgres://postgres@127.0.0.1:5432/"


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(SERVER + "postgres", autocommit=True) as connection:
        connection.execute(statement)


def make_roles(count: int, pick: random.Random):
    from django.utils import timezone

    from communities.accounts.models import User
    from communities.organisations.models import Organisation, OrganisationKind
    from communities.places.models import Postcode
    from communities.volunteering.models import Activity, Role, Session, Volunteer, VolunteerCheck

    postcodes = list(Postcode.objects.filter(latitude__isnull=False).order_by("postcode")[:5000])
    activities = []
    for n in range(50):
        organisation = Organisation.objects.create(name=f"Bench group {n}", kind=OrganisationKind.VCSE)
        activities.append(Activity.objects.create(organisation=organisation, name=f"Bench activity {n}",
                                                  cause=("environment", "loneliness", "food", "community")[n % 4]))
    roles = []
    for n in range(count):
        where = pick.choice(postcodes)
        extra = ({"dbs_level": "enhanced", "barred_list": "adults"} if n % 3 == 0
                 else {"training": ["Food hygiene"]} if n % 3 == 1 else {})
        roles.append(Role(activity=activities[n % 50], title=f"Bench role {n}", description="Bench",
                          kind=("one_off", "recurring", "ongoing")[n % 3], commitment="Some time",
                          hours_per_month=pick.randint(1, 16), postcode=where.postcode, latitude=where.latitude,
                          longitude=where.longitude, **extra))
    Role.objects.bulk_create(roles, batch_size=2000)
    start = timezone.now() + timedelta(days=2)
    Session.objects.bulk_create([Session(role=role, starts_at=start + timedelta(weeks=w),
                                         ends_at=start + timedelta(weeks=w, hours=2))
                                 for role in roles if role.kind != "ongoing" for w in range(8)], batch_size=5000)
    verifier = User.objects.create_user(email="bench-organiser@example.org", password=None)
    volunteer = Volunteer.objects.create(first_name="Bench", last_name="Volunteer")
    VolunteerCheck.objects.create(volunteer=volunteer, kind="dbs_enhanced_barred_adults",
                                  issued_on=timezone.localdate(), verified_by=verifier)
    return volunteer, pick.sample(postcodes, 50)


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=20)
    parser.add_argument("--warm-repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = SERVER + DB_NAME
    os.environ["DJANGO_SETTINGS_MODULE"] = "communities.settings.base"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from communities.volunteering.search import Query, find_roles

    try:
        call_command("migrate", verbosity=0)
        call_command("load_council", "E06000004", verbosity=0)
        pick = random.Random(16)
        volunteer, places = make_roles(args.roles, pick)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        load_before = os.getloadavg()
        searches = places[: args.searches]

        def near(place, who=None):
            return lambda: find_roles(Query(latitude=place.latitude, longitude=place.longitude, within_miles=3,
                                            volunteer=who, qualified_only=who is not None))

        table = []
        for label, who in (("postcode, within 3 miles", None), ("… and only roles I qualify for", volunteer)):
            cold = []
            for place in searches:
                connection.close()
                cold.append(timed(near(place, who)))
            warm = [timed(near(place, who)) for _ in range(args.warm_repeats) for place in searches]
            table.append((label, statistics.median(cold), max(cold), statistics.median(warm), max(warm)))
        load_after = os.getloadavg()
        print(f"Volunteering listing over {args.roles:,} roles, {len(searches)} postcodes (PostgreSQL)")
        print(f"load average before {load_before[0]:.1f} {load_before[1]:.1f} {load_before[2]:.1f}, "
              f"after {load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f}")
        print(f"{'search':32} {'cold median':>12} {'cold max':>10} {'warm median':>12} {'warm max':>10}")
        for label, cold_median, cold_max, warm_median, warm_max in table:
            print(f"{label:32} {cold_median:10.0f}ms {cold_max:8.0f}ms {warm_median:10.0f}ms {warm_max:8.0f}ms")
    finally:
        connection.close()
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
