"""Organisations' personal data in the data-protection registry (dataprotection)."""

from __future__ import annotations

from communities.dataprotection.registry import not_personal, register

from .models import Invitation

register(
    "organisations.Invitation", record_type="invitation", subject=None, order=500,
    describe="Invitations to join an organisation",
    export_fields=("organisation", "email", "role", "created_at", "accepted_at"),
    anonymise={"email": "(anonymised)"},
    expired=lambda cutoff: Invitation.objects.filter(created_at__date__lte=cutoff),
)
not_personal("organisations.Organisation", "An organisation's name and its own work email and phone number")
