"""The one list of public pages, and the permission every private view declares.

Every URL pattern is either named in PUBLIC_URL_NAMES (or served by a public namespace) or requires a signed-in
member with a second factor and the permission the view declares with :func:`requires`. ``tests/test_url_access.py``
walks every pattern to prove it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import rules
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
        # The Volunteer Driver Service's booking rules (GTFS-Flex booking_rules.txt, open data).
        "transport:booking_rules",
        "accounts:accept_invitation",
        # Find help (community services directory) and its Open Referral UK 3.0 API.
        "findhelp:search",
        "findhelp:service",
        "findhelp:report",
        "findhelp:report_done",
        "findhelp:my_list",
        "findhelp:list_add",
        "findhelp:list_remove",
        "findhelp:shared_list",
        # Activities and sessions from OpenActive feeds (open data).
        "activities:search",
        "activities:activity",
        "directory_api:root",
        "directory_api:openapi",
        "directory_api:services",
        "directory_api:service",
        "directory_api:service_at_locations",
        "directory_api:service_at_location",
        "directory_api:organizations",
        "directory_api:organization",
        "directory_api:taxonomies",
        "directory_api:taxonomy",
        "directory_api:taxonomy_terms",
        "directory_api:taxonomy_term",
        # A carer's emergency contact answers through a signed one-time link (support.views.public), no account.
        "support:contact_response",
        # Published Equality and Poverty Impact Assessments (impact.views.public): aggregates only.
        "impact:published_list",
        "impact:published",
        "impact:published_pdf",
        # Volunteering: find an opportunity, a role's page, community action, registering, the open data feeds.
        "volunteering:opportunities",
        "volunteering:role",
        "volunteering:community",
        "volunteering:register",
        "volunteering:feed_volunteering",
        "volunteering:feed_sessions",
        # Neighbourhood profiles (neighbourhoods.views): aggregates only, small numbers suppressed.
        "neighbourhoods:index",
        "neighbourhoods:profile",
        "neighbourhoods:profile_csv",
        "neighbourhoods:profile_pdf",
    }
)
# Sign-in, second-factor challenge and password reset: public, and their own views decide what to show.
AUTHENTICATION_URL_NAMES: tuple[str, ...] = (
    "account_login",
    "admin_login",
    "account_logout",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "mfa_reauthenticate",
)


# Pages for any signed-in account, whatever its roles: managing your own password and second factor.
SIGNED_IN_URL_NAMES: frozenset[str] = frozenset(
    {
        "account_change_password",
        "account_set_password",
        "account_email",
        "account_reauthenticate",
        # django-allauth 65.22 added re-authentication by emailed code (met on purpose when locking 65.22.1; login
        # by code is off here, so these pages only ever say so to a signed-in account).
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "account_inactive",
        "account_signup",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_login_code_confirm",
        "account_request_login_code",
        "account_confirm_login_code",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_deactivate_totp",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_trust",
        "core:dashboard",
    }
)


def url_name(match) -> str:
    if match is None:
        return ""
    return match.view_name or ""


def is_public_view(match) -> bool:
    name = url_name(match)
    return name in PUBLIC_URL_NAMES or name in AUTHENTICATION_URL_NAMES


def has_perm(user, permission: str) -> bool:
    """Ask the rules in organisations/rules.py only. Unlike ``user.has_perm``, being a Django superuser grants
    nothing here: platform administrators reach personal data only through the same rules as everyone else."""
    return rules.has_perm(permission, user)


def requires(permission: str) -> Callable:
    """Declare and enforce the `rules` permission a view needs; the URL-walking test reads ``view.permission``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_perm(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator
