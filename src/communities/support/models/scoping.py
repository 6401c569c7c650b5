"""The one scoping rule for this room: a record is visible when the person it hangs off is visible to the user
(``Person.objects.visible_to``), the record belongs to the user's current organisation, and the user's role may
see whole records (``support.view_support``: administrators, council officers, VCSE workers). Volunteers and
drivers, even when assigned, see none of it (ADR 0009: an assignment shows name, phone and postcode only)."""

from __future__ import annotations

import rules
from django.db import models


class ScopedQuerySet(models.QuerySet):
    #: ORM paths from the model to the people whose visibility decides (all must be visible), and to the owner.
    person_paths: tuple[str, ...] = ("person",)
    organisation_path = "organisation"

    def visible_to(self, user):
        from communities.people.models import Person

        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("support.view_support", user):
            return self.none()
        people = Person.objects.visible_to(user).values("pk")
        found = self.filter(**{self.organisation_path: organisation})
        for path in self.person_paths:
            found = found.filter(**{f"{path}__in": people})
        return found
