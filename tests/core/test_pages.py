"""Public information pages, error pages, security headers."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url, heading", [
    ("/", "Communities"),
    ("/cookies/", "Cookies"),
    ("/accessibility/", "Accessibility statement"),
    ("/privacy/", "Privacy notice"),
    ("/data-sources/", "Data sources"),
])
def test_public_pages(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_data_sources_carry_attribution(client):
    page = client.get("/data-sources/").content.decode()
    for text in ("Open Government Licence v3.0", "Royal Mail copyright", "Crown copyright"):
        assert text in page


def test_not_found_page_is_govuk_styled(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert len(response["X-Request-ID"]) == 32


def test_only_essential_cookies_for_anonymous_visitors(client):
    response = client.get("/")
    assert not response.cookies  # nothing set until a form or sign-in needs it


def test_health(client):
    assert client.get("/health/").json() == {"status": "ok"}


def test_navigation_follows_role(client_for):
    officer = client_for("officer").get("/dashboard/").content.decode()
    assert 'href="/people/"' in officer and 'href="/audit/"' not in officer
    admin = client_for("admin").get("/dashboard/").content.decode()
    assert 'href="/audit/"' in admin and 'href="/organisations/members/"' in admin
    analyst = client_for("analyst").get("/dashboard/").content.decode()
    assert 'href="/people/"' not in analyst


def test_user_without_membership_is_told_what_to_do(client_for):
    page = client_for("member_without_role").get("/dashboard/").content.decode()
    assert "not a member of any organisation" in page
