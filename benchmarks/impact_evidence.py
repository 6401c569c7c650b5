"""Time to take an impact assessment's evidence snapshot, and to show a published assessment, on the demo borough.

Usage: .venv/bin/python benchmarks/impact_evidence.py [--residents 5000] [--runs 5]

A throwaway SQLite database in a temporary folder gets the Stockton geography and a demo borough with the rooms the
evidence reads (people, money, referrals, support, Insight) and the impact demo, untimed. Then, for an area of one
ward, two wards and the whole borough (27 wards), the snapshot is taken cold (the ONS age file and LSOA lookup not yet
read) and warm (median of --runs); and the public page of the published demo assessment is fetched cold and warm.
The load average is printed with every figure.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ["communities.directory.demo.add_demo_services", "communities.money.demo.add_demo_money",
         "communities.referrals.demo.add_demo_referrals", "communities.support.demo.add_demo_support",
         "communities.insight.demo.add_demo_indicators", "communities.impact.demo.add_assessments"]


def setup(residents: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    folder = tempfile.mkdtemp(prefix="impact-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "communities.settings.base"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEMO_EXTENSIONS = ROOMS
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    call_command("load_council", "E06000004", verbosity=0)
    call_command("demo_borough", seed=1, residents=residents, verbosity=0, stdout=io.StringIO())


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup(args.residents)
    from django.test import Client

    from communities.impact.evidence import build, population
    from communities.impact.evidence.area import Area
    from communities.impact.models import Assessment
    from communities.places.models import LSOA, Ward

    wards = list(Ward.objects.order_by("name"))

    def area(chosen):
        codes = tuple(LSOA.objects.filter(ward__in=chosen).values_list("code", flat=True))
        return Area(tuple(w.code for w in chosen), tuple(w.name for w in chosen), codes)

    print(f"Impact assessment evidence, demo borough of {args.residents:,} residents (SQLite)")
    print(f"{'what':<34}{'cold ms':>10}{'warm ms (median)':>20}{'load avg':>10}")
    for label, chosen in (("snapshot: 1 ward", wards[:1]), ("snapshot: 2 wards", wards[:2]),
                          (f"snapshot: borough ({len(wards)} wards)", wards)):
        population._estimates.cache_clear()
        population._lookup.cache_clear()
        cold = timed(lambda chosen=chosen: build(area(chosen)))
        warm = statistics.median(timed(lambda chosen=chosen: build(area(chosen))) for _ in range(args.runs))
        print(f"{label:<34}{cold:>10.0f}{warm:>20.0f}{os.getloadavg()[0]:>10.1f}")
    published = Assessment.objects.published().first()
    client = Client()
    url = f"/impact-assessments/published/{published.pk}/"
    answers = []
    cold = timed(lambda: answers.append(client.get(url).status_code))
    warm = statistics.median(timed(lambda: answers.append(client.get(url).status_code)) for _ in range(args.runs))
    if set(answers) != {200}:
        raise SystemExit(f"The public page answered {sorted(set(answers))}, not 200")
    print(f"{'public page of an assessment':<34}{cold:>10.0f}{warm:>20.0f}{os.getloadavg()[0]:>10.1f}")


if __name__ == "__main__":
    main()
