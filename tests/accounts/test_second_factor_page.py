"""Issue 19, accessibility: the second-factor page in GOV.UK style, not allauth's default (wording, a code box for a
one-time code with a numeric keypad, Cancel as a secondary button), and the lock message in a GOV.UK error summary."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from .test_second_factor_lock import lock_totp, send_code, start_sign_in

pytestmark = pytest.mark.django_db


def code_input(page: str) -> str:
    match = re.search(r'<input[^>]*name="code"[^>]*>', page)
    assert match, "no code box on the page"
    return match.group(0)


def test_the_second_factor_page_asks_in_plain_english_for_a_one_time_code(client, personas):
    start_sign_in(client)
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert re.search(r'<h1 class="govuk-heading-l">Enter your security code</h1>', page)
    assert "Enter the 6-digit code from your authenticator app" in page
    assert "Two-Factor Authentication" not in page and "Please enter an authenticator code" not in page
    box = code_input(page)
    for attribute in ('inputmode="numeric"', 'autocomplete="one-time-code"', 'autocapitalize="off"',
                      'spellcheck="false"', 'class="govuk-input govuk-input--width-10"',
                      'aria-describedby="id_code-hint"'):
        assert attribute in box, f"{attribute} missing from {box}"
    assert "Use a recovery code" in page and "8-digit recovery codes" in page
    cancel = re.search(r'<button[^>]*form="logout-from-stage"[^>]*>Cancel</button>', page)
    assert cancel and "govuk-button--secondary" in cancel.group(0), "Cancel is not a secondary button"
    assert '<form id="logout-from-stage" method="post" action="/accounts/logout/">' in page


def test_an_empty_code_says_what_to_do_in_an_error_summary(client, personas):
    start_sign_in(client)
    page = send_code(client, "").content.decode()
    assert "This field is required" not in page
    summary = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>\s*</div>', page, re.S)
    assert summary and 'href="#id_code"' in summary.group(0)
    assert "Enter the 6-digit code from your authenticator app, or one of your recovery codes" in summary.group(0)
    assert page.count("<title>Error: ") == 1


def test_the_lock_message_is_shown_in_a_govuk_error_summary(client, personas):
    start_sign_in(client)
    page = lock_totp(client).content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    assert summary, "no error summary after the second factor locked"
    assert "so your second factor is locked until" in summary.group(0)
    assert 'href="#id_code"' in summary.group(0)
    assert 'class="govuk-input govuk-input--width-10 govuk-input--error"' in code_input(page)


@override_settings(DEMO_MODE=True)
def test_the_demo_still_shows_the_current_codes(client, personas, monkeypatch):
    monkeypatch.setattr("communities.demo.logins.current_demo_codes", lambda: [("demo@example.org", "123456")])
    start_sign_in(client)
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert 'aria-label="Demonstration codes"' in page and "demo@example.org: <strong>123456</strong>" in page


def test_re_authentication_asks_in_plain_english_with_the_same_code_box(client_for):
    page = client_for("officer").get("/accounts/2fa/reauthenticate/").content.decode()
    assert '<h1 class="govuk-heading-l">Confirm it’s you</h1>' in page and "Confirm Access" not in page
    assert 'autocomplete="one-time-code"' in code_input(page) and 'inputmode="numeric"' in code_input(page)
    page = client_for("officer").post("/accounts/2fa/reauthenticate/", {"code": ""}).content.decode()
    assert "govuk-error-summary" in page and "<title>Error: " in page
