"""Every member must have a second factor before they can use the service (MFA_REQUIRED, on by default)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect

from communities.core.access import is_public_view

from .mfa import has_totp, second_factor_needed

# Pages a signed-in user without a second factor may still reach: setting one up, and signing out.
_MFA_SETUP_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
    }
)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.MFA_REQUIRED or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in _MFA_SETUP_NAMES or is_public_view(match):
            return None
        # Pages open to residents' accounts (a view marked ``open_to_residents``) ask for a second factor only when
        # the account needs one (mfa.second_factor_needed): a member of any organisation always does.
        if getattr(view_func, "open_to_residents", False) and not second_factor_needed(request.user):
            return None
        if not has_totp(request.user):
            return redirect("mfa_activate_totp")
        return None
