"""Second-factor codes cannot be guessed without limit (issue 12): lock, audit, cool-off, recovery codes."""

from __future__ import annotations

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.utils import timezone

from communities.accounts.models import SecondFactorAttempts
from communities.audit.models import AuditEvent

from ..conftest import PASSWORD
from .test_login import totp_now

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


def wrong_totp_codes(count: int) -> list[str]:
    right = {totp_now(-1), totp_now(), totp_now(1)}
    return [code for code in (f"{n:06d}" for n in range(100, 200)) if code not in right][:count]


def start_sign_in(client, email="officer@example.org"):
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")


def send_code(client, code):
    return client.post("/accounts/2fa/authenticate/", {"code": code})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock_totp(client):
    for code in wrong_totp_codes(settings.MFA_FAILURE_LIMIT):
        response = send_code(client, code)
        assert response.status_code == 200 and not signed_in(client)
    return response


def test_the_limits_are_configured():
    assert settings.MFA_FAILURE_LIMIT == 5
    assert settings.MFA_COOLOFF_MINUTES == 30


def test_wrong_codes_lock_the_second_factor_and_even_the_right_code_is_refused(client, personas):
    start_sign_in(client)
    response = lock_totp(client)
    assert "locked" in response.content.decode()
    response = send_code(client, totp_now())
    page = response.content.decode()
    assert response.status_code == 200 and not signed_in(client)
    assert "Your second factor is locked" in page and "recovery code" in page
    assert client.get("/dashboard/").status_code == 302


def test_every_failed_code_and_the_lock_are_audited(client, personas):
    officer = personas["officer"]
    start_sign_in(client)
    lock_totp(client)
    send_code(client, totp_now())  # refused during the lock: audited too
    failed = AuditEvent.objects.filter(action=Action.MFA_FAILED, object_id=str(officer.pk))
    assert failed.count() == settings.MFA_FAILURE_LIMIT + 1
    assert failed.filter(fields__refused="locked").count() == 1
    locks = AuditEvent.objects.filter(action=Action.MFA_LOCKED_OUT, object_id=str(officer.pk))
    assert locks.count() == 1
    assert locks.get().fields["failures"] == settings.MFA_FAILURE_LIMIT
    assert all(event.fields.get("code") is None for event in failed)  # the guessed codes are not kept


def test_the_lock_ends_after_the_cool_off(client, personas):
    start_sign_in(client)
    lock_totp(client)
    state = SecondFactorAttempts.objects.get(user=personas["officer"])
    expected = timezone.now() + timezone.timedelta(minutes=settings.MFA_COOLOFF_MINUTES)
    assert abs((state.locked_until - expected).total_seconds()) < 60
    state.locked_until = timezone.now() - timezone.timedelta(seconds=1)
    state.save()
    response = send_code(client, totp_now())
    assert response.status_code == 302 and signed_in(client)
    state.refresh_from_db()
    assert state.failures == 0 and state.locked_until is None


def test_a_right_code_clears_earlier_failures(client, personas):
    start_sign_in(client)
    for code in wrong_totp_codes(settings.MFA_FAILURE_LIMIT - 1):
        send_code(client, code)
    assert send_code(client, totp_now()).status_code == 302 and signed_in(client)
    assert SecondFactorAttempts.objects.get(user=personas["officer"]).failures == 0


def test_failures_count_per_account_across_sign_in_attempts(client, personas):
    start_sign_in(client)
    for code in wrong_totp_codes(settings.MFA_FAILURE_LIMIT - 1):
        send_code(client, code)
    client.cookies.clear()
    start_sign_in(client)  # starting again does not reset the count
    send_code(client, wrong_totp_codes(settings.MFA_FAILURE_LIMIT)[-1])
    assert "Your second factor is locked" in send_code(client, totp_now()).content.decode()


def test_a_recovery_code_still_signs_in_during_the_lock(client, personas):
    codes = RecoveryCodes.activate(personas["officer"]).get_unused_codes()
    start_sign_in(client)
    lock_totp(client)
    response = send_code(client, codes[0])
    assert response.status_code == 302 and signed_in(client)
    state = SecondFactorAttempts.objects.get(user=personas["officer"])
    assert state.failures == 0 and state.locked_until is None


def test_recovery_code_guesses_count_and_then_lock_recovery_codes_too(client, personas):
    codes = RecoveryCodes.activate(personas["officer"]).get_unused_codes()
    start_sign_in(client)
    lock_totp(client)
    guesses = [f"{n:08d}" for n in range(10_000_000, 10_000_100) if f"{n:08d}" not in codes]
    for guess in guesses[: settings.MFA_FAILURE_LIMIT]:
        send_code(client, guess)
    response = send_code(client, codes[0])
    page = response.content.decode()
    assert response.status_code == 200 and not signed_in(client)
    assert "recovery codes are locked too" in page
    assert AuditEvent.objects.filter(action=Action.MFA_LOCKED_OUT).count() == 2
    assert AuditEvent.objects.filter(action=Action.MFA_FAILED).count() == 2 * settings.MFA_FAILURE_LIMIT + 1
    assert codes[0] in RecoveryCodes.activate(personas["officer"]).get_unused_codes()  # not spent by the refusal


def test_re_authentication_shares_the_lock(client_for, personas):
    client = client_for("officer")
    for code in wrong_totp_codes(settings.MFA_FAILURE_LIMIT):
        client.post("/accounts/2fa/reauthenticate/", {"code": code})
    response = client.post("/accounts/2fa/reauthenticate/", {"code": totp_now()})
    assert "Your second factor is locked" in response.content.decode()
    assert AuditEvent.objects.filter(action=Action.MFA_LOCKED_OUT, actor=personas["officer"]).count() == 1


def test_a_burst_of_wrong_codes_does_not_leave_the_right_one_working(client, personas):
    """The finding: 60 wrong codes in 8 s were all accepted for retry, then the right one signed in, unaudited."""
    start_sign_in(client)
    for code in wrong_totp_codes(60):
        send_code(client, code)
    assert send_code(client, totp_now()).status_code == 200 and not signed_in(client)
    assert AuditEvent.objects.filter(action=Action.MFA_FAILED).count() == 61


def test_an_administrator_can_end_the_lock_early_and_it_is_audited(client, personas):
    from io import StringIO

    from django.core.management import call_command

    start_sign_in(client)
    lock_totp(client)
    call_command("unlock_second_factor", "Officer@Example.org", reason="phoned back on HR's number", stdout=StringIO())
    assert send_code(client, totp_now()).status_code == 302 and signed_in(client)
    event = AuditEvent.objects.get(action=Action.UPDATE, object_id=str(personas["officer"].pk))
    assert "phoned back" in event.reason
