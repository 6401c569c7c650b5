"""Neighbourhood profiles (issue 18, item 5): all 124 LSOA and 27 ward profiles (plus the borough) recomputed, and
one profile page (public ward page, LSOA page, partner page), cold and warm, with the load average.

Usage: .venv/bin/python benchmarks/neighbourhood_profiles.py [--database-url sqlite:////tmp/x.sqlite3]

A throwaway database (a temporary SQLite file unless --database-url is given) gets the Stockton geography and the
SYNTHETIC 24-month police.uk sample (untimed). "Cold" is the first run (for profiles: files read, caches
empty; for a page: its first request, after one request to the home page has imported the project's URL
configuration, which takes seconds whatever the page); "warm" is the median of the next runs.
Targets: all profiles <= 10 s; one page <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(function, repeat: int = 5) -> tuple[float, float]:
    started = time.perf_counter()
    function()
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="h8-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communities.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_council", "E06000004", verbosity=0)
    from communities.neighbourhoods import profiles
    from communities.neighbourhoods.crime import import_files
    from communities.neighbourhoods.models import CrimeCount
    from communities.neighbourhoods.synthetic import sample_files

    if not CrimeCount.objects.exists():
        import_files(sample_files(), synthetic=True)
    client = Client()
    client.get("/")  # imports every room's URLs and views once (not this room's cost)
    pages = {
        "public ward page (Stockton Town Centre)": "/neighbourhoods/ward/E05014882/",
        "public LSOA page": "/neighbourhoods/lsoa/E01012267/",
        "public ward CSV": "/neighbourhoods/ward/E05014882/csv/",
    }
    rows = []
    load = os.getloadavg()[0]
    cold, warm = timed(lambda: profiles.recompute_all(), repeat=3)
    rows.append(("all 124 LSOA + 27 ward + borough profiles", cold, warm, 10.0))
    for name, path in pages.items():
        def get(path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)  # noqa: S101
        cold, warm = timed(get)
        rows.append((name, cold, warm, 0.3))
    print(f"Neighbourhood profiles on {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
          f"load average (1 min) {load:.1f} at start, {os.getloadavg()[0]:.1f} at end, {os.cpu_count()} cores")
    print(f"{'what':48} {'cold s':>8} {'warm s':>8} {'target s':>9}")
    for name, cold, warm, target in rows:
        print(f"{name:48} {cold:8.3f} {warm:8.3f} {target:9.1f}{'' if warm <= target else '  OVER'}")


if __name__ == "__main__":
    main()
