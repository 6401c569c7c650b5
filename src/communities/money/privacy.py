"""Money's personal data in the data-protection registry: export, retention and anonymisation (dataprotection)."""

from __future__ import annotations

from communities.dataprotection.registry import not_personal, register

from .models import CheckDraft, SavedCheck, ScreenedHousehold

register(
    "money.SavedCheck", record_type="benefits_check", subject="person", erase="delete", order=200,
    describe="Benefits checks",
    export_fields=("organisation", "created_by", "created_at", "tax_year", "answers", "result",
                   "total_entitled_per_year", "total_unclaimed_per_year"),
    # Totals stay for the income-gained report; the answers and the detailed result go.
    anonymise={"answers": {}, "result": {}},
    expired=lambda cutoff: SavedCheck.objects.filter(created_at__date__lte=cutoff),
)
register(
    # Erased with its check (CASCADE); past retention it no longer points at anyone once the check and the
    # resident are anonymised, and it keeps no personal fields of its own.
    "money.Outcome", record_type="benefits_check", subject="saved_check__person", erase="delete", order=150,
    describe="Outcomes of benefits checks",
    export_fields=("benefit", "status", "amount_per_year", "occurred_on", "organisation", "created_at"),
)
register(
    # An adviser's check not saved to a record: deleted DRAFT_DAYS after its last change (schedule row check_draft).
    "money.CheckDraft", record_type="check_draft", subject="person", erase="delete", order=190,
    describe="Benefits checks not saved to your record",
    export_fields=("organisation", "owner", "created_at", "updated_at", "expires_at", "tax_year", "answers", "result"),
    expired=lambda cutoff: CheckDraft.objects.filter(updated_at__date__lte=cutoff),
)
register(
    "money.HouseholdMoney", record_type="benefits_check", subject="household__members", erase="delete", order=210,
    describe="Your household's money details",
    export_fields=("rent_per_week", "savings", "epc_band", "current_benefits", "updated_at"),
)
register(
    # Rows carry the council's own household reference, not a person of the people room: not found by person.
    "money.ScreenedHousehold", record_type="caseload_screening", subject=None, order=300,
    describe="Households screened from a caseload extract",
    export_fields=("household_ref", "claimant_age", "tenure", "unclaimed_per_year"),
    expired=lambda cutoff: ScreenedHousehold.objects.filter(extract__uploaded_at__date__lte=cutoff),
)
not_personal(
    "money.Campaign",
    "A take-up campaign's name, rule and lawful basis; its households are ScreenedHousehold rows, registered above",
)
