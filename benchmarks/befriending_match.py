"""Befriending matching on PostgreSQL: ranked suggestions for a referral over 2,000 befrienders, cold and warm.

Usage: .venv/bin/python benchmarks/befriending_match.py [--befrienders 2000] [--cases 20] [--warm-repeats 10] [--keep]

Creates its own database ``communities_bench_befriending`` on postgres://postgres@127.0.0.1:5432/ (dropped first if
left over, and at the end unless ``--keep``), migrates it, and makes one VCSE group's befriending role (enhanced DBS,
safeguarding training, 18 or over) and ``--befrienders`` synthetic befrienders spread over the borough's box (each a
volunteer with a DBS check and a training record - one in ten expired - three to five free slots a week, three
interests, a language or two, two ways of keeping in touch, capacity 1-2), then ``--cases`` people referred for
befriending with their own needs; then ANALYZE. The measured operation is what the case page does: ``matching.rank``
(the befrienders with room whose checks meet the role's requirements, scored and sorted, top 10 with reasons).

Cold: each case ranked once on a new database connection (connection set-up included; the server's buffers are
not emptied, which needs a restart and root). Warm: the same cases ranked again on one connection. Target (issue 16):
<= 200 ms. The load average is printed before and after, because the machine is shared. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB_NAME = "communities_bench_befriending"
SERVER = "postgres://postgres@127.0.0.1:5432/"
BOX = (54.50, 54.64, -1.42, -1.25)  # south, north, west, east: roughly Stockton-on-Tees
INTERESTS = ["gardening", "football", "reading", "cooking", "music", "walking", "crosswords", "history", "films",
             "knitting", "birdwatching", "dogs"]
LANGUAGES = [["English"]] * 8 + [["English", "Polish"], ["English", "Urdu"], ["English", "Arabic"]]
WAYS = ["in_person", "phone", "video", "letters", "text"]


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(SERVER + "postgres", autocommit=True) as connection:
        connection.execute(statement)


def point(pick: random.Random) -> tuple[float, float]:
    return pick.uniform(BOX[0], BOX[1]), pick.uniform(BOX[2], BOX[3])


def make_scheme(count: int, cases: int, pick: random.Random):
    from communities.accounts.models import User
    from communities.befriending.models import Befriender, BefriendingCase
    from communities.organisations.models import Organisation, OrganisationKind
    from communities.people.models import Person
    from communities.volunteering.models import Activity, Availability, Role, Volunteer, VolunteerCheck

    vcse = Organisation.objects.create(name="Bench Befrienders", kind=OrganisationKind.VCSE)
    verifier = User.objects.create_user(email="bench-coordinator@example.org", password=None)
    activity = Activity.objects.create(organisation=vcse, name="Befriending", cause="loneliness")
    role = Role.objects.create(activity=activity, title="Befriender", description="Bench", kind="ongoing",
                               commitment="An hour a week", minimum_age=18, dbs_level="enhanced",
                               training=["Safeguarding adults"])
    today = date.today()
    volunteers = []
    for n in range(count):
        lat, lng = point(pick)
        volunteers.append(Volunteer(first_name=f"Bench{n}", last_name="Befriender", latitude=lat, longitude=lng,
                                    date_of_birth=date(1970, 1, 1) + timedelta(days=pick.randrange(40 * 365))))
    Volunteer.objects.bulk_create(volunteers, batch_size=2000)
    checks, slots, befrienders = [], [], []
    for n, volunteer in enumerate(volunteers):
        issued = today - timedelta(days=100)
        checks.append(VolunteerCheck(volunteer=volunteer, kind="dbs_enhanced", issued_on=issued, verified_by=verifier))
        checks.append(VolunteerCheck(volunteer=volunteer, kind="training", detail="Safeguarding adults",
                                     issued_on=issued, verified_by=verifier,
                                     expires_on=today - timedelta(days=1) if n % 10 == 9 else None))
        for slot in pick.sample(range(21), pick.randint(3, 5)):
            slots.append(Availability(volunteer=volunteer, weekday=slot // 3,
                                      part_of_day=("morning", "afternoon", "evening")[slot % 3]))
        befrienders.append(Befriender(volunteer=volunteer, organisation=vcse, role=role,
                                      interests=pick.sample(INTERESTS, 3), languages=pick.choice(LANGUAGES),
                                      communication=pick.sample(WAYS, 2), capacity=pick.randint(1, 2)))
    VolunteerCheck.objects.bulk_create(checks, batch_size=5000)
    Availability.objects.bulk_create(slots, batch_size=5000)
    Befriender.objects.bulk_create(befrienders, batch_size=2000)
    made = []
    for n in range(cases):
        person = Person.objects.create(first_name=f"Bench{n}", last_name="Resident", postcode="TS18 1AA")
        lat, lng = point(pick)
        made.append(BefriendingCase.objects.create(
            organisation=vcse, person=person, referred_on=today, latitude=lat, longitude=lng,
            interests=pick.sample(INTERESTS, 2), languages=pick.choice(LANGUAGES), communication=["phone"],
            preferred_slots=[[pick.randrange(7), "afternoon"], [pick.randrange(7), "morning"]]))
    return made


def rank_once(case) -> tuple[float, int]:
    from communities.befriending.matching import rank

    started = time.perf_counter()
    ranking = rank(case)
    return (time.perf_counter() - started) * 1000, len(ranking.suggestions)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--befrienders", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--warm-repeats", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ.update(DJANGO_SETTINGS_MODULE="communities.settings.base", DATABASE_URL=SERVER + DB_NAME)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        cases = make_scheme(args.befrienders, args.cases, random.Random(16))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"set-up: {args.befrienders:,} befrienders, {args.cases} cases in {time.perf_counter() - started:.0f} s")
        cold = []
        for case in cases:
            connection.close()
            cold.append(rank_once(case)[0])
        warm = [rank_once(case)[0] for _ in range(args.warm_repeats) for case in cases]
        shown = rank_once(cases[0])[1]
        print(f"\n{'befrienders':>12} {'suggested':>10} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} "
              f"{'warm p95':>9}  (ms; cold n={len(cold)}, warm n={len(warm)})")
        print(f"{args.befrienders:>12,} {shown:>10} {statistics.median(cold):>9.1f} {percentile(cold, 95):>9.1f} "
              f"{statistics.median(warm):>9.1f} {percentile(warm, 95):>9.1f}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        worst = max(percentile(cold, 95), percentile(warm, 95))
        print(f"worst p95 {worst:.1f} ms (target 200 ms)")
        return 0 if worst <= 200 else 1
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
