"""Subject access copies list plans, reviews and scores, carers' records from the carer's and the cared-for person's
side, and a contact's part; retention anonymises closed plans and ended carer links (never the key safe code kept)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.dataprotection import export, registry, retention
from communities.support.models import EmergencyPlan, SupportPlan
from communities.support.services import carers, plans

from .conftest import contact_person

pytestmark = pytest.mark.django_db


def titles(person) -> dict[str, list[dict]]:
    return {section["title"]: section["rows"] for section in export.build(person)["records"]}


def test_every_support_model_with_personal_data_is_registered():
    labels = {r.model_label for r in registry.about_people()}
    assert {"support.SupportPlan", "support.Goal", "support.Action", "support.Review", "support.GoalProgress",
            "support.MeasureAnswer", "support.CarerLink", "support.CaredForLink", "support.Assessment",
            "support.CarerSupport", "support.EmergencyPlan", "support.CaredForPlan", "support.EmergencyContact",
            "support.Activation", "support.ContactResponse"} <= labels


def test_the_residents_copy_holds_their_plan_reviews_and_scores(plan, worker):
    goal = plan.goals.get()
    plans.record_review(actor=worker, plan=plan, reviewed_on=timezone.localdate(), what_changes="More visits",
                        next_review_on=timezone.localdate() + timedelta(days=30), progress={goal.pk: ("some", "")},
                        answers={"ons4": {"happiness": 6}})
    found = titles(plan.person)
    assert found["Your support plans"][0]["What matters"].startswith("I want to get to the market")
    assert found["Reviews of your plans"][0]["What changes"] == "More visits"
    assert found["Your answers to well-being and loneliness questions"] == [
        {"Instrument": "ons4", "Item": "happiness", "Value": 6}]
    who = export.build(plan.person)["who_viewed"]
    assert any(row["record"] == "support.SupportPlan" for row in who)


def test_carer_cared_for_and_contact_each_get_their_side(emergency_plan, partner, worker):
    contact = contact_person(partner, worker, 1)
    carers.add_contact(actor=worker, plan=emergency_plan, person=contact, relationship="brother",
                       arrives_within_hours=1, stays_for_hours=48)
    link = emergency_plan.link
    carer_copy, cared_for_copy, contact_copy = titles(link.carer), titles(link.cared_for), titles(contact)
    assert carer_copy["People you care for"][0]["Cared for"] == "Colin Carewell"
    assert "Your carer's emergency plan (the key safe code is not included)" in carer_copy
    assert cared_for_copy["People who care for you"][0]["Carer"] == "Carol Carewell"
    plan_rows = cared_for_copy["The emergency plan for your care if your carer cannot care (the key safe code is not "
                               "included)"]
    assert plan_rows[0]["Medication"] == "Donepezil 10 mg at night"
    assert contact_copy["Carers' emergency plans that name you as a contact"][0]["Relationship"] == "brother"
    for copy in (carer_copy, cared_for_copy, contact_copy):
        assert "C#4721" not in str(copy) and "fernet" not in str(copy)


def test_retention_anonymises_closed_plans_and_ended_carer_records(plan, emergency_plan):
    long_ago = timezone.localdate() - timedelta(days=365 * 30)
    SupportPlan.objects.filter(pk=plan.pk).update(closed_on=long_ago)
    type(emergency_plan.link).objects.filter(pk=emergency_plan.link_id).update(ended_on=long_ago)
    dry = {r.model_label: r.count for r in retention.run(dry_run=True) if r.model_label.startswith("support.")}
    assert dry["support.SupportPlan"] == 1 and dry["support.EmergencyPlan"] == 1
    retention.run(dry_run=False)
    plan.refresh_from_db()
    kept = EmergencyPlan.objects.get(pk=emergency_plan.pk)
    assert plan.what_matters == "(anonymised)"
    assert (kept.needs, kept.key_safe_code, kept.medication) == ("(anonymised)", "", "")
    assert all(r.count == 0 for r in retention.run(dry_run=True) if r.model_label.startswith("support."))
