"""Referrals in the data-protection registry: subject access export, retention and anonymisation (dataprotection).

A referral is kept while it is open, and for the schedule's period (``referral``: 6 years) after it closed; then the
person's words, the details shared and the notes are replaced, and the counts behind the commissioners' funnel
(status, dates, service, organisations) remain.
"""

from __future__ import annotations

from communities.dataprotection.registry import not_personal, register

from .models import CLOSED, Referral, StatusChange

ANONYMISED = "(anonymised)"


def referrals_past_retention(cutoff):
    return Referral.objects.filter(status__in=CLOSED, closed_at__date__lte=cutoff)


register(
    "referrals.Referral", record_type="referral", subject="person", order=700, describe="Referrals made for you",
    export_fields=("service_name", "to_organisation", "from_organisation", "referred_by", "consent", "status",
                   "created_at", "respond_by", "shared_name", "shared_date_of_birth", "shared_postcode",
                   "shared_phone", "shared_email", "contact_notes", "what_matters", "needs", "support_requested",
                   "safeguarding_concern", "safeguarding_detail", "support_offered", "decline_reason", "outcome",
                   "outcome_detail", "snomed_code", "seen_at", "accepted_at", "closed_at"),
    anonymise={"shared_name": ANONYMISED, "shared_date_of_birth": None, "shared_postcode": "", "shared_phone": "",
               "shared_email": "", "contact_notes": "", "what_matters": ANONYMISED, "needs": "",
               "support_requested": "", "safeguarding_detail": "", "support_offered": "", "outcome_detail": ""},
    expired=referrals_past_retention,
)
register(
    "referrals.StatusChange", record_type="referral", subject="referral__person", order=690,
    describe="What happened to referrals made for you",
    export_fields=("from_status", "to_status", "by", "organisation", "at", "note"),
    anonymise={"note": ""},
    expired=lambda cutoff: StatusChange.objects.filter(referral__in=referrals_past_retention(cutoff).values("pk")),
)
not_personal("referrals.ResponseTarget", "A service's target in days for answering referrals: no resident data")
