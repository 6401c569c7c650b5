"""Second-factor helpers: whether a user has TOTP, and (demo only) the current code."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def activate_totp_with_secret(user, secret: str) -> None:
    """Give a user a TOTP authenticator with a known secret (demo borough and tests only)."""
    from allauth.mfa.totp.internal.auth import TOTP

    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)


def current_code(user) -> str | None:
    """The code the user's authenticator app would show now (used by the demo banner and the tests)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


# Residents' accounts (no organisation membership) need a second factor only where their work touches residents'
# personal data; each room that gives residents such work adds a check here (volunteering: an approved role that
# touches personal data). Members of an organisation and platform administrators always need one.
SECOND_FACTOR_NEEDED: list = []


def second_factor_needed(user) -> bool:
    if user.is_superuser or getattr(user, "current_organisation", None) is not None:
        return True
    return any(check(user) for check in SECOND_FACTOR_NEEDED)
