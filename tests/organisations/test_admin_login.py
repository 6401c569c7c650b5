"""Issue 12: "/admin/ loops between two sign-in pages for the demo administrator". Followed redirect by redirect (the
test client raises RedirectCycleError on a loop): anonymous people reach the sign-in page, a signed-in platform
administrator with a second factor reaches the admin index, anyone else signed in gets a plain refusal."""

from __future__ import annotations

import pytest

from ..accounts.test_login import totp_now
from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_organisation_administrator_is_refused_plainly_not_sent_round(client_for):
    response = client_for("admin").get("/admin/", follow=True)
    assert response.status_code == 403
    assert [url for url, _ in response.redirect_chain] == ["/admin/login/?next=/admin/"]
    assert "The admin site is for platform administrators" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "worker", "member_without_role"])
def test_any_other_signed_in_account_is_refused_too(client_for, persona):
    response = client_for(persona).get("/admin/organisations/organisation/", follow=True)
    assert response.status_code == 403


def test_platform_administrator_signs_in_with_a_second_factor_and_reaches_the_admin(client, personas):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    response = client.post("/accounts/login/?next=%2Fadmin%2F", {"login": "platform@example.org",
                                                                  "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/2fa/authenticate/")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now()}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200 and "Site administration" in response.content.decode()


def test_signed_in_platform_administrator_on_the_admin_sign_in_page_goes_on(client_for):
    client = client_for("platform_admin")
    response = client.get("/admin/login/?next=/admin/organisations/organisation/")
    assert response.status_code == 302 and response["Location"] == "/admin/organisations/organisation/"
    response = client.get("/admin/login/?next=https://elsewhere.example/")
    assert response["Location"] == "/admin/"
