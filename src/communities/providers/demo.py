"""Demo borough: care providers the council commissions across the borough, with concerns, visits and RAG histories.

Every name, CQC id and story is synthetic (ids ``1-9…`` are not real CQC ids); postcodes are real ones in the
borough, chosen by the demo's random generator so the providers spread across its wards.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.places.models import Postcode

from . import services
from .models import (
    ConcernCategory,
    ConcernStatus,
    Provider,
    ProviderKind,
    Rag,
    RagChange,
    RaisedBy,
    Severity,
    VisitKind,
)

# (name, kind, CQC rating or "", RAG history oldest first as (days ago, status, why))
DEMO_PROVIDERS = [
    ("Beech Grove Care Home (demo)", ProviderKind.CARE_HOME, "Good",
     [(400, Rag.GREEN, "Annual contract review: no concerns (synthetic)")]),
    ("Willow Court Nursing Home (demo)", ProviderKind.CARE_HOME_NURSING, "Requires improvement",
     [(500, Rag.GREEN, "Annual contract review (synthetic)"),
      (120, Rag.AMBER, "Two medication errors reported in a month; action plan requested (synthetic)"),
      (20, Rag.RED, "Unannounced visit found medication still not recorded; placements suspended (synthetic)")]),
    ("Teesside Home Support (demo)", ProviderKind.HOME_CARE, "Good",
     [(300, Rag.GREEN, "Contract start (synthetic)"),
      (60, Rag.AMBER, "Missed calls rising over the winter (synthetic)")]),
    ("Riverside Home Care (demo)", ProviderKind.HOME_CARE, "Outstanding",
     [(365, Rag.GREEN, "Annual contract review (synthetic)")]),
    ("Norton Day Opportunities (demo)", ProviderKind.DAY_SERVICE, "",
     [(200, Rag.GREEN, "Contract start (synthetic)")]),
    ("Hardwick Supported Living (demo)", ProviderKind.SUPPORTED_LIVING, "Good",
     [(250, Rag.AMBER, "New manager not yet registered with CQC (synthetic)"),
      (90, Rag.GREEN, "Manager registered; staffing stable (synthetic)")]),
    ("Thornaby Extra Care (demo)", ProviderKind.EXTRA_CARE, "Good", []),
    ("Ingleby Lodge (demo)", ProviderKind.CARE_HOME, "Inadequate",
     [(150, Rag.AMBER, "CQC inspection under way after whistleblowing (synthetic)"),
      (45, Rag.RED, "CQC rated inadequate; embargo on new placements (synthetic)")]),
    ("Yarm Community Care (demo)", ProviderKind.HOME_CARE, "Requires improvement",
     [(100, Rag.AMBER, "Late calls and a complaint about care records (synthetic)")]),
    ("Billingham Day Centre (demo)", ProviderKind.DAY_SERVICE, "",
     [(330, Rag.GREEN, "Contract start (synthetic)")]),
]

# (provider index, days ago, raised by, category, severity, status, summary, actions)
DEMO_CONCERNS = [
    (1, 130, RaisedBy.HEALTH, ConcernCategory.MEDICATION, Severity.HIGH, ConcernStatus.ACTION_PLAN,
     "District nurse found two residents' evening medication not given or not recorded (synthetic).",
     "Provider's medication audit weekly for 8 weeks; pharmacist review booked (synthetic)."),
    (1, 25, RaisedBy.STAFF, ConcernCategory.STAFFING, Severity.CRITICAL, ConcernStatus.INVESTIGATING,
     "Anonymous staff member says night shifts run with one carer for 30 residents (synthetic).",
     "Unannounced visit made; rotas requested; CQC told (synthetic)."),
    (2, 70, RaisedBy.FAMILY, ConcernCategory.MISSED_CALLS, Severity.MEDIUM, ConcernStatus.OPEN,
     "A daughter reports three missed morning calls to her father in two weeks (synthetic).", ""),
    (7, 160, RaisedBy.STAFF, ConcernCategory.SAFEGUARDING, Severity.CRITICAL, ConcernStatus.CLOSED_UPHELD,
     "Whistleblower describes rough handling during personal care (synthetic).",
     "Safeguarding enquiry (s.42) completed; staff member dismissed; training for all staff (synthetic)."),
    (8, 110, RaisedBy.RESIDENT, ConcernCategory.COMPLAINTS, Severity.LOW, ConcernStatus.CLOSED_NOT_UPHELD,
     "A resident complained that her complaint about late calls was not answered (synthetic).",
     "Provider showed the reply sent within 10 days (synthetic)."),
]

# (provider index, days ago, kind, findings, recommended RAG)
DEMO_VISITS = [
    (1, 22, VisitKind.UNANNOUNCED, "Medication records incomplete for 4 of 10 residents checked (synthetic).",
     Rag.RED),
    (1, 115, VisitKind.ANNOUNCED, "Action plan agreed for medication; staffing adequate on the day (synthetic).",
     Rag.AMBER),
    (3, 200, VisitKind.ANNOUNCED, "Good practice; people using the service speak highly of carers (synthetic).",
     Rag.GREEN),
    (5, 85, VisitKind.FOLLOW_UP, "New manager registered; rotas stable for three months (synthetic).", Rag.GREEN),
    (7, 40, VisitKind.FOLLOW_UP, "Embargo conditions checked; training records improving (synthetic).", Rag.RED),
]


def _at(today, days_ago: int):
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10, 0)))


def add_demo_providers(context) -> None:
    council = context.council_org
    officer = User.objects.get(email=demo_email("officer"))
    officer.current_organisation = council
    codes = list(Postcode.objects.filter(council=context.council).order_by("postcode").values_list("postcode",
                                                                                                   flat=True))
    providers = []
    for n, (name, kind, rating, history) in enumerate(DEMO_PROVIDERS):
        postcode = codes[int(context.rng.integers(len(codes)))] if codes else ""
        provider = services.save_provider(actor=officer, provider=Provider(
            name=name, kind=kind, postcode=postcode, address=f"{n + 1} Demo Street", cqc_location_id=f"1-9{n:09d}",
            cqc_provider_id=f"1-8{n:09d}", cqc_rating=rating,
            cqc_rating_published=context.today - timedelta(days=300 - 20 * n) if rating else None))
        for days_ago, status, why in history:
            change = services.change_rag(actor=officer, provider=provider, status=status, reason=why)
            RagChange.objects.filter(pk=change.pk).update(changed_at=_at(context.today, days_ago))  # synthetic past
        providers.append(provider)
    for index, days_ago, raised_by, category, severity, status, summary, actions in DEMO_CONCERNS:
        services.record_concern(actor=officer, provider=providers[index], data={
            "raised_on": context.today - timedelta(days=days_ago), "raised_by_kind": raised_by, "category": category,
            "severity": severity, "status": status, "summary": summary, "actions": actions,
            "safeguarding_referral": category == ConcernCategory.SAFEGUARDING})
    for index, days_ago, kind, findings, rag in DEMO_VISITS:
        services.record_visit(actor=officer, provider=providers[index], data={
            "visited_on": context.today - timedelta(days=days_ago), "kind": kind, "findings": findings,
            "visited_by": "Olu Officer (demo), quality and contracts officer", "recommended_rag": rag})
