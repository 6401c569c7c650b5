"""The URL-walking access matrix (tests/test_url_access.py) over this room's views only, so a failure elsewhere in the
project cannot hide one here: public pages answer anyone; the partner view and the neighbourhood form only their
roles."""

from __future__ import annotations

import pytest

from communities.core.access import PUBLIC_URL_NAMES
from tests.conftest import PERSONAS
from tests.test_url_access import _expected_allowed, _is_login_redirect, _url, project_patterns

pytestmark = pytest.mark.django_db


def ours():
    return [(name, p) for name, p in project_patterns() if name.startswith("neighbourhoods:")]


def test_every_view_is_public_or_declares_a_permission():
    names = {name for name, _ in ours()}
    assert names == {"neighbourhoods:index", "neighbourhoods:profile", "neighbourhoods:profile_csv",
                     "neighbourhoods:profile_pdf", "neighbourhoods:partner_profile",
                     "neighbourhoods:partner_profile_csv", "neighbourhoods:partner_profile_pdf",
                     "neighbourhoods:new_neighbourhood"}
    for name, pattern in ours():
        assert name in PUBLIC_URL_NAMES or getattr(pattern.callback, "permission", None), name


def test_anonymous(client, council, partner, other_org, personas):
    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    for name, pattern in ours():
        response = client.get(_url(name, pattern, ctx))
        if name in PUBLIC_URL_NAMES:
            assert response.status_code == 200, name
        else:
            assert _is_login_redirect(response), name


@pytest.mark.parametrize("persona", PERSONAS)
def test_role_by_view(persona, client_for, council, partner, other_org, personas):
    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    client = client_for(persona)
    for name, pattern in ours():
        if name in PUBLIC_URL_NAMES:
            continue
        status = client.get(_url(name, pattern, ctx)).status_code
        allowed = _expected_allowed(personas[persona], pattern.callback.permission)
        assert (status == 200) if allowed else (status in (403, 404)), (name, persona, status)
