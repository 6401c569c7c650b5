"""The catalogue of data holders ("lists of lists"), and which holders an incident should ask."""

from __future__ import annotations

from django.db import transaction

from communities.audit.services import record_saved, stored_snapshot

from ..models import DataHolder, Incident
from .common import require


def save_holder(*, actor, holder: DataHolder, request=None) -> DataHolder:
    """Save a new or changed catalogue entry with its audit row (the form has checked its fields)."""
    require(actor, "resilience.manage_holders")
    before = stored_snapshot(holder) if holder.pk else None
    with transaction.atomic():
        holder.save()
        record_saved(actor=actor, obj=holder, before=before, request=request)
    return holder


def holders_for(incident: Incident) -> list[tuple[DataHolder, list[str]]]:
    """Active holders covering any of the incident's wards, with the incident's cohorts their lists cover (those
    first: ask them first)."""
    found = []
    for holder in DataHolder.objects.filter(active=True):
        if holder.covers(incident.ward_codes):
            found.append((holder, [code for code in incident.cohorts if code in holder.needs]))
    return sorted(found, key=lambda pair: (not pair[1], pair[0].kind, pair[0].name))
