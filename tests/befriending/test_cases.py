"""A befriending case from referral to 6 months: opened by an accepted referral, first meeting, loneliness measures,
check-ins with missed ones escalated once, ending; and the impact figures."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.befriending import services
from communities.befriending.impact import impact, months_after
from communities.befriending.models import BefriendingCase, CheckIn, LonelinessMeasure, Stage
from communities.core import notify
from communities.people.models import Consent
from communities.referrals import services as referrals
from communities.referrals.models import Status
from tests.directory.factories import make_service

from .conftest import acting

pytestmark = pytest.mark.django_db


def refer(personas, council, partner, resident, category: str):
    officer = acting(personas["officer"], council)
    from communities.people.models import Involvement

    Involvement.objects.get_or_create(person=resident, organisation=council, reason="reablement")
    consent = Consent.objects.create(person=resident, purpose="referral", lawful_basis="consent",
                                     how_given="verbal_phone", given_at=timezone.now() - timedelta(hours=1),
                                     organisation=council, recorded_by=officer)
    service = make_service("Friendly Calls", platform_organisation=partner, category=category)
    content = referrals.Content(what_matters="I would like someone to talk to", safeguarding_concern=False,
                                shared_phone="07700 900456")
    return referrals.make_referral(actor=officer, organisation=council, person=resident, consent=consent,
                                   content=content, token=uuid.uuid4(), service=service)[0]


def test_an_accepted_referral_to_a_befriending_service_opens_one_case(personas, council, partner, resident):
    referral = refer(personas, council, partner, resident, "loneliness")
    worker = acting(personas["worker"], partner)
    assert not BefriendingCase.objects.exists()  # not before it is accepted
    referrals.change_status(actor=worker, referral=referral, to_status=Status.ACCEPTED, from_status=Status.NEW)
    case = BefriendingCase.objects.get()
    assert case.referral == referral and case.organisation == partner and case.person == resident
    assert case.referred_on == timezone.localdate(referral.created_at) and case.latitude is not None
    assert AuditEvent.objects.filter(object_type="befriending.BefriendingCase", action="create").count() == 1


def test_an_accepted_referral_to_another_kind_of_service_opens_none(personas, council, partner, resident):
    referral = refer(personas, council, partner, resident, "food-pantry")
    referrals.change_status(actor=acting(personas["worker"], partner), referral=referral,
                            to_status=Status.ACCEPTED, from_status=Status.NEW)
    assert not BefriendingCase.objects.exists()


def test_measures_store_answers_and_the_ucla_score_and_refuse_bad_answers(case, personas, partner):
    coordinator = acting(personas["volunteer_coordinator"], partner)
    measure = services.record_measure(actor=coordinator, case=case, point="0", taken_on=timezone.localdate(),
                                      direct=1, ucla={"companionship": 3, "left_out": 2, "isolated": 3})
    assert measure.ucla_score == 8 and measure.direct_answer == 1
    partial = services.record_measure(actor=coordinator, case=case, point="3", taken_on=timezone.localdate(),
                                      direct=3, ucla={"companionship": 2})
    assert partial.ucla_score is None  # not all three answered: no score
    with pytest.raises(services.BefriendingError, match="Isolated: choose one of the answers") as error:
        services.record_measure(actor=coordinator, case=case, point="6", taken_on=timezone.localdate(), direct=None,
                                ucla={"isolated": 4})
    assert error.value.field == "ucla_isolated"
    assert LonelinessMeasure.objects.count() == 2


def test_check_ins_follow_the_rota_and_a_missed_one_is_escalated_once(case, befrienders, personas, partner):
    coordinator = acting(personas["volunteer_coordinator"], partner)
    services.confirm_match(actor=coordinator, case=case, befriender=befrienders["near"], reasons=[])
    first = case.checkins.get()
    services.record_checkin(actor=coordinator, case=case, outcome="going_well", note="Weekly calls")
    second = case.checkins.get(done_on__isnull=True)
    assert second.due_on == timezone.localdate() + timedelta(days=case.checkin_every_days)
    assert CheckIn.objects.get(pk=first.pk).outcome == "going_well"
    late = second.due_on + timedelta(days=10)
    assert services.escalate_missed_checkins(today=late) == {"escalated": 1}
    assert services.escalate_missed_checkins(today=late) == {"escalated": 0}  # once only
    assert [m.to for m in notify.outbox] == ["volunteer_coordinator@example.org"]
    assert "Edna" not in notify.outbox[0].body and f"/befriending/cases/{case.pk}/" in notify.outbox[0].body


def test_first_meeting_and_the_impact_figures(case, befrienders, personas, partner):
    coordinator = acting(personas["volunteer_coordinator"], partner)
    services.confirm_match(actor=coordinator, case=case, befriender=befrienders["near"], reasons=[])
    with pytest.raises(services.BefriendingError, match="between the referral and today"):
        services.record_first_meeting(actor=coordinator, case=case, met_on=case.referred_on - timedelta(days=1))
    services.record_first_meeting(actor=coordinator, case=case, met_on=case.referred_on + timedelta(days=9))
    case.refresh_from_db()
    assert case.stage == Stage.MEETING and case.days_to_first_meeting == 9
    services.record_measure(actor=coordinator, case=case, point="0", taken_on=case.referred_on, direct=1,
                            ucla={"companionship": 3, "left_out": 3, "isolated": 3})
    services.record_measure(actor=coordinator, case=case, point="3", taken_on=timezone.localdate(), direct=3,
                            ucla={"companionship": 2, "left_out": 1, "isolated": 2})
    figures = impact(BefriendingCase.objects.all(), today=months_after(case.referred_on, 6))
    assert figures.median_days == 9 and figures.meets_days_target
    three, six = figures.completion
    assert (three.due, three.done, three.percent, three.meets_target) == (1, 1, 100.0, True)
    assert (six.due, six.done, six.meets_target) == (1, 0, False)
    assert (figures.change[0].pairs, figures.change[0].mean_change, figures.change[0].improved) == (1, -4.0, 1)


def test_months_after_keeps_to_the_month_end():
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_after(date(2026, 1, 15), 6) == date(2026, 7, 15)


def test_ending_stops_the_befriender_seeing_the_person(case, befrienders, personas, partner):
    coordinator = acting(personas["volunteer_coordinator"], partner)
    services.confirm_match(actor=coordinator, case=case, befriender=befrienders["near"], reasons=[])
    volunteer = acting(personas["volunteer"], partner)
    assert list(BefriendingCase.objects.matched_with(volunteer)) == [case]
    services.end_case(actor=coordinator, case=case, reason="Moved away")
    assert list(BefriendingCase.objects.matched_with(volunteer)) == []
    assert not case.checkins.filter(done_on__isnull=True).exists()
