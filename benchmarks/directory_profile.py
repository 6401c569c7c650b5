"""Where a cache miss's time goes: each kind of public directory request, worked out with the shared cache off.

Usage (against a database already holding the listings, e.g. one made by ``directory_load.py --keep``)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python benchmarks/directory_profile.py [--repeat 30]
        [--cprofile KIND]

For each kind it runs ``--repeat`` distinct requests in process with Django's test client (no network, no
gunicorn) and prints the median total time split into SQL (time inside the database driver), template rendering,
and the rest (URL routing, forms, ORM object building, serialisation, JSON), plus the number of queries and the
Python process's own CPU time (thread_time: what a request costs this process however busy the machine is; the
database server's CPU is not in it). Wall times grow with the machine's load; the load average is printed.
``--cprofile KIND`` prints the 25 most expensive functions for that kind; ``--templates`` prints, for each kind, the
CPU time (thread_time, so the load hardly moves it) spent rendering each template, inclusive of what it includes.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communities.settings.base")
os.environ["DIRECTORY_CACHE_SECONDS"] = "0"  # every request is a miss
os.environ.setdefault("SECRET_KEY", "profile")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["DIRECTORY_API_RATE_PER_MINUTE"] = "0"


def kinds(pick: random.Random, postcodes, terms, ids, words):
    def pc():
        return urllib.parse.quote(pick.choice(postcodes))

    return {
        "api: services (search words)": lambda: f"/api/directory/services?search={pick.choice(words)}"
                                                f"&page={pick.randint(1, 3)}",
        "api: services (category, list page)": lambda: f"/api/directory/services?taxonomy_term_id="
                                                       f"{pick.choice(terms)}&page={pick.randint(1, 20)}",
        "api: services (postcode)": lambda: f"/api/directory/services?postcode={pc()}&taxonomy_term_id="
                                            f"{pick.choice(terms)}&per_page=20",
        "api: service_at_locations (postcode)": lambda: f"/api/directory/service_at_locations?postcode={pc()}"
                                                        f"&proximity=2000&per_page=20",
        "api: service": lambda: f"/api/directory/services/{pick.choice(ids)}",
        "page: results (postcode, category, day)": lambda: f"/find-help/?category={pick.choice(terms)}"
                                                           f"&postcode={pc()}&day={pick.choice(['SA', 'MO', 'WE'])}"
                                                           f"&age={pick.randint(5, 80)}",
        "page: results (words)": lambda: f"/find-help/?q={pick.choice(words)}&postcode={pc()}",
        "page: service": lambda: f"/find-help/services/{pick.choice(ids)}/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--cprofile", default="")
    parser.add_argument("--templates", action="store_true", help="CPU per template for each kind")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    from communities.directory.models import Service
    from communities.directory.services.taxonomy import default_taxonomy_data
    from communities.places.models import Postcode

    postcodes = list(Postcode.objects.filter(latitude__isnull=False).values_list("postcode", flat=True)[:3000])
    terms = [t["id"] for t in default_taxonomy_data()["terms"] if t["parent"] not in (None, "who-for")]
    ids = [str(i) for i in Service.objects.values_list("id", flat=True)[:3000]]
    words = ["food", "warm", "carers", "debt", "pantry", "walking", "youth", "advice", "lunch", "garden"]
    pick = random.Random(13)
    timing = {"sql": 0.0, "template": 0.0, "queries": 0}

    def sql_timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timing["sql"] += time.perf_counter() - started
            timing["queries"] += 1

    original_render = Template.render

    def timed_render(self, *a, **kw):
        started = time.perf_counter()
        try:
            return original_render(self, *a, **kw)
        finally:
            timing["template"] += time.perf_counter() - started

    Template.render = timed_render
    from collections import Counter

    from django.template import base as template_base

    template_cpu = Counter()
    original_inner = template_base.Template._render

    def cpu_per_template(self, context):
        started = time.thread_time()
        try:
            return original_inner(self, context)
        finally:
            template_cpu[self.origin.template_name] += time.thread_time() - started

    if args.templates:
        template_base.Template._render = cpu_per_template
    client = Client()
    print(f"{Service.objects.count()} services on {connection.vendor}; median of {args.repeat} distinct requests each, "
          "shared cache off")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    print(f"{'kind':42s} {'total':>7s} {'SQL':>7s} {'tmpl':>7s} {'rest':>7s} {'queries':>7s} {'CPU':>7s}  (ms)")
    with connection.execute_wrapper(sql_timer):
        for kind, make in kinds(pick, postcodes, terms, ids, words).items():
            rows = []
            for n in range(args.repeat + 2):
                url = make()
                if n == 2:
                    template_cpu.clear()  # not the warm-up requests (they compile the templates)
                timing.update(sql=0.0, template=0.0, queries=0)
                profiler = cProfile.Profile() if args.cprofile and args.cprofile in kind and n >= 2 else None
                started, cpu = time.perf_counter(), time.thread_time()
                if profiler:
                    profiler.enable()
                response = client.get(url)
                if profiler:
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(25)
                total, cpu = time.perf_counter() - started, time.thread_time() - cpu
                assert response.status_code == 200, (url, response.status_code)
                if n >= 2:  # the first two warm the process (URLconf, templates, connection)
                    rows.append((total, timing["sql"], timing["template"], timing["queries"], cpu))
            med = [statistics.median(r[i] for r in rows) for i in range(5)]
            print(f"{kind:42s} {med[0] * 1000:7.1f} {med[1] * 1000:7.1f} {med[2] * 1000:7.1f} "
                  f"{(med[0] - med[1] - med[2]) * 1000:7.1f} {med[3]:7.0f} {med[4] * 1000:7.1f}")
            for name, spent in template_cpu.most_common(6):
                print(f"    template {name}: {spent * 1000 / args.repeat:.2f} ms CPU a request")
            template_cpu.clear()


if __name__ == "__main__":
    main()
