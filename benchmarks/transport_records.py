"""Volunteer Driver Service records on PostgreSQL, at the demo's size: what the daily plan asks of compliance,
the scheme report, the open-data trips feed and one booking, cold and warm.

Usage: .venv/bin/python benchmarks/transport_records.py [--residents 1500] [--repeats 5] [--keep]

Creates its own database ``communities_bench_transport`` on postgres://postgres@127.0.0.1:5432/ (dropped first if
left over, and at the end unless ``--keep``), migrates it, loads Stockton's geography and generates the demo borough
(40 drivers, 15 vehicles, about 400 trips a week: four weeks done, a fortnight to plan), then ANALYZE. Measured:

- ``blockers``: ``ComplianceBook.load`` for the scheme and every (driver, trip) pair of the busiest planned day
  (what the daily plan needs before it solves; target: well under a second next to the 60 s planning budget);
- ``report``: ``reports.scheme_report`` over the four weeks done;
- ``trips feed``: ``opendata.trips_feed`` over the same four weeks;
- ``book``: ``bookings.book_trip`` for one outward trip with a return (the coordinator's "Book" button).

Cold: on a new database connection (the server's buffers are not emptied, which needs a restart and root). Warm: the
median of ``--repeats`` runs on one connection. The load average is printed before and after: the machine is
shared. Not part of the test suite.

Measured on this 2-core machine, 8 December 2026, load average 8.8-11.1 (shared with seven other sessions):
blockers for 40 drivers x 80 trips 181 ms cold / 124 ms warm; report over 1,600 trips 121 / 91 ms; trips feed
462 / 823 ms (the warm run was slower: the load); one booking with a return 93 / 27 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB_NAME = "communities_bench_transport"
SERVER = "postgres://postgres@127.0.0.1:5432/"


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(SERVER + "postgres", autocommit=True) as connection:
        connection.execute(statement)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def measurements():
    """(label, action) pairs over the generated scheme."""
    from datetime import time as clock
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from communities.accounts.models import User
    from communities.demo.logins import demo_email
    from communities.transport import opendata, reports
    from communities.transport.compliance import ComplianceBook
    from communities.transport.models import Driver, Passenger, Trip
    from communities.transport.services.bookings import Journey, book_trip

    today = timezone.localdate()
    busiest = (Trip.objects.filter(service_date__gt=today, status="requested").values("service_date")
               .annotate(n=Count("pk")).order_by("-n").first())
    day_trips = list(Trip.objects.filter(service_date=busiest["service_date"]))
    drivers = list(Driver.objects.select_related("user").prefetch_related("vehicles"))
    organisation = drivers[0].organisation
    first, last = today - timedelta(days=28), today - timedelta(days=1)
    coordinator = User.objects.get(email=demo_email("coordinator"))
    passenger = Passenger.objects.first()
    home, place = list(passenger.addresses.order_by("-is_home"))[:2]
    later = today + timedelta(days=20)

    def blockers():
        book = ComplianceBook.load(organisation, busiest["service_date"])
        for driver in drivers:
            vehicle = next(iter(driver.vehicles.all()), None)
            for trip in day_trips:
                book.blockers(driver, vehicle, trip)

    def book():
        book_trip(actor=coordinator, passenger=passenger, journey=Journey(
            service_date=later, purpose="shopping", pickup=home, dropoff=place, earliest_pickup=clock(10),
            latest_pickup=clock(10, 30), return_earliest=clock(13), return_latest=clock(13, 30)))

    pairs = f"{len(drivers)} drivers x {len(day_trips)} trips"
    done = Trip.objects.filter(service_date__range=(first, last)).count()
    return [
        (f"blockers ({pairs})", blockers),
        (f"report ({done} trips)", lambda: reports.scheme_report(organisation, first, last)),
        (f"trips feed ({done} trips)", lambda: opendata.trips_feed(organisation, first, last)),
        ("book (outward + return)", book),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    os.environ.update(DJANGO_SETTINGS_MODULE="communities.settings.base", DATABASE_URL=SERVER + DB_NAME,
                      DEMO_MODE="1")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from communities.demo.generator import generate

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_council", "E06000004", verbosity=0)
        generate(seed=15, residents=args.residents, council_code="E06000004")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"set-up (migrate, geography, demo borough of {args.residents:,}): {time.perf_counter() - started:.0f} s")
        print(f"\n{'measured':<40} {'cold ms':>9} {'warm p50 ms':>12}")
        for label, action in measurements():
            connection.close()
            cold = timed(action)
            warm = statistics.median(timed(action) for _ in range(args.repeats))
            print(f"{label:<40} {cold:>9.1f} {warm:>12.1f}")
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
