"""Strict parsing of settings from the environment (12-factor).

Shape after Healthchecks' ``envbool``/``envsecret``: booleans accept only the words listed, secrets may also be
read from a file named by ``NAME_FILE`` (Docker/Kubernetes secrets). Every variable is documented in
``docs/environment-variables.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE - {''})}, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points at {path!r}, which cannot be read: {exc}") from exc
    return os.environ.get(name, default)


# Django's folder cache with add and incr atomic across processes (the API's rate limit counts in it).
FOLDER_CACHE = "communities.core.cache.FileBasedCache"


def env_cache(name: str, default_dir: Path) -> dict:
    """The shared cache from a URL: ``file:///absolute/folder`` (default: ``default_dir``), ``locmem://`` (one
    process only: for tests and single-process set-ups) or ``redis://host:port/db`` (several servers; needs the
    ``redis`` package installed beside Communities)."""
    raw = os.environ.get(name, "").strip()
    max_entries = env_int("CACHE_MAX_ENTRIES", 20_000)
    if not raw:
        return {"BACKEND": FOLDER_CACHE, "LOCATION": str(default_dir),
                "OPTIONS": {"MAX_ENTRIES": max_entries}}
    if raw.startswith("file://"):
        folder = raw.removeprefix("file://")
        if not folder.startswith("/"):
            raise ImproperlyConfigured(f"{name} must name an absolute folder (file:///path), not {raw!r}")
        return {"BACKEND": FOLDER_CACHE, "LOCATION": folder,
                "OPTIONS": {"MAX_ENTRIES": max_entries}}
    if raw == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": max_entries}}
    if raw.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}
    raise ImproperlyConfigured(f"{name} must start with file://, locmem:// or redis://, not {raw!r}")
