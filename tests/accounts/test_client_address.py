"""The client's address behind a trusted proxy, one rule for the audit trail and for lockouts (issue 12)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory, override_settings

from communities.accounts.client_address import client_ip
from communities.audit.models import AuditEvent
from communities.audit.services import _client_ip

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def request_with(forwarded_for: str | None = None, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_by_default_no_proxy_is_trusted_and_a_forged_header_is_ignored():
    assert settings.TRUSTED_PROXY_COUNT == 0
    request = request_with("203.0.113.7")
    assert client_ip(request) == PROXY
    assert _client_ip(request) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_trusted_proxy_gives_the_address_it_saw():
    # The client forged the first entry; the proxy appended the address it really saw.
    request = request_with("1.2.3.4, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"
    assert _client_ip(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_trusted_proxies_count_from_the_right():
    assert client_ip(request_with("1.2.3.4, 203.0.113.7, 10.0.0.1")) == "203.0.113.7"
    assert client_ip(request_with("203.0.113.8,10.0.0.1")) == "203.0.113.8"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_missing_short_or_malformed_header_falls_back_to_the_connection():
    assert client_ip(request_with(None)) == PROXY
    assert client_ip(request_with("")) == PROXY
    assert client_ip(request_with("not-an-address")) == PROXY
    assert client_ip(request_with(" 2001:db8::1 ")) == "2001:db8::1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_audit_trail_records_the_client_behind_the_proxy(client, personas):
    client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": "wrong"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.ip_address == "203.0.113.7"
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_without_a_trusted_proxy_the_audit_trail_ignores_the_header(client, personas):
    client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": "wrong"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED).ip_address == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_lockout_per_address_counts_each_client_behind_the_proxy(client, personas):
    for _ in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        client.post(
            "/accounts/login/", {"login": "made-up@example.org", "password": "wrong"},
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    blocked = client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert blocked.status_code == 429
    # Another member behind the same proxy has a different address.
    response = client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/")
