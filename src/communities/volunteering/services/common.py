"""Pieces the volunteering services share: errors by field, who may organise a role, the audit row."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from communities.audit.models import AuditEvent
from communities.audit.services import record

from ..models.scoping import organiser_organisation

Action = AuditEvent.Action


class Errors(dict):
    """Errors by field; ``raise_if_any`` raises one ValidationError with all of them (nothing has been written)."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def refuse(field: str | None, message: str):
    raise ValidationError({field: message} if field else message)


def require_organiser(actor, organisation) -> None:
    """Only an organiser acting for ``organisation`` may do this; refused (not silently ignored) otherwise."""
    if organiser_organisation(actor) != organisation:
        raise ValidationError("Only an organiser of this organisation's volunteering can do this.")


def is_organiser_of(actor, organisation) -> bool:
    return organisation is not None and organiser_organisation(actor) == organisation


def audit(*, actor, action, obj, organisation=None, fields=None, reason="", request=None):
    return record(actor=actor, action=action, obj=obj, organisation=organisation, fields=fields, reason=reason,
                  request=request)
