"""Second-factor codes cannot be guessed without limit (issue 12).

Per account: after ``MFA_FAILURE_LIMIT`` wrong codes the second factor is locked for ``MFA_COOLOFF_MINUTES``.
During the lock a code from the authenticator app is refused even when right, but a recovery code (a longer code,
``MFA_RECOVERY_CODE_DIGITS``) is still checked, so a member can sign in with one. Wrong recovery codes during the lock
count too: ``MFA_FAILURE_LIMIT`` of them lock recovery codes as well, for a fresh cool-off. A right code clears the
count and any lock. So at most 2 x MFA_FAILURE_LIMIT codes are checked per cool-off. Every wrong or refused code is
audited (MFA_FAILED, never the code itself) and every lock (MFA_LOCKED_OUT). Used at sign-in and re-authentication.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.core.internal.cryptokit import normalize_user_code
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record

from .models import SecondFactorAttempts


@dataclass
class Outcome:
    authenticator: Authenticator | None = None
    message: str = ""


def _until(state: SecondFactorAttempts) -> str:
    return timezone.localtime(state.locked_until).strftime("%H:%M")


def _fresh_state(user) -> SecondFactorAttempts:
    state, _ = SecondFactorAttempts.objects.select_for_update().get_or_create(user=user)
    if state.locked_until is not None and state.locked_until <= timezone.now():
        state.failures, state.locked_until, state.recovery_codes_locked = 0, None, False
        state.save()
    return state


def _matching(user, code: str, types) -> Authenticator | None:
    for authenticator in Authenticator.objects.filter(user=user, type__in=types).order_by("type"):
        if authenticator.wrap().validate_code(code):
            authenticator.user = user
            return authenticator
    return None


def _looks_like_recovery_code(code: str) -> bool:
    return len(normalize_user_code(code)) == mfa_settings.RECOVERY_CODE_DIGITS


def _audit(user, action, fields: dict, *, request, reauthentication: bool) -> None:
    record(
        actor=user if reauthentication else None,
        action=action,
        obj=user,
        fields=fields,
        reason="second-factor check at " + ("re-authentication" if reauthentication else "sign-in"),
        request=request,
    )


def _refused(state, *, request, reauthentication) -> Outcome:
    _audit(state.user, Action.MFA_FAILED, {"refused": "locked"}, request=request, reauthentication=reauthentication)
    if state.recovery_codes_locked:
        return Outcome(message=(
            f"Your second factor is locked until {_until(state)}, and your recovery codes are locked too, after too "
            "many wrong codes. Try again then, or ask your organisation’s administrator for help."
        ))
    return Outcome(message=(
        f"Your second factor is locked until {_until(state)} after too many wrong codes. Codes from your "
        "authenticator app will not work until then, but you can sign in with one of your recovery codes."
    ))


def _failed(state, *, request, reauthentication) -> Outcome:
    limit = settings.MFA_FAILURE_LIMIT
    during_lock = state.locked_until is not None
    state.failures += 1
    fields = {"failures": state.failures, "recovery_code": during_lock}
    _audit(state.user, Action.MFA_FAILED, fields, request=request, reauthentication=reauthentication)
    if state.failures < limit:
        state.save()
        left = limit - state.failures
        what = "recovery codes are locked too" if during_lock else "your second factor is locked"
        return Outcome(message=f"Incorrect code. After {left} more wrong {'code' if left == 1 else 'codes'}, {what}.")
    state.locked_until = timezone.now() + timezone.timedelta(minutes=settings.MFA_COOLOFF_MINUTES)
    state.recovery_codes_locked = during_lock
    _audit(state.user, Action.MFA_LOCKED_OUT, {
        "failures": state.failures, "until": state.locked_until.isoformat(),
        "locked": "recovery codes too" if during_lock else "authenticator app codes",
    }, request=request, reauthentication=reauthentication)
    state.failures = 0
    state.save()
    if during_lock:
        return Outcome(message=(
            f"Incorrect code. Your recovery codes are locked too, until {_until(state)}. "
            "Ask your organisation’s administrator if you need to sign in sooner."
        ))
    return Outcome(message=(
        f"Incorrect code. That was {limit} wrong codes, so your second factor is locked until {_until(state)}. "
        "You can still sign in with one of your recovery codes."
    ))


def check_code(user, code: str, *, request=None, reauthentication: bool = False) -> Outcome:
    """The authenticator the code belongs to, or why it was not accepted (counted, audited, maybe locked)."""
    with transaction.atomic():
        state = _fresh_state(user)
        if state.recovery_codes_locked or (state.locked_until and not _looks_like_recovery_code(code)):
            return _refused(state, request=request, reauthentication=reauthentication)
        types = [Authenticator.Type.RECOVERY_CODES]
        if state.locked_until is None:
            types.append(Authenticator.Type.TOTP)
        authenticator = _matching(user, code, types)
        if authenticator is None:
            return _failed(state, request=request, reauthentication=reauthentication)
        state.failures, state.locked_until, state.recovery_codes_locked = 0, None, False
        state.save()
        return Outcome(authenticator=authenticator)


def unlock(user) -> None:
    """End a second-factor lock early (``manage.py unlock_second_factor``)."""
    SecondFactorAttempts.objects.filter(user=user).update(failures=0, locked_until=None, recovery_codes_locked=False)
