"""Sample values for URL keyword arguments, used by the URL-walking access test.

Each entry builds an object the *council* can see (so ``officer`` and ``admin`` may reach it) and returns the value
for the URL. A new URL parameter name must be added here, or the access test fails and says so.
"""

from __future__ import annotations

from collections.abc import Callable


def _person(ctx) -> str:
    """A council resident whom the partner also supports, with live assignments to the partner's assigned volunteer
    and driver personas (the plain ``volunteer`` and ``driver`` are assigned to no one and must get 404)."""
    from datetime import timedelta

    from django.utils import timezone

    from communities.people.models import Assignment, Involvement, Person

    person = Person.objects.create(first_name="Sample", last_name="Resident")
    Involvement.objects.create(person=person, organisation=ctx["council"], reason="test")
    personas = ctx.get("personas") or {}
    if "volunteer_assigned" in personas:
        Involvement.objects.create(person=person, organisation=ctx["partner"], reason="befriending referral")
        now = timezone.now()
        for name, kind in (("volunteer_assigned", "befriending"), ("driver_assigned", "trip")):
            Assignment.objects.create(person=person, user=personas[name], organisation=ctx["partner"], kind=kind,
                                      reason="sample", starts_at=now, ends_at=now + timedelta(days=1))
    return str(person.pk)


def _break_glass_review(ctx) -> int:
    """The council's review of an outsider's emergency access to the sample person (the council's admin reaches it)."""
    from datetime import timedelta

    from django.utils import timezone

    from communities.people.models import BreakGlassGrant, BreakGlassReview, Person

    grant = BreakGlassGrant.objects.create(
        person=Person.objects.get(pk=_person(ctx)), user=ctx["personas"]["outsider"], organisation=ctx["other_org"],
        reason="Sample emergency", expires_at=timezone.now() + timedelta(hours=24),
    )
    return BreakGlassReview.objects.create(grant=grant, organisation=ctx["council"]).pk


def _membership(ctx) -> int:
    from communities.organisations.models import Membership

    return Membership.objects.filter(organisation=ctx["council"], role="analyst").first().pk


SAMPLES: dict[str, Callable] = {
    "person_id": _person,
    "review_id": _break_glass_review,
    "membership_id": _membership,
    "ward_code": lambda ctx: "E05014878",  # Stockton Town Centre (2023 wards)
    "token": lambda ctx: "not-a-real-token",
    "key": lambda ctx: "not-a-real-key",
    "uidb36": lambda ctx: "1",
}


# Community services directory (communities.directory): sample listings the council's directory editor can see.
def _directory_service(ctx):
    from tests.directory.factories import make_service

    return make_service(platform_organisation=ctx["partner"])


def _directory_service_id(ctx) -> str:
    return str(_directory_service(ctx).pk)


def _directory_sal_id(ctx) -> str:
    return str(_directory_service(ctx).service_at_locations.first().pk)


def _directory_organisation_id(ctx) -> str:
    return str(_directory_service(ctx).organization_id)


def _directory_change_id(ctx) -> str:
    from communities.directory.models import ChangeRequest

    service = _directory_service(ctx)
    return str(ChangeRequest.objects.create(service=service, proposed={}, base_version=0,
                                            submitted_by=ctx["personas"]["worker"]).pk)


def _directory_feedback_id(ctx) -> str:
    from communities.directory.models import Feedback

    return str(Feedback.objects.create(service=_directory_service(ctx), message="Closed now").pk)


def _directory_version_number(ctx) -> int:
    return 1


def _directory_taxonomy_id(ctx) -> str:
    from communities.directory.services.taxonomy import DEFAULT_TAXONOMY_ID

    return str(DEFAULT_TAXONOMY_ID)


def _directory_term_id(ctx) -> str:
    from communities.directory.services.taxonomy import term_id

    return str(term_id("food-pantry"))


SAMPLES.update({
    "service_id": _directory_service_id,
    "sal_id": _directory_sal_id,
    "organization_id": _directory_organisation_id,
    "change_id": _directory_change_id,
    "feedback_id": _directory_feedback_id,
    "version_number": _directory_version_number,
    "taxonomy_id": _directory_taxonomy_id,
    "term_id": _directory_term_id,
})


# Money (communities.money): a saved check for the council's sample person, a screened extract and a campaign.
def _money_saved_id(ctx) -> str:
    from communities.money.models import SavedCheck
    from communities.people.models import Person

    person = Person.objects.get(pk=_person(ctx))
    return str(SavedCheck.objects.create(person=person, organisation=ctx["council"], tax_year=2025,
                                         result={"benefits": []}).pk)


def _money_extract(ctx):
    from communities.money.models import CaseloadExtract

    return CaseloadExtract.objects.create(organisation=ctx["council"], label="Sample", tax_year=2025,
                                          status=CaseloadExtract.Status.DONE)


def _money_campaign_id(ctx) -> int:
    from communities.money.models import Campaign

    extract = _money_extract(ctx)
    return Campaign.objects.create(extract=extract, organisation=ctx["council"], kind="pension_credit",
                                   name="Sample", lawful_basis="public_task", lawful_basis_detail="Sample").pk


