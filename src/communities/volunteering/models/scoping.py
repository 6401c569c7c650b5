"""The scoping rules of this room, one queryset each.

- A volunteer (any signed-in account with a Volunteer record) sees their own applications, sign-ups, hours, checks.
- An organiser (``volunteering.organise``) sees what hangs off their current organisation's roles: its activities,
  roles, sessions, the applications to them, the sign-ups and hours for them, and the volunteers who applied.
"""

from __future__ import annotations

import rules
from django.db import models


def organiser_organisation(user):
    """The organisation whose volunteering the user runs now, or None."""
    organisation = getattr(user, "current_organisation", None)
    if organisation is None or not rules.has_perm("volunteering.organise", user):
        return None
    return organisation


class ByRoleQuerySet(models.QuerySet):
    """Rows that belong to a volunteer and to a role: the volunteer's own, or the organiser's organisation's."""

    role_path = "role"

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.own(user) | self.organised_by(user)

    def own(self, user):
        return self.filter(volunteer__user=user) if getattr(user, "is_authenticated", False) else self.none()

    def organised_by(self, user):
        organisation = organiser_organisation(user)
        if organisation is None:
            return self.none()
        return self.filter(**{f"{self.role_path}__activity__organisation": organisation})


class SignupQuerySet(ByRoleQuerySet):
    role_path = "session__role"

    def current(self):
        return self.filter(cancelled_at__isnull=True)


class HoursQuerySet(ByRoleQuerySet):
    def approved(self):
        return self.filter(status="approved")

    def pending(self):
        return self.filter(status="pending")


class VolunteerQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        own = self.filter(user=user)
        organisation = organiser_organisation(user)
        if organisation is None:
            return own
        from ..models import Application

        applied = Application.objects.filter(role__activity__organisation=organisation).values("volunteer_id")
        return self.filter(models.Q(user=user) | models.Q(pk__in=applied))


class CheckQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..models import Volunteer

        return self.filter(volunteer__in=Volunteer.objects.visible_to(user).values("pk"))


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Roles the user manages (organisers); the public see ``published()``."""
        organisation = organiser_organisation(user)
        return self.none() if organisation is None else self.filter(activity__organisation=organisation)


class OrganisedQuerySet(models.QuerySet):
    """Activities and community groups: the organiser's organisation's."""

    def visible_to(self, user):
        organisation = organiser_organisation(user)
        return self.none() if organisation is None else self.filter(organisation=organisation)


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = organiser_organisation(user)
        return self.none() if organisation is None else self.filter(role__activity__organisation=organisation)

    def upcoming(self, now):
        return self.filter(is_cancelled=False, starts_at__gte=now)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = organiser_organisation(user)
        return self.none() if organisation is None else self.filter(group__organisation=organisation)
