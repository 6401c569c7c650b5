"""An absolute session lifetime besides the idle timeout (issue 12)."""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from communities.accounts.session_lifetime import SIGNED_IN_AT

pytestmark = pytest.mark.django_db


def age_session(client, seconds: float) -> None:
    session = client.session
    session[SIGNED_IN_AT] = time.time() - seconds
    session.save()


def test_the_lifetimes_are_configured():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_ABSOLUTE_LIFETIME_SECONDS == 12 * 60 * 60


def test_signing_in_stamps_the_session(client_for):
    client = client_for("officer")
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 60


def test_an_active_session_within_its_lifetime_stays(client_for):
    client = client_for("officer")
    age_session(client, settings.SESSION_ABSOLUTE_LIFETIME_SECONDS - 60)
    assert client.get("/dashboard/").status_code == 200


def test_an_active_session_older_than_its_lifetime_is_signed_out(client_for):
    client = client_for("officer")
    assert client.get("/dashboard/").status_code == 200  # active: the idle timeout keeps sliding
    age_session(client, settings.SESSION_ABSOLUTE_LIFETIME_SECONDS + 1)
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_a_signed_in_session_without_a_stamp_is_signed_out(client_for):
    client = client_for("officer")
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
