"""Issue 12: the Django admin audits every change to organisations, memberships, invitations and accounts in the same
transaction, follows the role rules, and a platform administrator cannot give themselves a membership."""

from __future__ import annotations

import pytest

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.organisations.models import Invitation, Membership, Role

pytestmark = pytest.mark.django_db

ORG_URL = "/admin/organisations/organisation/{}/change/"


@pytest.fixture(autouse=True)
def _empty_outbox():
    notify.outbox.clear()
    yield
    notify.outbox.clear()


def _org_form(organisation, rows: list[dict], **changes) -> dict:
    """The organisation change form as the admin posts it, with one inline row per dict (existing rows first)."""
    data = {
        "name": organisation.name, "kind": organisation.kind, "description": organisation.description,
        "email": "", "phone": "", "website": "", "charity_number": "", "is_active": "on",
        "memberships-TOTAL_FORMS": str(len(rows)), "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))), "_save": "Save",
    }
    data.update(changes)
    for index, row in enumerate(rows):
        prefix = f"memberships-{index}-"
        data[prefix + "organisation"] = str(organisation.pk)
        for key, value in row.items():
            if value is not None:
                data[prefix + key] = str(value)
    return data


def _existing_rows(organisation) -> list[dict]:
    return [{"id": m.pk, "user": m.user_id, "role": m.role, "is_active": "on" if m.is_active else None}
            for m in Membership.objects.filter(organisation=organisation).order_by("organisation__name", "role")]


def _membership_events(**filters):
    return AuditEvent.objects.filter(object_type="organisations.Membership", **filters)


def test_platform_administrator_cannot_give_themselves_a_membership(client_for, council, personas):
    superuser = personas["platform_admin"]
    rows = [*_existing_rows(council), {"user": superuser.pk, "role": Role.COUNCIL_OFFICER, "is_active": "on"}]
    response = client_for("platform_admin").post(ORG_URL.format(council.pk), _org_form(council, rows))
    assert response.status_code == 200
    assert "You cannot give yourself a role. Another administrator must do it." in response.content.decode()
    assert not superuser.memberships.exists()
    assert not _membership_events().exists()


def test_platform_administrator_gives_someone_else_a_membership_with_an_audit_event(client_for, council, personas):
    newcomer, superuser = personas["member_without_role"], personas["platform_admin"]
    rows = [*_existing_rows(council), {"user": newcomer.pk, "role": Role.COUNCIL_OFFICER, "is_active": "on"}]
    response = client_for("platform_admin").post(ORG_URL.format(council.pk), _org_form(council, rows))
    assert response.status_code == 302, response.content.decode()
    membership = Membership.objects.get(user=newcomer)
    assert (membership.organisation, membership.role, membership.created_by) == (council, "council_officer", superuser)
    event = _membership_events(action="create").get(object_id=str(membership.pk))
    assert event.actor == superuser and event.organisation == council
    assert event.fields == {"user": newcomer.email, "role": "council_officer", "is_active": True}


def test_admin_follows_the_role_table(client_for, council, partner, personas):
    newcomer = personas["member_without_role"]
    client = client_for("platform_admin")
    rows = [*_existing_rows(partner), {"user": newcomer.pk, "role": Role.ANALYST, "is_active": "on"}]
    response = client.post(ORG_URL.format(partner.pk), _org_form(partner, rows))
    assert response.status_code == 200
    assert "cannot have the Analyst role" in response.content.decode()
    assert not newcomer.memberships.exists()
    rows = [*_existing_rows(council), {"user": newcomer.pk, "role": Role.ANALYST, "is_active": "on"}]
    assert client.post(ORG_URL.format(council.pk), _org_form(council, rows)).status_code == 302
    assert newcomer.memberships.get().role == Role.ANALYST  # platform-wide: a platform administrator may give it


