"""The API's rate limit is one limit for all server processes: counted in the shared cache, atomically."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 40
PER_PROCESS = 60


def _redis_url() -> str | None:
    try:
        import redis  # noqa: F401
    except ImportError:
        return None
    with socket.socket() as s:
        s.settimeout(0.5)
        if s.connect_ex(("127.0.0.1", 6379)) != 0:
            return None
    return "redis://127.0.0.1:6379/15"


def _two_servers(cache_url: str, folder: Path) -> list[dict]:
    folder.mkdir()
    command = [sys.executable, "-m", "tests.directory.rate_limit_client", cache_url, str(PER_PROCESS), str(folder),
               str(LIMIT)]
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    deadline = time.time() + 120
    while len(list(folder.glob("ready-*"))) < 2 and time.time() < deadline:
        if any(p.poll() is not None for p in processes):
            break
        time.sleep(0.05)
    # Both inside one minute's window of the limit: at least 10 s before the minute turns.
    if time.time() % 60 > 50:
        time.sleep(60.5 - time.time() % 60)
    (folder / "go").touch()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.parametrize("backend", ["folder", "redis"])
def test_two_server_processes_share_one_limit(tmp_path, backend):
    if backend == "folder":
        url = f"file://{tmp_path / 'cache'}"
    else:
        url = _redis_url()
        if url is None:
            pytest.skip("the redis package or a Redis server on 127.0.0.1:6379 is not available")
        import redis

        redis.Redis.from_url(url).flushdb()
    first, second = _two_servers(url, tmp_path / "signals")
    # Each process made all its requests; together they got the one limit (counted per process, each would get it).
    # Which process got more depends on scheduling: one may find the limit already spent by the other.
    assert first["answered"] + first["throttled"] == PER_PROCESS == second["answered"] + second["throttled"]
    assert first["answered"] + second["answered"] == LIMIT, (first, second)
    assert first["throttled"] + second["throttled"] == 2 * PER_PROCESS - LIMIT
    assert set(first["codes"]) | set(second["codes"]) == {200, 429}


def test_counter_keeps_its_window_expiry(tmp_path, settings, rf):
    from communities.directory.middleware import throttled

    settings.CACHES = {"default": {"BACKEND": "communities.core.cache.FileBasedCache",
                                   "LOCATION": str(tmp_path)}, "local": settings.CACHES["local"]}
    settings.DIRECTORY_API_RATE_PER_MINUTE = 2
    request = rf.get("/api/directory/", REMOTE_ADDR="198.51.100.1")
    now = 1_800_000_000.0  # the start of a window (a multiple of 60)
    assert [throttled(request, now=now + s) for s in (0, 1, 2)] == [False, False, True]
    assert throttled(request, now=now + 60) is False  # a new window, a new count
    other = rf.get("/api/directory/", REMOTE_ADDR="198.51.100.2")
    assert throttled(other, now=now + 2) is False  # each address counts alone


def test_limit_counts_the_client_behind_trusted_proxies(settings, rf):
    from communities.directory.middleware import throttled

    settings.DIRECTORY_API_RATE_PER_MINUTE = 1
    settings.TRUSTED_PROXY_COUNT = 1
    one = rf.get("/api/directory/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    two = rf.get("/api/directory/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert [throttled(one), throttled(two), throttled(one)] == [False, False, True]
