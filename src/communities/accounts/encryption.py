"""Second-factor secrets encrypted at rest: the TOTP secret and the recovery-code seed (and any recovery codes
carried over from an older allauth) in ``allauth.mfa``'s ``Authenticator.data``.

Keys come from ``MFA_ENCRYPTION_KEYS``: Fernet keys (AES-128-CBC with HMAC-SHA256, from ``cryptography``), newest
first. Everything is encrypted with the newest key and read with any of them (``MultiFernet``), so a key is rotated
by putting a new one first, running ``manage.py rotate_mfa_keys``, then removing the old one
(docs/environment-variables.md). Stored values carry a prefix, so a value written before encryption was switched on
is told apart (and read as it is) until the migration or ``rotate_mfa_keys`` encrypts it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"
TOTP, RECOVERY_CODES = "totp", "recovery_codes"  # allauth's Authenticator.Type values


class SecretNotReadable(Exception):
    """A stored secret was encrypted with a key that is not (or no longer) in MFA_ENCRYPTION_KEYS, or was altered."""


def development_key(secret_key: str) -> str:
    """The key used when MFA_ENCRYPTION_KEYS is not set (development and tests only: production refuses it)."""
    digest = hashlib.sha256(b"communities-mfa-encryption:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def check_keys(keys) -> list[Fernet]:
    """Each key as a Fernet, or a clear error naming which one is wrong."""
    if not keys:
        raise ImproperlyConfigured("MFA_ENCRYPTION_KEYS is empty: give at least one Fernet key.")
    fernets = []
    for number, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                f"MFA_ENCRYPTION_KEYS: key {number} of {len(keys)} is not a Fernet key (32 random bytes in URL-safe "
                "base64); make one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            ) from exc
    return fernets


@lru_cache(maxsize=8)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet(check_keys(keys))


def _fernet() -> MultiFernet:
    return _multi(tuple(settings.MFA_ENCRYPTION_KEYS))


def is_encrypted(stored: str) -> bool:
    return isinstance(stored, str) and stored.startswith(PREFIX)


def encrypt(text: str) -> str:
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not is_encrypted(stored):
        return stored  # written before encryption was switched on
    try:
        return _fernet().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as exc:
        raise SecretNotReadable(
            "A second-factor secret cannot be read with any key in MFA_ENCRYPTION_KEYS "
            "(was the key it was encrypted with removed?)"
        ) from exc


def rotate(stored: str) -> str:
    """The value encrypted with the newest key (plain values are encrypted)."""
    if not is_encrypted(stored):
        return encrypt(stored)
    try:
        return PREFIX + _fernet().rotate(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as exc:
        raise SecretNotReadable("A second-factor secret cannot be read with any key in MFA_ENCRYPTION_KEYS") from exc


def transform_secrets(kind: str, data: dict, change: Callable[[str], str]) -> tuple[dict, int]:
    """A copy of an Authenticator's ``data`` with ``change`` applied to each secret in it, and how many it changed."""
    data = dict(data)
    count = 0
    if kind == TOTP and data.get("secret"):
        data["secret"], count = change(data["secret"]), 1
    elif kind == RECOVERY_CODES:
        if data.get("seed"):
            data["seed"], count = change(data["seed"]), 1
        if data.get("migrated_codes") is not None:
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
            count += len(data["migrated_codes"])
    return data, count
