"""Making a referral: what it records and shares, the consent it rests on, and bad input that writes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.people.models import Consent, Person
from communities.referrals import services
from communities.referrals.codes import REFERRAL_TO_SOCIAL_PRESCRIBING
from communities.referrals.models import Referral, ResponseTarget, Status, StatusChange
from tests.directory.factories import make_service

from .conftest import acting, content

pytestmark = pytest.mark.django_db


def nothing_written():
    return (Referral.objects.count(), StatusChange.objects.count(),
            AuditEvent.objects.filter(object_type="referrals.Referral").count()) == (0, 0, 0)


def test_a_referral_records_who_what_consent_and_code_and_tells_the_service(
        send, resident, consent, service, partner, council, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral = send()
    assert referral.status == Status.NEW and referral.to_organisation == partner
    assert referral.from_organisation == council and referral.consent == consent
    assert referral.snomed_code == REFERRAL_TO_SOCIAL_PRESCRIBING.code == "871731000000106"
    assert (referral.shared_name, referral.shared_postcode) == ("Casey Sampleton", "TS18 1AA")
    assert referral.respond_by - referral.created_at == timedelta(days=5)  # REFERRAL_RESPONSE_DAYS default
    (change,) = referral.changes.all()
    assert (change.from_status, change.to_status, change.by) == ("", Status.NEW, personas["officer"])
    event = AuditEvent.objects.get(object_type="referrals.Referral", action="create")
    assert event.fields["consent"] == str(consent.pk) and event.organisation == council
    (message,) = notify.outbox
    assert message.to == service.email and referral.reference in message.subject
    assert "Casey" not in message.body  # no personal details in email


def test_the_service_own_response_target_sets_the_timer(send, service, personas):
    ResponseTarget.objects.create(service=service, days=2, set_by=personas["worker"])
    referral = send()
    assert referral.respond_by - referral.created_at == timedelta(days=2)


def test_missing_consent_is_refused_and_nothing_is_written(send):
    with pytest.raises(services.ReferralError, match="Record Casey Sampleton's consent") as caught:
        send(consent=None)
    assert caught.value.field == "consent" and nothing_written()


def test_withdrawn_or_ended_consent_is_refused(send, consent):
    consent.withdrawn_at = timezone.now()
    consent.save()
    with pytest.raises(services.ReferralError, match="withdrawn or has ended"):
        send()
    consent.withdrawn_at, consent.expires_on = None, timezone.localdate() - timedelta(days=1)
    consent.save()
    with pytest.raises(services.ReferralError, match="withdrawn or has ended"):
        send()
    assert nothing_written()


def test_consent_for_someone_else_or_another_purpose_is_refused(send, council, personas, consent):
    other = Person.objects.create(first_name="Other", last_name="Person")
    theirs = Consent.objects.create(person=other, purpose="referral", lawful_basis="consent", how_given="written",
                                    given_at=timezone.now(), organisation=council, recorded_by=personas["officer"])
    with pytest.raises(services.ReferralError, match="for someone else"):
        send(consent=theirs)
    consent.purpose = "transport"
    consent.save()
    with pytest.raises(services.ReferralError, match="not for a referral"):
        send()
    assert nothing_written()


def test_a_service_nobody_answers_on_the_platform_is_refused(send):
    unlinked = make_service("Unlinked Lunch Club")  # its directory organisation has no platform organisation
    with pytest.raises(services.ReferralError, match="does not take referrals") as caught:
        send(service=unlinked)
    assert caught.value.field == "service" and nothing_written()


@pytest.mark.parametrize(("changes", "message"), [
    ({"what_matters": "  "}, "what matters to the person"),
    ({"safeguarding_concern": None}, "Answer whether you have any safeguarding concern"),
    ({"safeguarding_concern": True, "safeguarding_detail": ""}, "Say what the safeguarding concern is"),
])
def test_missing_answers_are_refused(send, changes, message):
    with pytest.raises(services.ReferralError, match=message):
        send(content=content(**changes))
    assert nothing_written()


def test_a_person_the_referrer_cannot_see_cannot_be_referred(send, personas, other_org, resident):
    outsider = acting(personas["outsider"], other_org)
    with pytest.raises(services.ReferralError, match="cannot refer this person"):
        send(actor=outsider, organisation=other_org)
    assert nothing_written()


def test_the_same_form_sent_twice_makes_one_referral(send):
    token = uuid.uuid4()
    first, again = send(token=token), send(token=token)
    assert first == again and Referral.objects.count() == 1 and StatusChange.objects.count() == 1


def test_consent_given_now_is_recorded_with_the_referral(personas, council, resident, service):
    officer = acting(personas["officer"], council)
    referral, created = services.refer_with_consent_now(
        actor=officer, organisation=council, person=resident, how_given="verbal_in_person", content=content(),
        token=uuid.uuid4(), service=service)
    assert created and referral.consent.purpose == "referral" and referral.consent.is_current()
    assert referral.consent.special_category_condition == "explicit_consent"
    assert AuditEvent.objects.filter(object_type="people.Consent", action="create").count() == 1


def test_consent_given_now_is_not_kept_when_the_referral_fails(personas, council, resident):
    officer = acting(personas["officer"], council)
    unlinked = make_service("Unlinked Lunch Club")
    with pytest.raises(services.ReferralError, match="does not take referrals"):
        services.refer_with_consent_now(actor=officer, organisation=council, person=resident,
                                        how_given="verbal_in_person", content=content(), token=uuid.uuid4(),
                                        service=unlinked)
    assert not Consent.objects.exists() and nothing_written()
