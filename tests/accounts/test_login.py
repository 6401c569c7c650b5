"""Sign-in: password then a second factor; lockout; idle timeout; password rules."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.organisations.models import Membership

from ..conftest import PASSWORD, TEST_TOTP_SECRET, make_user

pytestmark = pytest.mark.django_db


def totp_now(offset: int = 0) -> str:
    import time

    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30 + offset))


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_password_alone_does_not_sign_in(client, personas):
    response = sign_in(client, "officer@example.org")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/dashboard/").status_code == 302  # still not signed in
    assert "_auth_user_id" not in client.session


def test_password_and_code_sign_in(client, personas):
    sign_in(client, "officer@example.org")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now()})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    assert AuditEvent.objects.filter(actor=personas["officer"], action="login").exists()


def test_wrong_code_does_not_sign_in(client, personas):
    sign_in(client, "officer@example.org")
    wrong = "000000" if totp_now() != "000000" else "111111"
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_member_without_second_factor_must_set_one_up(client, council):
    user = make_user("new@example.org", mfa=False)
    Membership.objects.create(user=user, organisation=council, role="council_officer")
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    for url in ("/dashboard/", "/people/", "/places/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Setting one up is allowed (allauth first asks for the password again when the sign-in is not recent).
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200 or response["Location"].startswith("/accounts/reauthenticate/")
    assert client.get("/accounts/reauthenticate/").status_code == 200


def test_repeated_failures_lock_the_account_and_are_audited(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "officer@example.org", "wrong password entirely")
    response = sign_in(client, "officer@example.org")  # even the right password is now refused
    assert response.status_code in (403, 429)
    assert b"Your account is locked" in response.content
    assert AuditEvent.objects.filter(action="locked_out").exists()
    failed = AuditEvent.objects.filter(action="login_failed", fields__login="officer@example.org").count()
    assert failed >= settings.AXES_FAILURE_LIMIT
    assert "_auth_user_id" not in client.session


def test_idle_session_expires(client_for):
    client = client_for("officer")
    assert client.get("/dashboard/").status_code == 200
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE == 30 * 60
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_activity_extends_the_session(client_for):
    client = client_for("officer")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timezone.timedelta(seconds=60))
    client.get("/dashboard/")
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry > timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_removed_member_loses_access_on_next_request(client_for, personas):
    client = client_for("officer")
    assert client.get("/people/").status_code == 200
    Membership.objects.filter(user=personas["officer"]).update(is_active=False)
    assert client.get("/people/").status_code == 403


def test_sign_in_page_uses_the_error_summary(client, personas):
    page = client.get("/accounts/login/").content.decode()
    assert "<h1 class=\"govuk-heading-l\">Sign in</h1>" in page and "sign up" not in page.lower()
    response = sign_in(client, "officer@example.org", "not the password at all")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "<title>Error: Sign in" in page
