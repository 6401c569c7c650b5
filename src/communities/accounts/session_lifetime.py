"""An absolute session lifetime besides the idle timeout (issue 12).

The idle timeout (``SESSION_IDLE_TIMEOUT_SECONDS``) slides forward with every request, so an active session could
otherwise last for ever. Signing in stamps the session; a session older than ``SESSION_ABSOLUTE_LIFETIME_SECONDS``
is signed out on its next request, however active. A signed-in session without a stamp (one that began before this
rule) is signed out too.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

SIGNED_IN_AT = "communities_signed_in_at"


def stamp(request) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[SIGNED_IN_AT] = time.time()


def expired(session) -> bool:
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return True
    return time.time() - signed_in_at > settings.SESSION_ABSOLUTE_LIFETIME_SECONDS


class AbsoluteSessionLifetimeMiddleware:
    """After AuthenticationMiddleware: signs out a session past its absolute lifetime before anything else sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and expired(request.session):
            logout(request)
        return self.get_response(request)
