"""Weather-health alerts and the community risk map: how long the parts take, cold and warm.

Usage: .venv/bin/python benchmarks/risk_map.py [--entries 5000] [--warm 5]

Makes a temporary SQLite database (migrated, Stockton-on-Tees geography loaded) and times:
- reading the shipped amber heat CAP sample (parse and classify), cold (first in the process) and warm;
- ``scores_by_lsoa()`` (the call lists' area order) with ``--entries`` register entries counted from the database:
  cold (its file caches emptied) and warm;
- the risk map's SVG for every LSOA (cold: the boundary file read and projected);
- importing the amber sample end to end (the alert, its coverage, and the incident declared with its call list).
The load average is printed before and after because the machine is shared. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SAMPLE = ROOT / "tests" / "fixtures" / "cap" / "heat_amber_north_east.xml"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def make_register(count: int, pick: random.Random, planner, council) -> None:
    from django.utils import timezone

    from communities.people.models import Consent, Person
    from communities.places.models import Postcode
    from communities.resilience.models import RegisterEntry

    places = list(Postcode.objects.filter(latitude__isnull=False).values_list("postcode", "lsoa_id", "ward_id"))
    today = timezone.localdate()
    people = Person.objects.bulk_create(Person(first_name="Bench", last_name=f"R{n}") for n in range(count))
    consents = Consent.objects.bulk_create(
        Consent(person=p, purpose="emergency_register", lawful_basis="consent", how_given="verbal_in_person",
                given_at=timezone.now(), organisation=council, recorded_by=planner,
                expires_on=today + timedelta(days=pick.randint(-30, 330))) for p in people)
    entries = []
    for person, consent in zip(people, consents, strict=True):
        postcode, lsoa, ward = pick.choice(places)
        entries.append(RegisterEntry(person=person, organisation=council, consent=consent, postcode=postcode,
                                     lsoa_id=lsoa, ward_code=ward or "", registered_by=planner))
    RegisterEntry.objects.bulk_create(entries, batch_size=2000)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--warm", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {load()} ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(DJANGO_SETTINGS_MODULE="communities.settings.base",
                          DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_council", "E06000004", verbosity=0)
        rows = run(args)
    print(f"{'step':<44} {'cold ms':>9} {'warm ms (median)':>17}")
    for name, cold, warm in rows:
        print(f"{name:<44} {cold:>9.1f} {warm:>17.1f}")
    print(f"load average after: {load()}")
    return 0


def run(args) -> list[tuple[str, float, float]]:
    from django.urls import reverse

    from communities.accounts.models import User
    from communities.organisations.models import Membership, Organisation, OrganisationKind, Role
    from communities.organisations.services import current_membership_state
    from communities.places.svgmap import council_map, shapes
    from communities.resilience.alerts import alert_types, presenters, risk, services
    from communities.resilience.alerts.cap import parse_alert

    council = Organisation.objects.create(name="Bench Council", kind=OrganisationKind.COUNCIL)
    planner = User.objects.create_user(email="bench-planner@example.org", password=None)
    Membership.objects.create(user=planner, organisation=council, role=Role.EMERGENCY_PLANNER)
    planner.current_organisation, planner.current_roles = current_membership_state(planner, None)
    make_register(args.entries, random.Random(17), planner, council)
    data = SAMPLE.read_bytes()
    rows = []
    reverse("resilience_alerts:risk_map")  # the URL configuration's first import is not the map's cost

    def repeat(name, action, reset=lambda: None):
        reset()
        cold = timed(action)
        rows.append((name, cold, statistics.median(timed(action) for _ in range(args.warm))))

    repeat("CAP sample: parse and classify", lambda: alert_types.classify(parse_alert(data)))

    def empty_caches():
        risk.older_shares.cache_clear()
        risk.load_weights.cache_clear()

    repeat(f"scores_by_lsoa ({args.entries:,} register entries)", risk.scores_by_lsoa, empty_caches)
    scores = risk.scores_by_lsoa()
    repeat("risk map SVG (every LSOA)", lambda: council_map(presenters.map_areas(scores), title="Risk"),
           shapes.cache_clear)
    counter = iter(range(10**6))

    def import_once():
        unique = data.replace(b"NE-AMBER</identifier>", f"NE-AMBER-{next(counter)}</identifier>".encode())
        services.import_cap(actor=planner, data=unique)

    repeat("import amber sample, incident and call list", import_once)
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
