"""Sign-in lockout per account and per address (django-axes 8.3, configured in settings).

An account is locked after ``AXES_FAILURE_LIMIT`` failed sign-ins from any addresses; an address after
``AXES_ADDRESS_FAILURE_LIMIT`` failed sign-ins for any accounts (made-up ones included). Both last
``AXES_COOLOFF_MINUTES``; failures older than that are forgotten. The account is the email allauth receives,
stripped and lower-cased, so ``Officer@Example.org`` and ``officer@example.org`` count together.

axes compares one number, ``get_failures``, with one limit, ``AXES_FAILURE_LIMIT``: the handler below counts the
account's failures and, once the address has reached its own (higher) limit, reports at least the account limit.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def normalised_login(request, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the email allauth authenticates with (``email=``), or the form's ``login`` field."""
    credentials = credentials or {}
    raw = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if not raw and request is not None:
        raw = getattr(request, "POST", {}).get("login")
    value = str(raw or "").strip().lower()
    return value[:254] or None


class AccountAndAddressHandler(AxesDatabaseHandler):
    """AXES_HANDLER: two counters, each with its own limit."""

    @staticmethod
    def _failures(request, **filters) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request), **filters)
        return recent.aggregate(n=Sum("failures_since_start"))["n"] or 0

    def locked_parts(self, request, credentials: dict | None = None) -> list[str]:
        """Which of "account" and "address" have reached their limits."""
        username = get_client_username(request, credentials)
        parts = []
        if username and self._failures(request, username=username) >= settings.AXES_FAILURE_LIMIT:
            parts.append("account")
        address = self._failures(request, ip_address=request.axes_ip_address)
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            parts.append("address")
        return parts

    def get_failures(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        account = self._failures(request, username=username) if username else 0
        if self._failures(request, ip_address=request.axes_ip_address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A full sign-in clears that account's failures only, never those of others at the same address."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def locked_parts(request, credentials: dict | None = None) -> list[str]:
    handler = AxesProxyHandler.get_implementation()
    if isinstance(handler, AccountAndAddressHandler):
        return handler.locked_parts(request, credentials)
    return ["account"]


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """AXES_LOCKOUT_CALLABLE: the plain-English page, saying what is locked and for how long."""
    parts = locked_parts(request, credentials)
    context = {
        "account_locked": "account" in parts or not parts,
        "address_locked": "address" in parts,
        "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
    }
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
