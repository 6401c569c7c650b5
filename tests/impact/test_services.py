"""Writing, sign-off, publication and reassessment: every change audited; status moves by conditional update."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.impact import services
from communities.impact.models import Assessment, Status

from .conftest import complete, details


@pytest.mark.django_db
def test_starting_an_assessment_makes_every_group_and_takes_the_evidence(make_assessment):
    assessment = make_assessment()
    assert assessment.considerations.count() == 12 and assessment.status == Status.DRAFT
    assert assessment.evidence_taken_at and assessment.evidence["area"]["population"] > 0
    assert AuditEvent.objects.filter(object_id=str(assessment.pk), action="create").exists()


@pytest.mark.django_db
def test_an_area_and_dates_in_order_are_required(officer, council, two_wards):
    with pytest.raises(ValidationError) as no_area:
        services.create_assessment(actor=officer, organisation=council, details=details(), wards=[])
    assert "wards" in no_area.value.message_dict
    today = timezone.localdate()
    with pytest.raises(ValidationError) as order:
        services.create_assessment(actor=officer, organisation=council, wards=two_wards,
                                   details=details(review_on=today + timedelta(days=5)))
    assert "review_on" in order.value.message_dict


@pytest.mark.django_db
def test_refreshing_the_evidence_is_audited(officer, make_assessment):
    assessment = make_assessment()
    first = assessment.evidence_taken_at
    services.refresh_evidence(actor=officer, assessment=assessment)
    event = AuditEvent.objects.filter(object_id=str(assessment.pk), reason="Evidence refreshed from the platform")
    assert event.get().fields["evidence_taken_at"][0] == first.isoformat()


@pytest.mark.django_db
def test_a_negative_impact_needs_a_mitigation(officer, make_assessment):
    with pytest.raises(ValidationError) as exc:
        services.save_consideration(actor=officer, assessment=make_assessment(), characteristic="age",
                                    answers={"impact": "negative", "impact_detail": "Longer walk"})
    assert "mitigation" in exc.value.message_dict


@pytest.mark.django_db
def test_it_cannot_go_for_sign_off_until_every_group_is_assessed(officer, make_assessment):
    assessment = make_assessment()
    problems = services.problems_before_submission(assessment)
    assert len(problems) == 12 and problems[0].startswith("Age:")
    with pytest.raises(ValidationError):
        services.submit_for_sign_off(actor=officer, assessment=assessment)
    complete(officer, assessment)
    assert services.problems_before_submission(assessment) == []
    services.submit_for_sign_off(actor=officer, assessment=assessment)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.AWAITING_SIGN_OFF


@pytest.mark.django_db
def test_an_approver_signs_off_once_even_when_two_press_the_button(ready, approver, personas, council):
    from .conftest import acting

    stale = Assessment.objects.get(pk=ready.pk)
    services.sign_off(actor=approver, assessment=ready, approve=True)
    other = acting(personas["admin"], council)  # a second approver, as far as the service is concerned
    with pytest.raises(ValidationError) as exc:
        services.sign_off(actor=other, assessment=stale, approve=True)
    assert "not waiting for sign-off" in str(exc.value)
    ready.refresh_from_db()
    assert ready.status == Status.SIGNED_OFF and ready.signed_off_by == approver


@pytest.mark.django_db
def test_the_author_cannot_sign_off_their_own(ready, officer):
    with pytest.raises(ValidationError) as exc:
        services.sign_off(actor=officer, assessment=ready, approve=True)
    assert "another approver" in str(exc.value)


@pytest.mark.django_db
def test_sign_off_after_the_decision_date_is_refused_with_the_date(ready, approver):
    Assessment.objects.filter(pk=ready.pk).update(decision_on=timezone.localdate() - timedelta(days=1))
    ready.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.sign_off(actor=approver, assessment=ready, approve=True)
    assert "has passed" in str(exc.value) and f"{ready.decision_on:%-d %B %Y}" in str(exc.value)
    assert Assessment.objects.get(pk=ready.pk).status == Status.AWAITING_SIGN_OFF


@pytest.mark.django_db
def test_sending_back_needs_a_note_and_makes_it_a_draft_again(ready, approver):
    with pytest.raises(ValidationError):
        services.sign_off(actor=approver, assessment=ready, approve=False, note=" ")
    services.sign_off(actor=approver, assessment=ready, approve=False, note="Add the survey results")
    assert Assessment.objects.get(pk=ready.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_only_a_signed_off_assessment_is_published_and_nothing_changes_after(ready, approver, officer):
    with pytest.raises(ValidationError):
        services.publish(actor=officer, assessment=ready)
    services.sign_off(actor=approver, assessment=ready, approve=True)
    services.publish(actor=officer, assessment=ready)
    assert Assessment.objects.published().get() == ready
    with pytest.raises(ValidationError) as exc:
        services.save_consideration(actor=officer, assessment=ready, characteristic="age", answers={})
    assert "only a draft can be changed" in str(exc.value)


@pytest.mark.django_db
def test_a_reassessment_carries_the_open_actions_across(ready, approver, officer):
    services.sign_off(actor=approver, assessment=ready, approve=True)
    first = ready.actions.get()
    finished = ready.actions.create(description="Already done", owner="Team", due_on=timezone.localdate(),
                                    done_on=timezone.localdate())
    today = timezone.localdate()
    new = services.reassess(actor=officer, assessment=ready, decision_on=today + timedelta(days=40),
                            review_on=today + timedelta(days=400))
    carried = new.actions.get()
    assert carried.carried_from == first and carried.description == first.description
    assert not new.actions.filter(carried_from=finished).exists()
    assert new.previous == ready and new.status == Status.DRAFT and new.considerations.count() == 12
    assert list(new.wards.all()) == list(ready.wards.all())


@pytest.mark.django_db
def test_a_draft_cannot_be_reassessed(officer, make_assessment):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.reassess(actor=officer, assessment=make_assessment(), decision_on=today + timedelta(days=9),
                          review_on=today + timedelta(days=99))
