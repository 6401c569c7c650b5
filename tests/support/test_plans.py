"""Support plans: made with the person (consent first), goals and actions, reviews with ONS4 and loneliness
answers, My reviews due with overdue ones flagged, the resident's printable copy, the timeline. Bad input names the
field and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.people import timeline
from communities.support.models import MeasureAnswer, Review, SupportPlan
from communities.support.services import plans

from .conftest import make_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def review_args(plan, **overrides):
    goal = plan.goals.get()
    args = {
        "reviewed_on": TODAY() - timedelta(days=1), "what_changes": "Add the lunch club",
        "next_review_on": TODAY() + timedelta(days=90), "progress": {goal.pk: ("good", "Went twice")},
        "answers": {"ons4": {"life_satisfaction": 6, "worthwhile": 7, "happiness": 5, "anxiety": 3},
                    "ons_loneliness": {"how_often_lonely": 2}},
    }
    return {**args, **overrides}


def test_a_plan_keeps_what_matters_as_said_and_who_wrote_it(plan, worker):
    assert plan.what_matters == "I want to get to the market on a Saturday, like I used to."
    assert plan.written_by == "The person wrote it themselves"
    event = AuditEvent.objects.get(object_type="support.SupportPlan", object_id=str(plan.pk), action="create")
    assert event.fields["what_matters"].startswith("I want to get to the market")


def test_no_plan_without_a_current_consent_for_support_planning(partner, worker):
    person = make_person(partner, "Noconsent", "Person")
    with pytest.raises(ValidationError) as caught:
        plans.create_plan(actor=worker, organisation=partner, person=person, what_matters="Stay at home",
                          written_by="person", next_review_on=TODAY() + timedelta(days=30))
    assert "no current consent or lawful basis recorded for support planning" in caught.value.message_dict["person"][0]
    assert not SupportPlan.objects.exists()


def test_invalid_dates_and_missing_writer_are_refused_by_field(resident, partner, worker):
    with pytest.raises(ValidationError) as caught:
        plans.create_plan(actor=worker, organisation=partner, person=resident, what_matters=" ",
                          written_by="family", next_review_on=TODAY() - timedelta(days=1),
                          started_on=TODAY() + timedelta(days=2))
    errors = caught.value.message_dict
    assert errors == {
        "what_matters": ["Enter what matters to the person, in their words"],
        "what_matters_writer_name": ["Enter the name of the person who wrote it down"],
        "started_on": ["The start date must be today or in the past"],
        "next_review_on": ["The review date must be after today"],
    }
    assert not SupportPlan.objects.exists()


def test_a_review_records_progress_scores_separately_and_moves_the_review_date(plan, worker):
    review = plans.record_review(actor=worker, plan=plan, **review_args(plan))
    plan.refresh_from_db()
    assert plan.next_review_on == TODAY() + timedelta(days=90)
    assert {(a.instrument, a.item): a.value for a in review.answers.all()} == {
        ("ons4", "life_satisfaction"): 6, ("ons4", "worthwhile"): 7, ("ons4", "happiness"): 5, ("ons4", "anxiety"): 3,
        ("ons_loneliness", "how_often_lonely"): 2}
    shown = plans.scores(review)
    ons4 = next(s for s in shown if s["instrument"].code == "ons4")
    assert ons4["total"] is None  # never summed
    assert [(i["label"], i["answer"], i["band"]) for i in ons4["items"]] == [
        ("Life satisfaction", "6 out of 10", "Medium"), ("Worthwhile", "7 out of 10", "High"),
        ("Happiness", "5 out of 10", "Medium"), ("Anxiety", "3 out of 10", "Low")]
    event = AuditEvent.objects.get(object_type="support.Review", object_id=str(review.pk))
    assert "ons4.anxiety=3" in event.fields["answers"]


@pytest.mark.parametrize(("answers", "field", "message"), [
    ({"ons4": {"happiness": 11}}, "ons4-happiness", "Happiness: the score must be from 0 to 10, not 11"),
    ({"ons4": {"anxiety": -2}}, "ons4-anxiety", "Anxiety: the score must be from 0 to 10, not -2"),
    ({"ons_loneliness": {"how_often_lonely": 9}}, "ons_loneliness-how_often_lonely",
     "How often lonely: choose one of the answers"),
])
def test_scores_outside_the_scale_write_nothing(plan, worker, answers, field, message):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        plans.record_review(actor=worker, plan=plan, **review_args(plan, answers=answers))
    assert caught.value.message_dict[field] == [message]
    assert not Review.objects.exists() and not MeasureAnswer.objects.exists()
    assert AuditEvent.objects.count() == events


def test_review_dates_must_make_sense(plan, worker):
    with pytest.raises(ValidationError) as caught:
        plans.record_review(actor=worker, plan=plan, **review_args(
            plan, reviewed_on=TODAY() + timedelta(days=1), next_review_on=TODAY(), progress={}))
    errors = caught.value.message_dict
    assert errors["reviewed_on"] == ["The review date must be today or in the past"]
    assert errors["next_review_on"] == ["The next review date must be after today and the review date"]
    assert errors[f"goal-{plan.goals.get().pk}"] == ["Select the progress on ‘Get to the market’"]
    assert not Review.objects.exists()


def test_my_reviews_due_lists_the_workers_plans_overdue_first(plan, worker, personas, client_for):
    SupportPlan.objects.filter(pk=plan.pk).update(next_review_on=TODAY() - timedelta(days=2))
    due = plans.reviews_due_for(worker)
    assert [p.pk for p in due] == [plan.pk] and due[0].is_overdue
    page = client_for("worker").get(reverse("support:my_reviews"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Overdue (1)" in body and "Maureen Planwright" in body
    shown = AuditEvent.objects.filter(object_type="people.Person", fields__where="my reviews due").get()
    assert shown.fields["shown"] == [str(plan.person_id)]
    assert plans.reviews_due_for(personas["officer"]) == []


def test_plan_page_is_audited_and_hidden_from_others(plan, client_for):
    url = reverse("support:plan", args=[plan.pk])
    assert client_for("worker").get(url).status_code == 200
    assert AuditEvent.objects.filter(action="view", object_type="support.SupportPlan", object_id=str(plan.pk)).exists()
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("officer").get(url).status_code == 404  # a council officer of another organisation
    assert client_for("volunteer").get(url).status_code == 403
    assert client_for("volunteer_assigned").get(url).status_code == 403


def test_review_through_the_page_with_a_bad_score(plan, client_for):
    goal = plan.goals.get()
    day = TODAY() - timedelta(days=1)
    later = TODAY() + timedelta(days=60)
    data = {"reviewed_on_day": day.day, "reviewed_on_month": day.month, "reviewed_on_year": day.year,
            f"goal-{goal.pk}": "some", "ons4-life_satisfaction": "12", "ons4-happiness": "seven",
            "what_changes": "More visits", "next_review_on_day": later.day, "next_review_on_month": later.month,
            "next_review_on_year": later.year}
    response = client_for("worker").post(reverse("support:review_add", args=[plan.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Life satisfaction: the score must be from 0 to 10, not 12" in body
    assert "Happiness: enter a whole number" in body
    assert not Review.objects.exists()
    data.update({"ons4-life_satisfaction": "7", "ons4-happiness": "", "ons_loneliness-how_often_lonely": "3"})
    response = client_for("worker").post(reverse("support:review_add", args=[plan.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    answers = {(a.item, a.value) for a in Review.objects.get().answers.all()}
    assert ("life_satisfaction", 7) in answers and ("happiness", None) in answers


def test_printable_copy_and_pdf_for_the_resident(plan, worker, client_for):
    plans.record_review(actor=worker, plan=plan, **review_args(plan))
    client = client_for("worker")
    page = client.get(reverse("support:plan_print", args=[plan.pk]))
    body = page.content.decode()
    assert "Maureen's support plan" in body and "support/plan_print.css" in body
    assert "I want to get to the market on a Saturday, like I used to." in body
    assert "Book community transport" in body and "The person" in body
    pdf = client.get(reverse("support:plan_pdf", args=[plan.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    exports = AuditEvent.objects.filter(action="export", object_id=str(plan.pk))
    assert sorted(e.fields["format"] for e in exports) == ["page", "pdf"]


def test_timeline_shows_plans_and_reviews_with_ons4_only_to_those_allowed(plan, worker, personas, partner):
    plans.record_review(actor=worker, plan=plan, **review_args(plan))
    entries = timeline.timeline_for(plan.person, worker).entries
    titles = [e.title for e in entries if e.room == "Support plan"]
    assert titles == ["Support plan reviewed", "Support plan started"]
    review_entry = next(e for e in entries if e.title == "Support plan reviewed")
    assert review_entry.detail == ("ONS4: Life satisfaction 6 (Medium), Worthwhile 7 (High), Happiness 5 (Medium), "
                                   "Anxiety 3 (Low)")
    outsider = personas["outsider"]
    outsider.current_organisation = None
    assert [e for e in timeline.timeline_for(plan.person, outsider).entries if e.room == "Support plan"] == []


def test_goal_and_action_need_who_and_a_real_date(plan, worker):
    with pytest.raises(ValidationError) as caught:
        plans.add_goal(actor=worker, plan=plan, description="See my grandson",
                       action={"description": "Ask about a lift", "who": "organisation", "who_name": "",
                               "by_when": None})
    assert caught.value.message_dict == {
        "who_name": ["Enter the name of the family member, friend or organisation"],
        "by_when": ["Enter the date it will be done by"]}
    assert plan.goals.count() == 1
