"""Status changes: allowed steps, who may take them, one winner when two act at once, the referrer told of each,
the receiving organisation's view of the person opening only on acceptance."""

from __future__ import annotations

import pytest

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.people.models import Involvement, Person
from communities.referrals import services
from communities.referrals.codes import SOCIAL_PRESCRIBING_DECLINED
from communities.referrals.models import Referral, Status, StatusChange

from .conftest import acting

pytestmark = pytest.mark.django_db


def move(user, referral, to_status, from_status=None, **extra):
    return services.change_status(actor=user, referral=referral, to_status=to_status,
                                  from_status=from_status or referral.status, **extra)


@pytest.fixture
def worker(personas, partner):
    return acting(personas["worker"], partner)


def test_the_whole_loop_is_recorded_and_the_referrer_told_of_every_change(
        send, worker, personas, django_capture_on_commit_callbacks):
    referral = send()
    notify.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.mark_seen(actor=worker, referral=referral)
        referral = move(worker, referral, Status.ACCEPTED, support_offered="A place at Tuesday's group")
        referral = move(worker, referral, Status.COMPLETED, outcome="met", note="Comes every week now")
    assert [c.to_status for c in referral.changes.all()] == ["new", "seen", "accepted", "completed"]
    assert all(c.by == worker for c in referral.changes.all()[1:])
    assert referral.seen_at and referral.accepted_at and referral.closed_at
    assert referral.outcome == "met" and referral.support_offered == "A place at Tuesday's group"
    assert [m.to for m in notify.outbox] == ["officer@example.org"] * 3
    assert "Completed" in notify.outbox[-1].subject and "Outcome: What mattered to them was met" in \
        notify.outbox[-1].body
    assert StatusChange.objects.filter(notified_at__isnull=True).count() == 1  # only the referrer's own "New"
    assert AuditEvent.objects.filter(object_type="referrals.Referral", action="update").count() == 3


def test_two_people_answering_from_the_same_state_cannot_both_win(send, worker, personas, partner):
    referral = send()
    stale = Referral.objects.get(pk=referral.pk)
    move(worker, referral, Status.ACCEPTED, from_status=Status.NEW)
    with pytest.raises(services.ReferralError, match="Someone has already changed this referral: it is now accepted"):
        move(worker, stale, Status.DECLINED, from_status=Status.NEW, decline_reason="no_capacity")
    assert Referral.objects.get(pk=referral.pk).status == Status.ACCEPTED
    assert list(StatusChange.objects.values_list("to_status", flat=True)) == ["new", "accepted"]


def test_steps_that_do_not_follow_are_refused(send, worker):
    referral = send()
    with pytest.raises(services.ReferralError, match="A referral that is new cannot be completed"):
        move(worker, referral, Status.COMPLETED, outcome="met")
    move(worker, referral, Status.DECLINED, decline_reason="no_capacity")
    with pytest.raises(services.ReferralError, match="declined cannot be accepted"):
        move(worker, referral, Status.ACCEPTED)


def test_declining_needs_a_reason_and_completing_an_outcome(send, worker):
    referral = send()
    with pytest.raises(services.ReferralError, match="Select why the referral is declined"):
        move(worker, referral, Status.DECLINED)
    with pytest.raises(services.ReferralError, match="Say why"):
        move(worker, referral, Status.DECLINED, decline_reason="other")
    move(worker, referral, Status.ACCEPTED)
    with pytest.raises(services.ReferralError, match="Select the outcome"):
        move(worker, referral, Status.COMPLETED)
    assert Referral.objects.get(pk=referral.pk).status == Status.ACCEPTED


def test_the_person_declining_is_coded_in_snomed(send, worker):
    referral = move(worker, send(), Status.DECLINED, decline_reason="person_declined")
    assert referral.snomed_code == SOCIAL_PRESCRIBING_DECLINED.code == "871711000000103"
    assert referral.seen_at is not None  # answered without being opened first still counts as seen


