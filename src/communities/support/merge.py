"""When two records of one resident are merged (``people.merge``), rows of this room that would break a unique rule
on the kept record are resolved here, so the merge keeps every link."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from communities.audit.services import snapshot


def carer_link_conflict(row, field_name: str, survivor) -> str:
    """Both records had an open link with the same person for the same organisation: this one ends, then moves."""
    from communities.people.merge import MergeError

    other = row.cared_for_id if field_name == "carer" else row.carer_id
    if other == survivor.pk:
        raise MergeError("These two records are recorded as carer and cared-for of each other: end that caring "
                         "link first, then merge them.")
    row.ended_on = row.ended_on or timezone.localdate()
    setattr(row, field_name, survivor)
    row.save(update_fields=["ended_on", field_name])
    return "ended (the kept record already has this caring link open)"


def emergency_contact_conflict(row, field_name: str, survivor) -> str:
    """Both records were contacts on the same plan: the kept record's entry stays; this entry's answers move to it
    where the kept entry has none for that activation, and this entry is removed (its values kept in the note)."""
    kept = type(row)._base_manager.get(plan_id=row.plan_id, person=survivor)
    with transaction.atomic():
        for response in row.responses.all():
            if not kept.responses.filter(activation_id=response.activation_id).exists():
                response.contact = kept
                response.save(update_fields=["contact"])
        values = snapshot(row)
        row.delete()
    return f"removed (the kept record is already a contact on this plan); its values were {values}"


def register() -> None:
    from communities.people.merge import register_conflict

    register_conflict("support.CarerLink", carer_link_conflict)
    register_conflict("support.EmergencyContact", emergency_contact_conflict)
