"""The client's address, one rule for the audit trail and for sign-in lockouts (django-axes).

With ``TRUSTED_PROXY_COUNT = 0`` (the default) the address is the connection's own (``REMOTE_ADDR``) and any
``X-Forwarded-For`` header is ignored, since a client can send one of its own. Behind N trusted reverse proxies,
each appends the address it received the request from, so the client's address is the Nth entry from the right;
entries further left were written by the client and are not trusted. A missing, short or malformed header falls
back to ``REMOTE_ADDR`` (the nearest proxy), so a lockout then counts the proxy, never a forged address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < count:
        return remote
    return _valid(entries[-count]) or remote
