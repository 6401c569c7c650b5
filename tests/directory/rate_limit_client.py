"""One server process for the rate limit test:
``python -m tests.directory.rate_limit_client CACHE_URL N FOLDER LIMIT``.

Once set up it writes ``FOLDER/ready-<pid>`` and waits for ``FOLDER/go`` (so two of these start at the same
moment, however long each took to start), then asks the API for ``N`` answers
with the test client, from one client address, with the shared cache at CACHE_URL; prints how many were answered
and how many throttled (429) as JSON. The public answers cache is off, so every request goes through the limit."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(cache_url: str, requests: int, folder: str, limit: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communities.settings.test")
    os.environ["CACHE_URL"] = cache_url
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from communities.settings.env import env_cache

    caches = {"default": env_cache("CACHE_URL", None),
              "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=caches, DIRECTORY_CACHE_SECONDS=0, DIRECTORY_API_RATE_PER_MINUTE=limit):
        client = Client(REMOTE_ADDR="203.0.113.7")
        client.get("/find-help/no-such-page/")  # load everything a first request loads, outside the API
        go = Path(folder) / "go"
        (Path(folder) / f"ready-{os.getpid()}").touch()
        deadline = time.time() + 120
        while not go.exists() and time.time() < deadline:
            time.sleep(0.005)
        codes = [client.get("/api/directory/", HTTP_HOST="testserver").status_code for _ in range(requests)]
    print(json.dumps({"answered": sum(c != 429 for c in codes), "throttled": codes.count(429),
                      "codes": sorted(set(codes))}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