def test_only_the_receiver_answers_and_only_the_referrer_withdraws(send, worker, personas, council):
    referral = send()
    officer = acting(personas["officer"], council)
    with pytest.raises(services.ReferralError, match="Only Partner Pantry can do that"):
        move(officer, referral, Status.ACCEPTED)
    with pytest.raises(services.ReferralError, match="who sent it, can withdraw"):
        move(worker, referral, Status.WITHDRAWN, note="Changed my mind")
    with pytest.raises(services.ReferralError, match="Say why the referral is withdrawn"):
        move(officer, referral, Status.WITHDRAWN)
    assert move(officer, referral, Status.WITHDRAWN, note="Moved away").status == Status.WITHDRAWN


def test_the_receiver_sees_the_person_record_only_after_accepting(send, worker, resident, partner):
    referral = send()
    assert not Person.objects.visible_to(worker).filter(pk=resident.pk).exists()
    assert Referral.objects.visible_to(worker).filter(pk=referral.pk).exists()
    move(worker, referral, Status.ACCEPTED)
    involvement = Involvement.objects.get(person=resident, organisation=partner, ended_on__isnull=True)
    assert involvement.reason == f"Accepted referral {referral.reference}"
    assert AuditEvent.objects.filter(object_type="people.Involvement", action="create",
                                     object_id=str(involvement.pk)).exists()
    assert Person.objects.visible_to(worker).filter(pk=resident.pk).exists()


def test_outsiders_and_volunteers_see_no_referral(send, personas, other_org, partner):
    send()
    assert not Referral.objects.visible_to(acting(personas["outsider"], other_org)).exists()
    assert not Referral.objects.visible_to(acting(personas["volunteer"], partner)).exists()
    assert not Referral.objects.visible_to(acting(personas["volunteer_assigned"], partner)).exists()


def test_overdue_is_awaiting_an_answer_past_its_target(send, worker):
    from datetime import timedelta

    from django.utils import timezone

    late, answered, fresh = send(), send(), send()
    Referral.objects.filter(pk__in=[late.pk, answered.pk]).update(respond_by=timezone.now() - timedelta(hours=1))
    move(worker, Referral.objects.get(pk=answered.pk), Status.ACCEPTED)
    assert list(Referral.objects.overdue()) == [Referral.objects.get(pk=late.pk)]
    assert Referral.objects.get(pk=late.pk).is_overdue and not fresh.is_overdue


def test_a_response_target_is_set_only_by_the_receiving_side_and_within_bounds(service, personas, partner, council):
    admin_elsewhere = acting(personas["admin"], council)
    with pytest.raises(services.ReferralError, match="only for your own organisation"):
        services.set_response_target(actor=admin_elsewhere, service=service, days=3)
    worker = acting(personas["worker"], partner)
    with pytest.raises(services.ReferralError, match="from 1 to 90"):
        services.set_response_target(actor=worker, service=service, days=0)
    assert services.set_response_target(actor=worker, service=service, days=3).days == 3


def test_an_email_notify_refused_is_sent_by_the_hourly_retry_once(send, worker, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    from django.conf import settings

    assert any(t["task"] == "communities.referrals.services.tell_the_untold" for t in settings.PERIODIC_TASKS)

    def refuse(**kwargs):
        raise notify.DeliveryError("GOV.UK Notify did not send the email (503): down")

    referral = send()
    with monkeypatch.context() as patched, django_capture_on_commit_callbacks(execute=True):
        patched.setattr(notify, "send_email", refuse)
        move(worker, referral, Status.ACCEPTED)
    assert StatusChange.objects.get(to_status="accepted").notified_at is None and notify.outbox == []
    assert services.tell_the_untold() == {"sent": 2}  # the service's "new referral" and the referrer's "accepted"
    assert sorted(m.template for m in notify.outbox) == ["referral_received", "referral_status_changed"]
    assert services.tell_the_untold() == {"sent": 0} and len(notify.outbox) == 2
