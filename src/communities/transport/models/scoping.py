"""Who manages the Volunteer Driver Service, and the one rule the room's querysets share."""

from __future__ import annotations

import rules
from django.db import models


def manages_scheme(user) -> bool:
    """Transport coordinators, and the organisation's administrators and council officers (rules.py)."""
    return rules.has_perm("transport.manage_scheme", user)


class SchemeQuerySet(models.QuerySet):
    """Records of one organisation's scheme: its coordinators see them all, anyone else only the records that are
    theirs as a driver (``driver_lookup``: the path from the record to the driver's user)."""

    driver_lookup = "driver__user"

    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        mine = self.filter(organisation=organisation)
        if manages_scheme(user):
            return mine
        return mine.filter(**{self.driver_lookup: user})
