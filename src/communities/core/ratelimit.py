"""Fixed-window rate limits counted in the shared ``default`` cache, so every server process (and every machine using
the same Redis) counts towards one limit. The count is an atomic increment (Redis INCR; a file lock in the folder
cache, ``core/cache.py``) on a key that expires after its window."""

from __future__ import annotations

import time

from django.core.cache import cache

from communities.accounts.client_address import client_ip


def count(key: str, *, timeout: int) -> int:
    """Add one to the counter ``key`` (created with ``timeout``) and return its new value."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add and incr: this request starts a new count
        cache.add(key, 1, timeout=timeout)
        return 1


def over_limit(request, *, scope: str, limit: int, window: int = 60, now: float | None = None) -> bool:
    """True once the client address has made more than ``limit`` requests to ``scope`` in this ``window`` seconds."""
    if not limit:
        return False
    period = int((now if now is not None else time.time()) // window)
    return count(f"{scope}-rate:{client_ip(request) or ''}:{period}", timeout=window + 10) > limit
