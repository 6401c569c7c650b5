"""The one list of public pages, and the permission every private view declares.

Every URL pattern is either named in PUBLIC_URL_NAMES (or served by a public namespace) or requires a signed-in
member with a second factor and the permission the view declares with :func:`requires`. ``tests/test_url_access.py``
walks every pattern to prove it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

# Pages anyone may see without signing in.
PUBLIC_URL_NAMES: frozenset[str] = frozenset(
    {
        "core:home",
        "core:cookies",
        "core:accessibility",
        "core:privacy",
        "core:data_sources",
        "core:health",
        "places:postcode_lookup",
        "accounts:accept_invitation",
    }
)
# URL namespaces/names whose own views handle authentication (sign-in, MFA challenge, password reset).
PUBLIC_URL_PREFIXES: tuple[str, ...] = (
    "account_login",
    "account_logout",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "mfa_reauthenticate",
)


def url_name(match) -> str:
    if match is None:
        return ""
    return match.view_name or ""


def is_public_view(match) -> bool:
    name = url_name(match)
    return name in PUBLIC_URL_NAMES or name in PUBLIC_URL_PREFIXES


def requires(permission: str) -> Callable:
    """Declare and enforce the `rules` permission a view needs; the URL-walking test reads ``view.permission``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator
