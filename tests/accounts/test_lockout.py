"""Lockout per account and per address (issue 12, finding "lockout is by IP, not by account")."""

from __future__ import annotations

import pytest
from django.conf import settings

from communities.audit.models import AuditEvent

from ..conftest import PASSWORD
from .test_login import totp_now

pytestmark = pytest.mark.django_db

WRONG = "not the password at all"


def sign_in(client, email, password=PASSWORD, ip="192.0.2.10"):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def reached_second_factor(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/")


def locked(response) -> bool:
    return response.status_code == 429 and b"Your account is locked" in response.content


def address_paused(response) -> bool:
    return response.status_code == 429 and b"Signing in from this network is paused" in response.content


def test_the_limits_are_configured_per_account_and_per_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 20
    assert settings.AXES_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT


def test_failures_from_many_addresses_lock_the_account(client, personas):
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "officer@example.org", WRONG, ip=f"198.51.100.{n + 1}")
    assert locked(response)
    # The right password, from yet another address, is refused while the account is locked.
    response = sign_in(client, "officer@example.org", ip="203.0.113.99")
    assert locked(response)
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    assert reached_second_factor(sign_in(client, "worker@example.org", ip="203.0.113.99"))


def test_the_account_is_the_email_as_allauth_normalises_it(client, personas):
    spellings = ["Officer@Example.org", " officer@example.org ", "OFFICER@EXAMPLE.ORG", "officer@example.org",
                 "oFFicer@example.ORG"]
    for n, spelling in enumerate(spellings):
        sign_in(client, spelling, WRONG, ip=f"198.51.100.{n + 1}")
    assert locked(sign_in(client, "officer@example.org", ip="203.0.113.99"))


def test_failures_for_a_made_up_address_do_not_lock_others_behind_the_same_address(client, personas):
    ip = "192.0.2.50"
    for _ in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(client, "nobody-at-all@example.org", WRONG, ip=ip)
    # A real member behind the same address (a council office, say) still gets in.
    assert reached_second_factor(sign_in(client, "officer@example.org", ip=ip))
    client.cookies.clear()
    # One more failure reaches the per-address limit: now everyone at that address waits.
    sign_in(client, "someone-else@example.org", WRONG, ip=ip)
    assert address_paused(sign_in(client, "worker@example.org", ip=ip))
    # ...but not at another address.
    assert reached_second_factor(sign_in(client, "worker@example.org", ip="192.0.2.51"))


def test_another_members_sign_in_does_not_clear_failures_against_an_account(client, personas):
    ip = "192.0.2.60"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "officer@example.org", WRONG, ip=ip)
    # An attacker who has an account of their own signs in fully from the same address...
    assert reached_second_factor(sign_in(client, "worker@example.org", ip=ip))
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now()}, REMOTE_ADDR=ip)
    assert response.status_code == 302
    client.logout()
    # ...which must not wipe the failures counted against the officer's account.
    assert locked(sign_in(client, "officer@example.org", WRONG, ip=ip))


def test_the_lockout_is_audited_with_the_account_and_address(client, personas):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "Officer@Example.org", WRONG, ip=f"198.51.100.{n + 1}")
    event = AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).latest("id")
    assert event.fields["login"] == "officer@example.org"
    assert event.fields["locked"] == "account"
    assert event.ip_address == f"198.51.100.{settings.AXES_FAILURE_LIMIT}"
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, fields__login="officer@example.org")
    assert failed.count() == settings.AXES_FAILURE_LIMIT


def test_the_lockout_page_states_the_cool_off(client, personas):
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "officer@example.org", WRONG, ip=f"198.51.100.{n + 1}")
    page = response.content.decode()
    assert "Your account is locked" in page
    assert f"{settings.AXES_COOLOFF_MINUTES} minutes" in page
