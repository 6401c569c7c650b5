"""Emergencies: the consented register, the catalogue of data holders ("lists of lists"), incidents with their call
lists, contact attempts and follow-up tasks. Register entries and call lists hold personal data: scoped in
``RegisterEntryQuerySet.visible_to`` and ``CallQuerySet.visible_to``."""

from .holders import DataHolder, HolderKind
from .incidents import Call, CallOutcome, ContactAttempt, FollowUp, Incident, IncidentResponder, IncidentStatus
from .register import RegisterEntry

__all__ = [
    "Call", "CallOutcome", "ContactAttempt", "DataHolder", "FollowUp", "HolderKind", "Incident", "IncidentResponder",
    "IncidentStatus", "RegisterEntry",
]
