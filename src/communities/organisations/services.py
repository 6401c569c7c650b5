"""Organisation business logic: current organisation, invitations, membership changes (each write audited)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record, record_saved, snapshot, stored_snapshot
from communities.core.notify import send_email

from .models import Invitation, Membership, Organisation
from .roles import RoleNotAllowed, check_grant, effective_roles

SELF_INVITATION = "You cannot invite yourself. Another administrator must do it."


class InvitationError(Exception):
    """An invitation cannot be used; the message is safe to show."""


def current_membership_state(user, wanted_id: str | None) -> tuple[Organisation | None, frozenset[str]]:
    """The organisation the user is acting for now and their roles in it, from active memberships only."""
    memberships = list(Membership.objects.active().filter(user=user).select_related("organisation"))
    if not memberships:
        return None, frozenset()
    by_org: dict[str, list[Membership]] = {}
    for membership in memberships:
        by_org.setdefault(str(membership.organisation_id), []).append(membership)
    org_id = wanted_id if wanted_id in by_org else sorted(by_org, key=lambda k: by_org[k][0].organisation.name)[0]
    chosen = by_org[org_id]
    return chosen[0].organisation, effective_roles(chosen[0].organisation, (m.role for m in chosen))


def organisations_for(user) -> list[Organisation]:
    ids = Membership.objects.active().filter(user=user).values_list("organisation_id", flat=True)
    return list(Organisation.objects.filter(pk__in=ids))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(*, organisation: Organisation, email: str, role: str, invited_by, request=None) -> Invitation:
    """Create an invitation and email its one-time link. Returns the invitation (the token is only in the email).

    Raises :class:`~.roles.RoleNotAllowed` if ``invited_by`` may not give ``role`` in ``organisation`` (roles.py)."""
    check_grant(organisation=organisation, role=role, granted_by=invited_by)
    if email.strip().lower() == invited_by.email.lower():
        raise RoleNotAllowed(SELF_INVITATION)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email.strip().lower(),
            role=role,
            token_hash=_hash(token),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        record(
            actor=invited_by,
            organisation=organisation,
            action=Action.CREATE,
            obj=invitation,
            fields={"email": invitation.email, "role": role},
            request=request,
        )
    link = settings.SITE_ROOT + reverse("accounts:accept_invitation", args=[token])
    send_email(
        to=invitation.email,
        template="invitation",
        personalisation={
            "organisation": organisation.name,
            "role": invitation.get_role_display(),
            "link": link,
            "expires": invitation.expires_at.strftime("%-d %B %Y"),
        },
    )
    return invitation


def find_invitation(token: str) -> Invitation:
    try:
        invitation = Invitation.objects.select_related("organisation").get(token_hash=_hash(token))
    except Invitation.DoesNotExist as exc:
        raise InvitationError("This invitation link is not valid. Ask your administrator for a new one.") from exc
    if invitation.accepted_at:
        raise InvitationError("This invitation has already been used. Sign in instead.")
    if invitation.revoked_at:
        raise InvitationError("This invitation was withdrawn. Ask your administrator for a new one.")
    if invitation.expires_at < timezone.now():
        raise InvitationError("This invitation has expired. Ask your administrator for a new one.")
    _check_invitation_still_allowed(invitation, None)
    return invitation


def accept_invitation(*, token: str, user, request=None) -> Membership:
    """Turn an invitation into a membership, in one transaction with its audit row."""
    with transaction.atomic():
        invitation = find_invitation(token)
        updated = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not updated:  # accepted by another request in the meantime
            raise InvitationError("This invitation has already been used. Sign in instead.")
        _check_invitation_still_allowed(invitation, user)
        membership, _ = Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            role=invitation.role,
            defaults={"created_by": invitation.invited_by},
        )
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        record(
            actor=user,
            organisation=invitation.organisation,
            action=Action.CREATE,
            obj=membership,
            fields={"role": invitation.role, "invitation": str(invitation.pk)},
            request=request,
        )
    return membership


def _check_invitation_still_allowed(invitation: Invitation, user) -> None:
    """The rules at the moment of joining, not when the invitation was made: an old or altered invitation must not
    produce a membership its inviter could not give today."""
    try:
        check_grant(organisation=invitation.organisation, role=invitation.role, granted_by=invitation.invited_by,
                    grantee=user)
    except RoleNotAllowed as exc:
        raise InvitationError(f"This invitation cannot be used: {exc} Ask an administrator for a new one.") from exc


def set_membership_active(*, membership: Membership, active: bool, actor, request=None) -> Membership:
    with transaction.atomic():
        membership.is_active = active
        membership.save(update_fields=["is_active"])
        record(
            actor=actor,
            organisation=membership.organisation,
            action=Action.UPDATE,
            obj=membership,
            fields={"is_active": active},
            request=request,
        )
    return membership


# Platform administrators' changes in the Django admin (organisations/admin.py): each save or delete and its audit row
# in one transaction, and the same grant rules as invitations (roles.py), so the admin is no way round them.


def _membership_fields(membership: Membership) -> dict:
    return {"user": membership.user.email, "role": membership.role, "is_active": membership.is_active}


def _grants_something(membership: Membership, before: dict | None) -> bool:
    """Whether saving gives someone a role: a new membership, a changed holder or role, or a reactivated one."""
    if before is None:
        return True
    now = snapshot(membership)
    moved = any(str(before[key]) != str(now[key]) for key in ("user", "organisation", "role"))
    return moved or (membership.is_active and not before["is_active"])


def check_membership_change(membership: Membership, *, organisation: Organisation, actor) -> None:
    """Raise :class:`RoleNotAllowed` if ``actor`` may not make this change. Giving a role follows roles.py, and a
    platform administrator cannot give themselves a membership: another administrator must invite them."""
    if _grants_something(membership, stored_snapshot(membership)):
        check_grant(organisation=organisation, role=membership.role, granted_by=actor, grantee=membership.user)


def save_membership(*, membership: Membership, actor, request=None) -> Membership:
    with transaction.atomic():
        before = stored_snapshot(membership)
        if _grants_something(membership, before):
            check_grant(organisation=membership.organisation, role=membership.role, granted_by=actor,
                        grantee=membership.user)
        if before is None and membership.created_by_id is None:
            membership.created_by = actor
        membership.save()
        record_saved(actor=actor, obj=membership, before=before, organisation=membership.organisation,
                     new_fields=_membership_fields(membership), request=request)
    return membership


def delete_membership(*, membership: Membership, actor, request=None) -> None:
    with transaction.atomic():
        record(actor=actor, organisation=membership.organisation, action=Action.DELETE, obj=membership,
               fields=_membership_fields(membership), request=request)
        membership.delete()


def save_organisation(*, organisation: Organisation, actor, request=None) -> Organisation:
    with transaction.atomic():
        old = stored_snapshot(organisation)
        organisation.save()
        record_saved(actor=actor, obj=organisation, before=old, organisation=organisation, request=request)
    return organisation


def delete_organisation(*, organisation: Organisation, actor, request=None) -> None:
    """Delete an organisation and its memberships, each audited. (An organisation named in the audit trail is
    protected by it and cannot be deleted: deactivate it instead.)"""
    with transaction.atomic():
        for membership in organisation.memberships.select_related("user"):
            delete_membership(membership=membership, actor=actor, request=request)
        record(actor=actor, action=Action.DELETE, obj=organisation, fields={"name": organisation.name},
               request=request)
        organisation.delete()


def withdraw_invitation(*, invitation: Invitation, actor, request=None) -> None:
    with transaction.atomic():
        if invitation.accepted_at or invitation.revoked_at:
            return
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(actor=actor, organisation=invitation.organisation, action=Action.UPDATE, obj=invitation,
               fields={"revoked_at": invitation.revoked_at}, request=request)