def test_admin_changes_and_removals_of_memberships_are_audited(client_for, council, personas):
    officer = Membership.objects.get(user=personas["officer"])
    analyst = Membership.objects.get(user=personas["analyst"])
    rows = _existing_rows(council)
    for row in rows:
        if row["id"] == officer.pk:
            row["is_active"] = None
        if row["id"] == analyst.pk:
            row["DELETE"] = "on"
    response = client_for("platform_admin").post(ORG_URL.format(council.pk), _org_form(council, rows))
    assert response.status_code == 302, response.content.decode()
    officer.refresh_from_db()
    assert not officer.is_active and not Membership.objects.filter(pk=analyst.pk).exists()
    assert _membership_events(action="update", object_id=str(officer.pk)).get().fields == {"is_active": [True, False]}
    removed = _membership_events(action="delete", object_id=str(analyst.pk)).get()
    assert removed.fields["role"] == "analyst" and removed.actor == personas["platform_admin"]


def test_reactivating_your_own_membership_is_refused(client_for, council, personas):
    superuser = personas["platform_admin"]
    mine = Membership.objects.create(user=superuser, organisation=council, role=Role.COUNCIL_OFFICER, is_active=False)
    rows = _existing_rows(council)
    for row in rows:
        if row["id"] == mine.pk:
            row["is_active"] = "on"
    response = client_for("platform_admin").post(ORG_URL.format(council.pk), _org_form(council, rows))
    assert response.status_code == 200
    mine.refresh_from_db()
    assert not mine.is_active


def test_organisation_changes_are_audited(client_for, council, personas):
    client = client_for("platform_admin")
    form = _org_form(council, _existing_rows(council), name="Renamed Borough Council")
    assert client.post(ORG_URL.format(council.pk), form).status_code == 302
    event = AuditEvent.objects.get(object_type="organisations.Organisation", object_id=str(council.pk))
    assert event.action == "update" and event.fields["name"] == ["Test Borough Council", "Renamed Borough Council"]
    assert event.actor == personas["platform_admin"]


def test_invitations_from_the_admin_follow_the_rules_and_are_audited(client_for, council, partner, personas):
    client = client_for("platform_admin")
    refused = client.post("/admin/organisations/invitation/add/",
                          {"organisation": partner.pk, "email": "a@example.org", "role": "directory_editor"})
    assert refused.status_code == 200 and "cannot have the Directory editor role" in refused.content.decode()
    assert not Invitation.objects.exists()
    sent = client.post("/admin/organisations/invitation/add/",
                       {"organisation": council.pk, "email": "Editor2@Example.org", "role": "directory_editor"})
    assert sent.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("editor2@example.org", personas["platform_admin"])
    assert [m.to for m in notify.outbox] == ["editor2@example.org"]
    assert AuditEvent.objects.filter(object_type="organisations.Invitation", action="create").count() == 1
    client.post("/admin/organisations/invitation/", {"action": "withdraw", "_selected_action": [invitation.pk]})
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEvent.objects.filter(object_type="organisations.Invitation", action="update").count() == 1


def _user_form(user, **changes) -> dict:
    data = {"email": user.email, "full_name": user.full_name, "_save": "Save"}
    for flag in ("is_active", "is_staff", "is_superuser"):
        if getattr(user, flag):
            data[flag] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_user_admin_audits_platform_powers_and_refuses_your_own(client_for, personas):
    client = client_for("platform_admin")
    member = personas["member_without_role"]
    response = client.post(f"/admin/accounts/user/{member.pk}/change/", _user_form(member, is_staff="on"))
    assert response.status_code == 302, response.content.decode()
    event = AuditEvent.objects.get(object_type="accounts.User", object_id=str(member.pk), action="update")
    assert event.fields == {"is_staff": [False, True]} and event.actor == personas["platform_admin"]

    me = personas["platform_admin"]
    response = client.post(f"/admin/accounts/user/{me.pk}/change/", _user_form(me, is_superuser=None))
    assert response.status_code == 200
    assert "You cannot change this for your own account" in response.content.decode()
    me.refresh_from_db()
    assert me.is_superuser
