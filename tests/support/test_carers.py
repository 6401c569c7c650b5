"""Carers: the link (SNOMED CT 224484003), assessments and breaks, the emergency plan with its key safe code kept out
of lists and the audit trail, up to three consenting contacts, the 48-hour cover check, activation that tells the
contacts, their one-time link, and the commissioners' count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.people.models import Consent
from communities.people.services import withdraw_consent
from communities.support import reports
from communities.support.models import Activation, ContactResponse, EmergencyContact, EmergencyPlan
from communities.support.services import carers, emergency

from .conftest import PLAN_DATA, contact_person, make_person

pytestmark = pytest.mark.django_db


def add(plan, person, worker, arrive=1, stay=24, **extra):
    return carers.add_contact(actor=worker, plan=plan, person=person, relationship="friend",
                              arrives_within_hours=arrive, stays_for_hours=stay, **extra)


def test_link_records_the_unpaid_carer_code_and_flags_the_carer(carer_link):
    assert carer_link.code == "224484003"
    carer_link.carer.refresh_from_db()
    assert carer_link.carer.is_carer
    assert AuditEvent.objects.filter(object_type="people.Person", object_id=str(carer_link.carer_id),
                                     fields__is_carer=[False, True]).exists()


def test_a_carer_cannot_care_for_themselves_nor_be_linked_twice(carer_link, partner, worker):
    with pytest.raises(ValidationError) as caught:
        carers.link_carer(actor=worker, organisation=partner, carer=carer_link.carer, cared_for=carer_link.carer,
                          relationship="self")
    assert caught.value.message_dict["cared_for"] == ["A carer cannot be recorded as caring for themselves"]
    with pytest.raises(ValidationError, match="already recorded as caring"):
        carers.link_carer(actor=worker, organisation=partner, carer=carer_link.carer,
                          cared_for=carer_link.cared_for, relationship="daughter")


def test_assessment_with_dates_out_of_order_writes_nothing(carer_link, worker):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        carers.record_assessment(actor=worker, link=carer_link, assessed_on=today + timedelta(days=1),
                                 assessor="A. Assessor", needs_found="Needs a break", outcome="maybe",
                                 next_review_on=today)
    assert caught.value.message_dict == {
        "assessed_on": ["The assessment date must be today or in the past"],
        "outcome": ["Select whether the carer has eligible needs"],
        "next_review_on": ["The review date must be after the assessment date"],
    }
    assert not carer_link.assessments.exists()


def test_key_safe_code_is_encrypted_and_never_audited(emergency_plan):
    assert emergency_plan.key_safe_code.startswith("fernet:") and "C#4721" not in emergency_plan.key_safe_code
    assert carers.key_safe_code(emergency_plan) == "C#4721"
    for event in AuditEvent.objects.filter(object_type="support.EmergencyPlan"):
        assert "C#4721" not in str(event.fields) and "fernet" not in str(event.fields)


def test_contacts_need_current_consent_and_there_are_at_most_three(emergency_plan, partner, worker):
    unconsented = contact_person(partner, worker, 9, consented=False)
    with pytest.raises(ValidationError) as caught:
        add(emergency_plan, unconsented, worker)
    assert "has no current consent to be a carer's emergency contact" in caught.value.message_dict["person"][0]
    assert not EmergencyContact.objects.exists()
    for n in range(1, 4):
        add(emergency_plan, contact_person(partner, worker, n), worker, arrive=n, stay=20)
    with pytest.raises(ValidationError) as caught:
        add(emergency_plan, contact_person(partner, worker, 4), worker)
    assert caught.value.message_dict["person"] == [
        "A plan has up to 3 emergency contacts: remove one before adding another"]
    assert emergency_plan.contacts.count() == 3


def test_contact_hours_must_be_whole_and_in_range(emergency_plan, partner, worker):
    with pytest.raises(ValidationError) as caught:
        add(emergency_plan, contact_person(partner, worker, 1), worker, arrive=-1, stay=0)
    assert caught.value.message_dict == {
        "arrives_within_hours": ["How soon they can be there must be from 0 to 168 hours"],
        "stays_for_hours": ["How long they can stay must be from 1 to 168 hours"]}


def test_cover_says_what_is_missing_until_48_hours_are_covered(emergency_plan, partner, worker):
    assert carers.plan_cover(emergency_plan).missing == [
        "No emergency contacts yet: add up to three people whose time together covers 48 hours"]
    add(emergency_plan, contact_person(partner, worker, 1), worker, arrive=2, stay=20)
    add(emergency_plan, contact_person(partner, worker, 2), worker, arrive=26, stay=10)
    cover = carers.plan_cover(emergency_plan)
    assert not cover.enough
    assert cover.missing == [
        "Nobody is there from hour 22 to hour 26 after the call (4 hours)",
        "Nobody is there from hour 36 after the call: 14 more hours are needed to cover 48 hours (to hour 50)"]
    add(emergency_plan, contact_person(partner, worker, 3), worker, arrive=20, stay=40)
    assert carers.plan_cover(emergency_plan).enough


def test_plan_page_hides_the_key_safe_code_until_asked_and_audits_showing_it(emergency_plan, client_for):
    url = reverse("support:emergency_plan", args=[emergency_plan.link_id])
    client = client_for("worker")
    body = client.get(url).content.decode()
    assert "C#4721" not in body and "Show the key safe code" in body
    assert "C#4721" not in client.get(reverse("support:carer", args=[emergency_plan.link_id])).content.decode()
    shown = client.get(url + "?show=key-safe").content.decode()
    assert "C#4721" in shown
    assert AuditEvent.objects.filter(object_id=str(emergency_plan.pk), fields__key_safe_code="shown").count() == 1
    assert client_for("outsider").get(url + "?show=key-safe").status_code == 404
    assert client_for("volunteer_assigned").get(url + "?show=key-safe").status_code == 403


def _activated(emergency_plan, partner, worker):
    first = contact_person(partner, worker, 1, email="first@example.org")
    second = contact_person(partner, worker, 2)
    third = contact_person(partner, worker, 3)
    for n, person in enumerate((first, second, third)):
        add(emergency_plan, person, worker, arrive=n, stay=24)
    withdraw_consent(Consent.objects.get(person=third), by=worker, note="Moved away")
    notify.outbox.clear()
    return emergency.activate(actor=worker, plan=emergency_plan, reason="Carer admitted to hospital")


def test_activation_tells_consenting_contacts_with_a_one_time_link(emergency_plan, partner, worker):
    activation = _activated(emergency_plan, partner, worker)
    told = {r.contact.person.first_name: r.notified_by for r in activation.responses.all()}
    assert told == {"Contact1": "email", "Contact2": "sms", "Contact3": "not told: consent withdrawn or expired"}
    assert [(m.kind, m.to) for m in notify.outbox] == [("email", "first@example.org"), ("sms", "01632 960102")]
    email = notify.outbox[0]
    assert "Colin" in email.subject and "Carol's emergency plan" in email.body
    assert "Key safe" not in email.body and "C#4721" not in email.body and "Donepezil" not in email.body
    with pytest.raises(ValidationError, match="already in action"):
        emergency.activate(actor=worker, plan=emergency_plan, reason="Again")


def _link_in(message) -> str:
    return message.body.split("help: ")[1].split()[0].removeprefix("http://testserver")


def test_contact_answers_once_through_the_public_page(emergency_plan, partner, worker, client, settings):
    settings.SITE_ROOT = ""
    _activated(emergency_plan, partner, worker)
    url = _link_in(notify.outbox[0])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "Can you help Colin?" in body
    for private in ("Carewell", "Donepezil", "Key safe", "C#4721", "Synthetic Road Surgery", "01632"):
        assert private not in body
    assert client.post(url, {"answer": "coming", "note": "There by noon"}).status_code == 200
    response = ContactResponse.objects.get(contact__person__first_name="Contact1")
    assert (response.answer, response.recorded_by, response.note) == ("coming", None, "There by noon")
    assert "You have already answered" in client.post(url, {"answer": "cannot"}).content.decode()
    response.refresh_from_db()
    assert response.answer == "coming"
    assert client.get(url[:-5] + "xxxx/").status_code == 404


def test_the_public_page_is_rate_limited(client, settings):
    settings.SUPPORT_CONTACT_RATE_PER_MINUTE = 3
    codes = [client.get(reverse("support:contact_response", args=["nope"])).status_code for _ in range(5)]
    assert codes == [404, 404, 404, 429, 429]


def test_worker_records_an_answer_and_sees_who_has_acted(emergency_plan, partner, worker, client_for):
    activation = _activated(emergency_plan, partner, worker)
    second = activation.responses.get(contact__person__first_name="Contact2")
    client = client_for("worker")
    client.post(reverse("support:answer_record", args=[emergency_plan.link_id]),
                {"response": second.pk, "answer": "cannot", "note": "Away this week"})
    second.refresh_from_db()
    assert (second.answer, second.recorded_by_id) == ("cannot", worker.pk)
    body = client.get(reverse("support:emergency_plan", args=[emergency_plan.link_id])).content.decode()
    assert "In action" in body and "Cannot help" in body and "Away this week" in body
    client.post(reverse("support:activation_end", args=[emergency_plan.link_id]))
    assert Activation.objects.get().ended_at is not None


def test_carers_with_current_plan_counts_carers_not_plans(emergency_plan, partner, council, worker):
    assert reports.carers_with_current_plan() == 1
    assert reports.carers_with_current_plan(organisation=partner) == 1
    assert reports.carers_with_current_plan(organisation=council) == 0
    second = carers.link_carer(actor=worker, organisation=partner, carer=emergency_plan.link.carer,
                               cared_for=make_person(partner, "Other", "Caredfor"), relationship="mother")
    carers.save_emergency_plan(actor=worker, link=second,
                               data={**PLAN_DATA, "next_review_on": timezone.localdate() + timedelta(days=5)})
    assert reports.carers_with_current_plan() == 1
    EmergencyPlan.objects.update(next_review_on=timezone.localdate() - timedelta(days=1))
    assert reports.carers_with_current_plan() == 0


def test_carers_count_by_ward(emergency_plan):
    from communities.places.models import Postcode

    postcode = Postcode.objects.exclude(ward=None).first()
    carer = emergency_plan.link.carer
    carer.postcode = postcode.postcode
    carer.save()
    assert reports.carers_with_current_plan(ward=postcode.ward) == 1
    assert reports.carers_with_current_plan(ward=postcode.ward.code) == 1
    other = Postcode.objects.exclude(ward=None).exclude(ward=postcode.ward).first()
    assert reports.carers_with_current_plan(ward=other.ward) == 0


def test_a_refused_message_is_shown_not_lost(emergency_plan, partner, worker, monkeypatch):
    add(emergency_plan, contact_person(partner, worker, 1), worker, arrive=0, stay=48)

    def refuse(**kwargs):
        raise notify.DeliveryError("GOV.UK Notify answered 400")

    monkeypatch.setattr(notify, "send_sms", refuse)
    activation = emergency.activate(actor=worker, plan=emergency_plan, reason="Carer taken ill")
    assert activation.responses.get().notified_by == "not sent: GOV.UK Notify refused or did not answer"
    told = AuditEvent.objects.filter(object_id=str(emergency_plan.pk), fields__has_key="contacts_told").get()
    assert told.fields["contacts_told"][0].endswith("not sent: GOV.UK Notify refused or did not answer")
