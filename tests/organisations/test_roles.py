"""Issue 12: which roles an organisation may grant depends on its kind; platform-wide roles need a platform
administrator; a platform-wide membership in the wrong kind of organisation grants nothing."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.directory.models import ChangeRequest
from communities.directory.services.document import document_for
from communities.insight.importer import save_values
from communities.insight.models import Indicator, IndicatorValue
from communities.organisations import services
from communities.organisations.models import Invitation, Membership, OrganisationKind, Role
from communities.organisations.roles import PLATFORM_WIDE_ROLES, ROLES_BY_KIND, RoleNotAllowed

from ..conftest import make_user
from ..directory.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_outbox():
    notify.outbox.clear()
    yield
    notify.outbox.clear()


@pytest.fixture
def vcse_admin(partner):
    user = make_user("vcse-admin@example.org", full_name="Vic")
    Membership.objects.create(user=user, organisation=partner, role=Role.ADMINISTRATOR)
    return user


def _signed_in(client, user):
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def test_every_kind_has_a_row_and_platform_wide_roles_are_council_only():
    assert set(ROLES_BY_KIND) == set(OrganisationKind.values)
    assert {Role.DIRECTORY_EDITOR, Role.ANALYST} == PLATFORM_WIDE_ROLES
    for kind, roles in ROLES_BY_KIND.items():
        assert Role.ADMINISTRATOR in roles
        if kind != OrganisationKind.COUNCIL:
            assert not roles & PLATFORM_WIDE_ROLES, kind
            assert not roles & {Role.COUNCIL_OFFICER, Role.COUNCILLOR, Role.EMERGENCY_PLANNER, Role.EPIA_APPROVER}, kind
    assert Role.VCSE_WORKER not in ROLES_BY_KIND[OrganisationKind.COUNCIL]


@pytest.mark.parametrize("role", ["directory_editor", "analyst", "council_officer"])
def test_vcse_administrator_cannot_invite_council_or_platform_roles(client, vcse_admin, role):
    response = _signed_in(client, vcse_admin).post(
        "/organisations/members/invite/", {"email": "friend@example.org", "role": role})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists() and notify.outbox == []
    with pytest.raises(RoleNotAllowed):
        services.invite_member(organisation=vcse_admin.memberships.get().organisation, email="friend@example.org",
                               role=role, invited_by=vcse_admin)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", ["directory_editor", "analyst"])
def test_council_administrator_cannot_grant_platform_wide_roles(client_for, council, personas, role):
    response = client_for("admin").post("/organisations/members/invite/", {"email": "a@example.org", "role": role})
    assert response.status_code == 200 and not Invitation.objects.exists()
    with pytest.raises(RoleNotAllowed, match="platform-wide"):
        services.invite_member(organisation=council, email="a@example.org", role=role, invited_by=personas["admin"])
    superuser = personas["platform_admin"]
    invitation = services.invite_member(organisation=council, email="a@example.org", role=role, invited_by=superuser)
    assert invitation.role == role


def test_invite_form_offers_only_the_roles_the_inviter_may_give(client_for, client, vcse_admin):
    council_form = client_for("admin").get("/organisations/members/invite/").content.decode()
    offered = set(re.findall(r'name="role" type="radio" value="(\w+)"', council_form))
    assert offered == {"administrator", "council_officer", "councillor", "volunteer", "driver",
                       "transport_coordinator", "volunteer_coordinator", "emergency_planner", "epia_approver",
                       "community_safety_partner"}
    client.logout()
    vcse_form = _signed_in(client, vcse_admin).get("/organisations/members/invite/").content.decode()
    assert set(re.findall(r'name="role" type="radio" value="(\w+)"', vcse_form)) == {
        "administrator", "vcse_worker", "volunteer", "driver", "transport_coordinator", "volunteer_coordinator",
        "community_safety_partner"}


def _raw_invitation(organisation, role, invited_by, email="new@example.org") -> str:
    token = f"token-{role}-{organisation.pk}"
    Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=invited_by,
                              token_hash=hashlib.sha256(token.encode()).hexdigest(),
                              expires_at=timezone.now() + timedelta(days=7))
    return token


def test_old_or_tampered_invitations_do_not_create_forbidden_memberships(partner, council, personas, vcse_admin):
    newcomer = make_user("new@example.org")
    cases = [
        (partner, Role.ANALYST, vcse_admin),  # made before the rule
        (council, Role.DIRECTORY_EDITOR, personas["admin"]),  # a council administrator cannot give it either
        (council, Role.COUNCIL_OFFICER, vcse_admin),  # tampered: the inviter does not administer the council
    ]
    for organisation, role, inviter in cases:
        token = _raw_invitation(organisation, role, inviter)
        with pytest.raises(services.InvitationError):
            services.accept_invitation(token=token, user=newcomer)
    assert not Membership.objects.filter(user=newcomer).exists()
    assert not Invitation.objects.filter(accepted_at__isnull=False).exists()


def test_nobody_accepts_their_own_invitation(council, personas):
    superuser = personas["platform_admin"]
    token = _raw_invitation(council, Role.ANALYST, superuser, email=superuser.email)
    with pytest.raises(services.InvitationError, match="Another administrator"):
        services.accept_invitation(token=token, user=superuser)
    assert not superuser.memberships.exists()


def test_platform_administrators_invitation_to_a_platform_wide_role_is_accepted(council, personas):
    newcomer = make_user("new@example.org")
    token = _raw_invitation(council, Role.ANALYST, personas["platform_admin"])
    membership = services.accept_invitation(token=token, user=newcomer)
    assert (membership.organisation, membership.role) == (council, Role.ANALYST)
    assert AuditEvent.objects.filter(object_type="organisations.Membership", object_id=str(membership.pk)).exists()


VALUES = ("indicator_code,area_type,area_code,area_name,period,year,numerator,denominator\n"
          "life-expectancy,borough,E06000004,Stockton-on-Tees,2021/23,2021,12.34,\n")


def test_platform_wide_memberships_in_a_vcse_group_grant_nothing(client, partner, council, personas):
    """The finding: a VCSE administrator's directory editor renamed the council's listing and their analyst replaced
    the council's life expectancy (77.44 → 12.34). Memberships made behind the rules' back must not do either."""
    editor, analyst = make_user("rogue-editor@example.org"), make_user("rogue-analyst@example.org")
    Membership.objects.create(user=editor, organisation=partner, role=Role.DIRECTORY_EDITOR)
    Membership.objects.create(user=analyst, organisation=partner, role=Role.ANALYST)

    listing = make_service("Council Welfare Rights", platform_organisation=council)
    pending = ChangeRequest.objects.create(service=listing, proposed={**document_for(listing), "name": "Renamed"},
                                           base_version=1, submitted_by=personas["worker"])
    _signed_in(client, editor)
    assert client.get("/directory/approvals/").status_code == 403
    assert client.post(f"/directory/approvals/{pending.pk}/", {"decision": "approve", "note": ""}).status_code == 403
    assert client.get(f"/directory/services/{listing.pk}/change/").status_code in (403, 404)
    listing.refresh_from_db()
    pending.refresh_from_db()
    assert listing.name == "Council Welfare Rights" and pending.status == ChangeRequest.Status.PENDING

    indicator = Indicator.objects.create(code="life-expectancy", name="Life expectancy", key_move="healthy_lives",
                                         measure="mean", multiplier=1, polarity="high_is_good")
    save_values([IndicatorValue(indicator=indicator, area_type="borough", area_code="E06000004", period="2021/23",
                                year=2021, numerator=77.44)])
    _signed_in(client, analyst)
    upload = SimpleUploadedFile("values.csv", VALUES.encode(), content_type="text/csv")
    assert client.post("/insight/upload/", {"kind": "values", "file": upload}).status_code == 403
    assert IndicatorValue.objects.get(indicator=indicator).numerator == pytest.approx(77.44)


def test_demo_staff_hold_only_roles_their_organisation_may_hold():
    from communities.demo.logins import DEMO_STAFF

    kinds = {"council": OrganisationKind.COUNCIL, "vcse": OrganisationKind.VCSE}
    assert [(local, role) for local, _name, role, org in DEMO_STAFF if role not in ROLES_BY_KIND[kinds[org]]] == []


def test_an_administrator_cannot_invite_themselves(client_for, council, personas):
    client = client_for("admin")
    response = client.post("/organisations/members/invite/", {"email": "Admin@Example.org", "role": "councillor"})
    assert response.status_code == 200 and "You cannot invite yourself" in response.content.decode()
    with pytest.raises(RoleNotAllowed):
        services.invite_member(organisation=council, email="admin@example.org", role="councillor",
                               invited_by=personas["admin"])
    assert not Invitation.objects.exists()


def test_accepting_your_own_invitation_is_refused_with_a_page(client_for, council, personas):
    token = _raw_invitation(council, Role.COUNCILLOR, personas["admin"], email="admin@example.org")
    response = client_for("admin").post(f"/account/invitation/{token}/")
    assert response.status_code == 403 and "Another administrator must do it" in response.content.decode()
    assert not Membership.objects.filter(user=personas["admin"], role=Role.COUNCILLOR).exists()