SAMPLES.update({
    "check_id": lambda ctx: "0" * 32,  # checks in progress live in the adviser's session: an unknown one is 404
    "saved_id": _money_saved_id,
    "extract_id": lambda ctx: _money_extract(ctx).pk,
    "campaign_id": _money_campaign_id,
})


# Insight (communities.insight): an indicator with one borough value.
def _insight_indicator_code(ctx) -> str:
    from communities.insight.importer import save_values
    from communities.insight.models import Indicator, IndicatorValue

    indicator, _ = Indicator.objects.get_or_create(
        code="sample-indicator",
        defaults={"name": "Sample indicator", "key_move": "healthy_lives", "measure": "proportion", "multiplier": 100,
                  "polarity": "low_is_good"},
    )
    save_values([IndicatorValue(indicator=indicator, area_type="borough", area_code="E06000004", period="2023/24",
                                year=2023, numerator=20, denominator=100)])
    return indicator.code


SAMPLES["indicator_code"] = _insight_indicator_code


# Data protection (communities.dataprotection): a subject access request the council received from its sample person.
def _dataprotection_request_id(ctx) -> str:
    from datetime import date

    from communities.dataprotection.models import SubjectRequest
    from communities.people.models import Person

    person = Person.objects.get(pk=_person(ctx))
    return str(SubjectRequest.objects.create(organisation=ctx["council"], person=person, kind="access",
                                             received_on=date(2026, 12, 1), due_on=date(2027, 1, 1)).pk)


SAMPLES["request_id"] = _dataprotection_request_id


# Provider quality (communities.providers): a council-commissioned provider with a concern, and a CQC import.
def _providers_provider(ctx):
    from communities.providers.models import Provider

    return Provider.objects.create(commissioner=ctx["council"], name="Sample Care Home", postcode="TS18 1NR")


def _providers_concern_id(ctx) -> int:
    from datetime import date

    from communities.providers.models import QualityConcern

    return QualityConcern.objects.create(
        provider=_providers_provider(ctx), raised_on=date(2026, 11, 30), raised_by_kind="family",
        category="medication", severity="medium", summary="Sample concern", recorded_by=ctx["personas"]["officer"],
    ).pk


def _providers_import_id(ctx) -> int:
    from communities.providers.models import CqcImport

    return CqcImport.objects.create(commissioner=ctx["council"], file_name="sample.csv", file_format="care_directory",
                                    local_authority="Stockton-on-Tees").pk


SAMPLES.update({
    "provider_id": lambda ctx: _providers_provider(ctx).pk,
    "concern_id": _providers_concern_id,
    "import_id": _providers_import_id,
})


# Referrals (communities.referrals): the council refers its sample person to the partner's sample service.
def _referral_id(ctx) -> str:
    import uuid

    from django.utils import timezone

    from communities.people.models import Consent, Person
    from communities.referrals.models import Referral, StatusChange

    person = Person.objects.get(pk=_person(ctx))
    officer = ctx["personas"]["officer"]
    consent = Consent.objects.create(person=person, purpose="referral", lawful_basis="consent",
                                     how_given="verbal_phone", given_at=timezone.now(), organisation=ctx["council"],
                                     recorded_by=officer)
    service = _directory_service(ctx)
    now = timezone.now()
    referral = Referral.objects.create(
        person=person, service=service, service_name=service.name, to_organisation=ctx["partner"],
        from_organisation=ctx["council"], referred_by=officer, consent=consent, submission_token=uuid.uuid4(),
        shared_name=str(person), what_matters="Sample", safeguarding_concern=False, respond_by=now,
    )
    StatusChange.objects.create(referral=referral, to_status="new", by=officer, organisation=ctx["council"])
    return str(referral.pk)


SAMPLES["referral_id"] = _referral_id
SAMPLES["organisation_id"] = lambda ctx: str(ctx["partner"].pk)  # referrals: refer to an organisation directly


# People's hub (communities.people): a consent of the council's sample person, and a second record to merge.
def _people_consent_id(ctx) -> str:
    from django.utils import timezone

    from communities.people.models import Consent, Person

    return str(Consent.objects.create(
        person=Person.objects.get(pk=_person(ctx)), purpose="support_plan", lawful_basis="public_task",
        how_given="verbal_in_person", given_at=timezone.now(), organisation=ctx["council"],
        recorded_by=ctx["personas"]["officer"],
    ).pk)


SAMPLES.update({"consent_id": _people_consent_id, "duplicate_id": _person})


# Support plans and carers (communities.support): the council's plan with the sample person, and a carer link between
# two sample people with an emergency plan (so the plan, contact and activation pages have something to show).
def _support_plan_id(ctx) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from communities.people.models import Person
    from communities.support.models import SupportPlan

    officer = ctx["personas"]["officer"]
    return str(SupportPlan.objects.create(
        person=Person.objects.get(pk=_person(ctx)), organisation=ctx["council"], worker=officer,
        what_matters="Sample", what_matters_written_by="person",
        next_review_on=timezone.localdate() + timedelta(days=7), created_by=officer,
    ).pk)


