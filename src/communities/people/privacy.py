"""People's personal data in the data-protection registry: export, retention and anonymisation (dataprotection)."""

from __future__ import annotations

from django.db.models import Count, Max, Q

from communities.dataprotection.registry import register

from .models import (
    Assignment,
    BreakGlassGrant,
    BreakGlassReview,
    CommunicationNeed,
    Consent,
    ContactPreferences,
    Household,
    Involvement,
    Person,
)

ANONYMISED = "(anonymised)"


def people_past_retention(cutoff):
    """Closed cases: no open involvement, and the last one ended (or, with none, the record was made) by ``cutoff``."""
    return (
        Person.objects.annotate(
            open_involvements=Count("involvements", filter=Q(involvements__ended_on__isnull=True)),
            last_ended=Max("involvements__ended_on"),
        )
        .filter(open_involvements=0)
        .filter(Q(last_ended__lte=cutoff) | Q(last_ended__isnull=True, created_at__date__lte=cutoff))
    )


def households_past_retention(cutoff):
    """Households made by ``cutoff`` every one of whose members is past retention."""
    kept = Person.objects.exclude(pk__in=people_past_retention(cutoff).values("pk"))
    return Household.objects.filter(created_at__date__lte=cutoff).exclude(members__in=kept.values("pk"))


register(
    "people.Person", record_type="resident_record", subject="", order=900, describe="Your record",
    export_fields=("first_name", "last_name", "date_of_birth", "postcode", "phone", "email", "has_disability",
                   "is_carer", "lives_alone", "notes", "created_at", "updated_at"),
    anonymise={"first_name": ANONYMISED, "last_name": ANONYMISED, "date_of_birth": None, "postcode": "",
               "phone": "", "email": "", "notes": "",
               # the search columns copy the name and postcode (anonymisation updates rows without save())
               "first_name_lower": "", "last_name_lower": "", "postcode_normalised": "", "postcode_district": ""},
    expired=people_past_retention,
)
register(
    "people.Household", record_type="resident_record", subject="members", order=910, describe="Your household",
    export_fields=("address_line", "postcode", "tenure", "council_tax_band", "annual_income", "created_at"),
    anonymise={"address_line": "", "postcode": ""},
    expired=households_past_retention,
)
register(
    "people.Involvement", record_type="resident_record", subject="person", order=800,
    describe="Organisations supporting you",
    export_fields=("organisation", "reason", "started_on", "ended_on"),
    anonymise={"reason": ANONYMISED},
    expired=lambda cutoff: Involvement.objects.filter(person__in=people_past_retention(cutoff).values("pk")),
)
register(
    "people.BreakGlassGrant", record_type="emergency_access", subject="person", order=100,
    describe="Emergency access to your record",
    export_fields=("user", "organisation", "reason", "created_at", "expires_at"),
    anonymise={"reason": ANONYMISED},
    expired=lambda cutoff: BreakGlassGrant.objects.filter(created_at__date__lte=cutoff),
)
register(
    "people.Assignment", record_type="resident_record", subject="person", order=810,
    describe="Volunteers and drivers assigned to you",
    export_fields=("kind", "reason", "organisation", "user", "starts_at", "ends_at", "ended_at"),
    anonymise={"reason": ANONYMISED},
    expired=lambda cutoff: Assignment.objects.filter(person__in=people_past_retention(cutoff).values("pk")),
)
register(
    "people.BreakGlassReview", record_type="emergency_access", subject="grant__person", order=90,
    describe="Reviews of emergency access to your record",
    export_fields=("organisation", "outcome", "note", "reviewed_by", "reviewed_at"),
    anonymise={"note": ANONYMISED},
    expired=lambda cutoff: BreakGlassReview.objects.filter(grant__created_at__date__lte=cutoff),
)
register(
    "people.Consent", record_type="resident_record", subject="person", order=820,
    describe="What you agreed to, and the basis for using your information",
    export_fields=("purpose", "purpose_detail", "lawful_basis", "special_category_condition", "how_given", "given_at",
                   "given_by_name", "organisation", "expires_on", "withdrawn_at", "withdrawal_note"),
    anonymise={"purpose_detail": ANONYMISED, "given_by_name": "", "withdrawal_note": ""},
    expired=lambda cutoff: Consent.objects.filter(person__in=people_past_retention(cutoff).values("pk")),
)
register(
    "people.ContactPreferences", record_type="resident_record", subject="person", order=830,
    describe="How you like to be contacted",
    export_fields=("preferred_channels", "best_times", "ok_to_leave_message", "do_not_contact_by", "updated_at"),
    anonymise={"best_times": "", "preferred_channels": [], "do_not_contact_by": []},
    expired=lambda cutoff: ContactPreferences.objects.filter(person__in=people_past_retention(cutoff).values("pk")),
)
register(
    "people.CommunicationNeed", record_type="resident_record", subject="person", order=840,
    describe="Your communication and information needs",
    export_fields=("need", "language", "detail", "recorded_at", "ended_at"),
    anonymise={"language": "", "detail": ""},
    expired=lambda cutoff: CommunicationNeed.objects.filter(person__in=people_past_retention(cutoff).values("pk")),
)
