"""Which roles each kind of organisation may hold, and who may grant them: the one table (ADR 0002, "Roles").

Every path that creates a membership asks :func:`check_grant` (``services.invite_member``, ``accept_invitation``,
the Django admin); the invite form offers :func:`grantable_roles`; and :func:`effective_roles` drops, from what a
member may do, any role that their organisation's kind cannot hold, so a membership made some other way (an old
invitation, a database edit) grants nothing.

Decisions (issue 12, "least privilege inside an organisation"):

- **Platform-wide roles** change data everyone relies on: a directory editor publishes any organisation's listing;
  an analyst replaces the borough's indicator figures that go to Cabinet. They are held only in a council and only a
  platform administrator (a Django superuser) may grant them, even inside the council.
- **Council**: administrator, council officer, councillor, plus volunteer and driver because councils run volunteer and
  community transport schemes of their own (those roles see only the residents they are assigned to). Council staff
  who support residents are council officers, so a council does not hold the VCSE worker role.
- **VCSE group**: administrator, VCSE worker, volunteer, driver.
- **Issues 15–18** add coordinators of the Volunteer Driver Service and of volunteering (council or partner schemes),
  the council's emergency planners and the approvers who sign off Equality and Poverty Impact Assessments (council
  only), and community safety partners (Safer Stockton: council and partners) who read neighbourhood profiles' partner
  figures.
- **NHS, housing provider, other partner**: the same as a VCSE group; their front-line staff hold the VCSE worker
  ("partner worker") role. No council role: a partner's staff do not screen the council's caseloads or read Cabinet
  figures.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Membership, OrganisationKind, Role

PLATFORM_WIDE_ROLES: frozenset[str] = frozenset({Role.DIRECTORY_EDITOR, Role.ANALYST})

_PARTNER_ROLES = frozenset({
    Role.ADMINISTRATOR, Role.VCSE_WORKER, Role.VOLUNTEER, Role.DRIVER,
    Role.TRANSPORT_COORDINATOR, Role.VOLUNTEER_COORDINATOR, Role.SAFETY_PARTNER,
})

ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrganisationKind.COUNCIL: frozenset(
        {
            Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.COUNCILLOR, Role.VOLUNTEER, Role.DRIVER,
            Role.TRANSPORT_COORDINATOR, Role.VOLUNTEER_COORDINATOR, Role.EMERGENCY_PLANNER, Role.EPIA_APPROVER,
            Role.SAFETY_PARTNER, *PLATFORM_WIDE_ROLES,
        }
    ),
    OrganisationKind.VCSE: _PARTNER_ROLES,
    OrganisationKind.NHS: _PARTNER_ROLES,
    OrganisationKind.HOUSING: _PARTNER_ROLES,
    OrganisationKind.OTHER: _PARTNER_ROLES,
}


class RoleNotAllowed(ValueError):
    """This role cannot be granted here, or not by this person; the message is safe to show."""


def may_hold(kind: str | None, role: str) -> bool:
    return role in ROLES_BY_KIND.get(kind or "", frozenset())


def effective_roles(organisation, roles: Iterable[str]) -> frozenset[str]:
    """The roles that count: those the organisation's kind may hold (none without an organisation)."""
    kind = getattr(organisation, "kind", None)
    return frozenset(role for role in roles if may_hold(kind, role))


def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def _administers(user, organisation) -> bool:
    return Membership.objects.active().filter(user=user, organisation=organisation, role=Role.ADMINISTRATOR).exists()


def grantable_roles(organisation, granted_by) -> list[str]:
    """The roles ``granted_by`` may give in ``organisation``, in the order of :class:`Role`."""
    allowed = []
    for role in Role.values:
        try:
            check_grant(organisation=organisation, role=role, granted_by=granted_by)
        except RoleNotAllowed:
            continue
        allowed.append(role)
    return allowed


def check_grant(*, organisation, role: str, granted_by, grantee=None) -> None:
    """Raise :class:`RoleNotAllowed` unless ``granted_by`` may give ``role`` in ``organisation`` (to ``grantee``)."""
    if role not in Role.values:
        raise RoleNotAllowed(f"{role!r} is not a role.")
    label = Role(role).label
    if not may_hold(organisation.kind, role):
        raise RoleNotAllowed(f"A {organisation.get_kind_display().lower()} cannot have the {label} role.")
    if grantee is not None and granted_by is not None and grantee.pk == granted_by.pk:
        raise RoleNotAllowed("You cannot give yourself a role. Another administrator must do it.")
    if is_platform_admin(granted_by):
        return
    if role in PLATFORM_WIDE_ROLES:
        raise RoleNotAllowed(f"{label} is a platform-wide role: only a platform administrator can give it.")
    if granted_by is None or not _administers(granted_by, organisation):
        raise RoleNotAllowed(f"Only an administrator of {organisation} can give roles in it.")