def _support_link_id(ctx) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from communities.people.models import Person
    from communities.support.models import CarerLink, EmergencyPlan

    officer = ctx["personas"]["officer"]
    link = CarerLink.objects.create(carer=Person.objects.get(pk=_person(ctx)),
                                    cared_for=Person.objects.get(pk=_person(ctx)), organisation=ctx["council"],
                                    relationship="daughter", code="224484003", created_by=officer)
    EmergencyPlan.objects.create(link=link, needs="Sample", gp="Sample surgery", access_to_home="Sample",
                                 tasks="Sample", next_review_on=timezone.localdate() + timedelta(days=30),
                                 created_by=officer)
    return str(link.pk)


SAMPLES.update({"plan_id": _support_plan_id, "link_id": _support_link_id})


# Activities (communities.activities): a published activity with a weekly session (open data, public page).
def _activities_activity_id(ctx) -> int:
    from datetime import time

    from communities.activities.models import Activity, Feed, Session

    feed, _ = Feed.objects.get_or_create(name="Sample feed", defaults={"url": "https://feed.invalid/sessions"})
    activity, _ = Activity.objects.get_or_create(feed=feed, item_id="sample-1", defaults={
        "kind": "SessionSeries", "modified": 1, "name": "Sample swim"})
    Session.objects.get_or_create(feed=feed, item_id="sample-1", activity=activity, weekday=0, start_time=time(10))
    return activity.pk


SAMPLES["activity_id"] = _activities_activity_id

# Volunteering (communities.volunteering): a council role, session, resident volunteer, event and idea.
from .volunteering.samples import SAMPLES as _VOLUNTEERING_SAMPLES  # noqa: E402

SAMPLES.update(_VOLUNTEERING_SAMPLES)

# Neighbourhood profiles (communities.neighbourhoods): a current ward's profile.
SAMPLES.update({
    "profile_kind": lambda ctx: "ward",
    "profile_code": lambda ctx: "E05014882",  # Stockton Town Centre (2023 wards)
})

# Volunteer Driver Service (communities.transport): a council passenger, trip, driver, regular booking and claim.
from .transport.samples import SAMPLES as _TRANSPORT_SAMPLES  # noqa: E402

SAMPLES.update(_TRANSPORT_SAMPLES)

# Volunteer Driver Service daily plans (communities.transport.planning): the council's published plan with one run.
from .transport_planning.samples import SAMPLES as _TRANSPORT_PLANNING_SAMPLES  # noqa: E402

SAMPLES.update(_TRANSPORT_PLANNING_SAMPLES)


def _resilience_alert_id(ctx) -> str:
    """A yellow cold alert the council recorded (weather-health alerts: the council's planners and officers see it)."""
    from django.utils import timezone

    from communities.resilience.alerts.models import WeatherAlert

    return str(WeatherAlert.objects.create(
        organisation=ctx["council"], source="by_hand", identifier="sample-alert", sender="sample", sent=timezone.now(),
        status="Actual", msg_type="Alert", hazard="cold", level="yellow", event="Yellow Cold-Health Alert",
        recorded_by=ctx["personas"]["planner"]).pk)


SAMPLES["alert_id"] = _resilience_alert_id


# Emergencies (issue 17): register entries, incidents, calls, follow-ups, data holders.
from .resilience.samples import SAMPLES as _RESILIENCE_SAMPLES  # noqa: E402

SAMPLES.update(_RESILIENCE_SAMPLES)


# Befriending (communities.befriending): the partner's befriending case for the sample person, waiting for a match.
def _befriending_case_id(ctx) -> str:
    from django.utils import timezone

    from communities.befriending.models import BefriendingCase
    from communities.people.models import Person

    person = Person.objects.get(pk=_person(ctx))
    return str(BefriendingCase.objects.create(organisation=ctx["partner"], person=person,
                                              referred_on=timezone.localdate()).pk)


SAMPLES["befriending_case_id"] = _befriending_case_id


# Impact assessments (communities.impact): a council draft written by the officer (so approvers may see it, and the
# published pages answer 404), one of its groups and one action.
def _impact_assessment(ctx):
    from datetime import timedelta

    from django.utils import timezone

    from communities.impact.models import Assessment
    from communities.places.models import Ward

    existing = Assessment.objects.filter(title="Sample proposal", organisation=ctx["council"]).first()
    if existing:
        return existing
    today = timezone.localdate()
    assessment = Assessment.objects.create(
        organisation=ctx["council"], title="Sample proposal", kind="service_change", summary="Sample",
        population="Sample", decision_maker="Cabinet", decision_on=today + timedelta(days=30),
        review_on=today + timedelta(days=365), created_by=ctx["personas"]["officer"])
    assessment.wards.set(Ward.objects.all()[:1])
    assessment.considerations.create(characteristic="age")
    assessment.actions.create(description="Sample", owner="Head of Service", due_on=today + timedelta(days=60))
    return assessment


SAMPLES.update({
    "epia_id": lambda ctx: str(_impact_assessment(ctx).pk),
    "epia_group": lambda ctx: (_impact_assessment(ctx), "age")[1],
    "epia_action_id": lambda ctx: _impact_assessment(ctx).actions.first().pk,
})
