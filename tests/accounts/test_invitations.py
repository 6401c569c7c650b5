"""An organisation administrator invites a member, who creates an account and must then set up MFA."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.accounts.models import User
from communities.audit.models import AuditEvent
from communities.core import notify
from communities.organisations.models import Invitation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_outbox():
    notify.outbox.clear()
    yield
    notify.outbox.clear()


def invite(client, email="newbie@example.org", role="council_officer"):
    response = client.post("/organisations/members/invite/", {"email": email, "role": role})
    assert response.status_code == 302, response.content
    (message,) = notify.outbox
    return re.search(r"https?://\S+/account/invitation/(\S+)/", message.body).group(1)


def test_administrator_invites_and_invitee_joins(client_for, council, personas):
    admin = client_for("admin")
    token = invite(admin)
    invitation = Invitation.objects.get(email="newbie@example.org")
    assert invitation.token_hash != token  # only a hash is stored
    assert AuditEvent.objects.filter(actor=personas["admin"], object_type="organisations.Invitation").exists()
    admin.logout()

    url = f"/account/invitation/{token}/"
    assert admin.get(url).status_code == 200
    password = "tangerine kettle orbit"
    response = admin.post(url, {"full_name": "New Bie", "password1": password, "password2": password})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"
    user = User.objects.get(email="newbie@example.org")
    assert Membership.objects.filter(user=user, organisation=council, role="council_officer", is_active=True).exists()
    # The link works once.
    admin.logout()
    assert admin.get(url).status_code == 404


@pytest.mark.parametrize(
    "password, message",
    [
        ("short", "too short"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(client_for, password, message):
    token = invite(client_for("admin"))
    client = client_for("admin")
    client.logout()
    response = client.post(
        f"/account/invitation/{token}/", {"full_name": "X", "password1": password, "password2": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not User.objects.filter(email="newbie@example.org").exists()


def test_expired_invitation_is_refused(client_for):
    token = invite(client_for("admin"))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client = client_for("admin")
    client.logout()
    response = client.get(f"/account/invitation/{token}/")
    assert response.status_code == 404 and b"expired" in response.content


def test_non_administrators_cannot_invite(client_for):
    for persona in ("officer", "worker", "analyst"):
        assert client_for(persona).post(
            "/organisations/members/invite/", {"email": "x@example.org", "role": "volunteer"}
        ).status_code == 403
    assert not Invitation.objects.exists()


def test_administrator_ends_a_membership(client_for, personas):
    membership = Membership.objects.get(user=personas["analyst"])
    response = client_for("admin").post(f"/organisations/members/{membership.pk}/end/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False
    assert AuditEvent.objects.filter(object_type="organisations.Membership", action="update").exists()


def test_administrator_cannot_end_another_organisations_membership(client_for, personas):
    membership = Membership.objects.get(user=personas["worker"])  # partner organisation
    assert client_for("admin").post(f"/organisations/members/{membership.pk}/end/").status_code == 404
    membership.refresh_from_db()
    assert membership.is_active
