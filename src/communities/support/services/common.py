"""Pieces the plan and carer services share: errors by field, consent checks, dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.people.models import Consent, Involvement


class Errors(dict):
    """Errors by field; ``raise_if_any`` raises one ValidationError with all of them (nothing has been written)."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def has_current_consent(person, purpose: str) -> bool:
    """A consent (or other recorded lawful basis) for ``purpose`` that is not withdrawn or expired."""
    return Consent.objects.filter(person=person, purpose=purpose).current().exists()


def is_involved(person, organisation) -> bool:
    return Involvement.objects.filter(person=person, organisation=organisation, ended_on__isnull=True).exists()


def check_date(errors: Errors, field: str, value, noun: str, *, not_future: bool = False,
               after: date | None = None, after_noun: str = "") -> None:
    if value is None:
        errors.add(field, f"Enter {noun[0].lower()}{noun[1:]}")
        return
    if not isinstance(value, date):
        errors.add(field, f"{noun} must be a real date")
        return
    if not_future and value > timezone.localdate():
        errors.add(field, f"{noun} must be today or in the past")
    elif after is not None and value <= after:
        errors.add(field, f"{noun} must be after {after_noun or after.strftime('%-d %B %Y')}")


def text(errors: Errors, field: str, value, message: str, *, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        errors.add(field, message)
    elif max_length and len(value) > max_length:
        errors.add(field, f"Use {max_length} characters or fewer")
    return value
