"""Sign-ins, failed sign-ins and lockouts go into the audit trail; signing in stamps the session's start."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from communities.audit.services import Action, record

from .lockout import locked_parts, normalised_login
from .session_lifetime import stamp


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record(actor=user, action=Action.LOGIN, obj=user, organisation=None, request=request)


@receiver(user_logged_in)
def stamp_session(sender, request, user, **kwargs):
    if request is not None:
        stamp(request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    login = normalised_login(request, credentials) or ""
    record(
        actor=None,
        action=Action.LOGIN_FAILED,
        object_type="accounts.User",
        object_id="",
        fields={"login": login},
        reason="sign-in form",
        request=request,
    )


@receiver(user_locked_out)
def audit_locked_out(sender, request, username, ip_address, **kwargs):
    parts = locked_parts(request, getattr(request, "axes_credentials", None))
    record(
        actor=None,
        action=Action.LOCKED_OUT,
        object_type="accounts.User",
        fields={"login": str(username or "")[:254], "ip_address": ip_address, "locked": " and ".join(parts)},
        reason="django-axes lockout after repeated failed sign-ins",
        request=request,
    )
