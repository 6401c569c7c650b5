"""Organisation business logic: current organisation, invitations, membership changes (each write audited)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.notify import send_email

from .models import Invitation, Membership, Organisation, Role


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
    return chosen[0].organisation, frozenset(m.role for m in chosen)


def organisations_for(user) -> list[Organisation]:
    ids = Membership.objects.active().filter(user=user).values_list("organisation_id", flat=True)
    return list(Organisation.objects.filter(pk__in=ids))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(*, organisation: Organisation, email: str, role: str, invited_by, request=None) -> Invitation:
    """Create an invitation and email its one-time link. Returns the invitation (the token is only in the email)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
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
