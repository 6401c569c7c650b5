"""The emergencies room's personal data in the data-protection registry: subject access export, retention and
anonymisation (schedule rows ``emergency_register`` and ``emergency_incident``)."""

from __future__ import annotations

from django.db.models import Q

from communities.dataprotection.registry import not_personal, register

from .models import Call, ContactAttempt, FollowUp, RegisterEntry

ANONYMISED = "(anonymised)"


def _finished_entries(cutoff):
    """Taken off the register, or consent lapsed, on or before ``cutoff`` (a date)."""
    return RegisterEntry.objects.filter(
        Q(removed_at__date__lte=cutoff) | Q(consent__withdrawn_at__date__lte=cutoff)
        | Q(consent__expires_on__lte=cutoff))


def _closed_calls(cutoff):
    return Call.objects.filter(incident__closed_at__date__lte=cutoff)


register(
    "resilience.RegisterEntry", record_type="emergency_register", subject="person", order=520,
    describe="Your entry on the emergency register",
    export_fields=("organisation", "needs", "language", "notes", "address_line", "postcode", "phone", "contact_name",
                   "contact_relationship", "contact_phone", "registered_at", "reviewed_at", "removed_at"),
    anonymise={"notes": "", "language": "", "address_line": "", "phone": "", "contact_name": "",
               "contact_relationship": "", "contact_phone": "", "needs": []},
    expired=_finished_entries,
)
register(
    "resilience.Call", record_type="emergency_incident", subject="entry__person", order=510,
    describe="Calls to you in emergencies (the incident, who called and the outcome)",
    export_fields=("incident", "position", "responder", "outcome", "attempts", "first_attempt_at",
                   "last_attempt_at"),
    expired=None,  # no free text of its own: its attempts and follow-ups are anonymised
)
register(
    "resilience.ContactAttempt", record_type="emergency_incident", subject="call__entry__person", order=500,
    describe="Each attempt to contact you in an emergency", export_fields=("outcome", "note", "by", "at"),
    anonymise={"note": ANONYMISED},
    expired=lambda cutoff: ContactAttempt.objects.filter(call__in=_closed_calls(cutoff)),
)
register(
    "resilience.FollowUp", record_type="emergency_incident", subject="call__entry__person", order=500,
    describe="Help arranged for you in an emergency", export_fields=("description", "created_at", "done_at"),
    anonymise={"description": ANONYMISED},
    expired=lambda cutoff: FollowUp.objects.filter(call__in=_closed_calls(cutoff)),
)
not_personal("resilience.Incident", "An incident's name, area, cohorts and who declared it (staff): no resident data")
not_personal("resilience.IncidentResponder", "Which staff or volunteers respond to an incident: no resident data")
not_personal("resilience.DataHolder", "Organisations that hold lists, their protocols and a named work contact")
