"""Who may use the money pages: advisers run checks; only council officers and administrators screen caseloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import person_for

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("money:index", "money:check_new", "money:screening", "money:report"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["volunteer", "driver", "analyst", "member_without_role"])
def test_people_without_the_adviser_role_are_refused(client_for, persona):
    client = client_for(persona)
    assert client.get(reverse("money:index")).status_code == 403
    assert client.get(reverse("money:check_new")).status_code == 403


def test_officer_may_check_screen_and_report(client_for):
    client = client_for("officer")
    for name in ("money:index", "money:check_new", "money:screening", "money:report"):
        assert client.get(reverse(name)).status_code == 200, name


def test_vcse_worker_checks_but_does_not_screen(client_for):
    client = client_for("worker")
    assert client.get(reverse("money:check_new")).status_code == 200
    assert client.get(reverse("money:screening")).status_code == 403
    assert client.get(reverse("money:report")).status_code == 403


def test_outsider_cannot_check_someone_they_do_not_support(client_for, council):
    person = person_for(council)
    client = client_for("outsider")
    assert client.get(reverse("money:check_person", args=[person.pk])).status_code == 404
    assert client.get(reverse("money:person", args=[person.pk])).status_code == 404
    assert client.get(reverse("money:screening")).status_code == 403


def test_vcse_administrator_does_not_screen_the_council_caseload(client, partner):
    from communities.organisations.models import Membership, Role

    from ..conftest import make_user

    user = make_user("vcse-admin@example.org")
    Membership.objects.create(user=user, organisation=partner, role=Role.ADMINISTRATOR)
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(reverse("money:check_new")).status_code == 200
    assert client.get(reverse("money:screening")).status_code == 403
