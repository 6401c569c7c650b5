"""The person page as the hub: household, contact preferences, communication needs, consent, timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.money.models import SavedCheck
from communities.people.models import (
    Assignment,
    CommunicationNeed,
    Consent,
    ContactPreferences,
    Involvement,
    Person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(council, partner):
    person = Person.objects.create(first_name="Casey", last_name="Sampleton", date_of_birth=date(1950, 3, 27),
                                   postcode="TS18 1AA")
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    Involvement.objects.create(person=person, organisation=partner, reason="befriending referral")
    return person


def test_the_page_shows_every_part_of_the_hub(client_for, resident):
    page = client_for("officer").get(f"/people/{resident.pk}/").content.decode()
    for heading in ("Household", "How to contact them", "Communication and accessibility needs", "Consent",
                    "Timeline"):
        assert f">{heading}</h2>" in page


def test_the_page_leads_to_referrals_and_support_for_those_who_may_use_them(client_for, resident):
    page = client_for("worker").get(f"/people/{resident.pk}/").content.decode()
    assert 'href="/referrals/' in page and f'href="/support/people/{resident.pk}/"' in page
    councillor_page = client_for("councillor").get(f"/people/{resident.pk}/")
    assert f"/support/people/{resident.pk}/" not in councillor_page.content.decode()


def test_household_is_made_on_first_edit_and_changes_are_audited(client_for, resident):
    client = client_for("worker")
    response = client.post(f"/people/{resident.pk}/household/", {
        "address_line": "1 Sample Street", "postcode": "ts18 1aa", "tenure": "social"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.household.address_line == "1 Sample Street" and resident.household.postcode == "TS18 1AA"
    assert AuditEvent.objects.filter(action="create", object_type="people.Household").count() == 1
    client.post(f"/people/{resident.pk}/household/", {"address_line": "2 Sample Street", "postcode": "TS18 1AA",
                                                      "tenure": "social"})
    event = AuditEvent.objects.get(action="update", object_type="people.Household")
    assert event.fields["address_line"] == ["1 Sample Street", "2 Sample Street"]


def test_household_member_must_be_someone_the_worker_supports_at_that_postcode(client_for, resident, partner,
                                                                             other_org):
    neighbour = Person.objects.create(first_name="Sam", last_name="Sampleton", postcode="TS18 1AA")
    Involvement.objects.create(person=neighbour, organisation=partner, reason="food")
    stranger = Person.objects.create(first_name="Hidden", last_name="Sampleton", postcode="TS18 1AA")
    Involvement.objects.create(person=stranger, organisation=other_org, reason="food")
    client = client_for("worker")
    page = client.get(f"/people/{resident.pk}/household/add/").content.decode()
    assert "Sam Sampleton" in page and "Hidden" not in page
    assert client.post(f"/people/{resident.pk}/household/add/", {"member": str(stranger.pk)}).status_code == 200
    assert client.post(f"/people/{resident.pk}/household/add/", {"member": str(neighbour.pk)}).status_code == 302
    resident.refresh_from_db()
    neighbour.refresh_from_db()
    assert neighbour.household_id == resident.household_id is not None
    stranger.household = resident.household
    stranger.save()
    page = client.get(f"/people/{resident.pk}/").content.decode()
    assert "Sam Sampleton" in page and "Hidden" not in page and "1 other your organisation does not support" in page


def test_contact_preferences_saved_and_a_clash_refused(client_for, resident):
    client = client_for("worker")
    response = client.post(f"/people/{resident.pk}/contact/", {
        "preferred_channels": ["phone", "letter"], "best_times": "Mornings", "ok_to_leave_message": "no",
        "do_not_contact_by": ["email"]})
    assert response.status_code == 302
    preferences = ContactPreferences.objects.get(person=resident)
    assert preferences.preferred_channels == ["phone", "letter"] and preferences.ok_to_leave_message is False
    assert AuditEvent.objects.filter(object_type="people.ContactPreferences", action="create").exists()
    page = client.get(f"/people/{resident.pk}/").content.decode()
    assert "Phone call, Letter" in page and "Mornings" in page
    response = client.post(f"/people/{resident.pk}/contact/", {"preferred_channels": ["email"],
                                                               "do_not_contact_by": ["email"]})
    assert response.status_code == 200 and "cannot be both preferred and ruled out" in response.content.decode()
    assert ContactPreferences.objects.get(person=resident).preferred_channels == ["phone", "letter"]


def test_an_interpreter_needs_a_language_and_needs_end_without_being_deleted(client_for, resident):
    client = client_for("worker")
    response = client.post(f"/people/{resident.pk}/needs/add/", {"need": "interpreter"})
    assert "Enter the language" in response.content.decode()
    assert not CommunicationNeed.objects.exists()
    assert client.post(f"/people/{resident.pk}/needs/add/", {"need": "interpreter", "language": "Polish"}
                       ).status_code == 302
    need = CommunicationNeed.objects.get()
    assert "Spoken language interpreter (Polish)" in client.get(f"/people/{resident.pk}/").content.decode()
    assert client.post(f"/people/{resident.pk}/needs/end/", {"need": need.pk}).status_code == 302
    need.refresh_from_db()
    assert need.ended_at is not None
    assert AuditEvent.objects.filter(object_type="people.CommunicationNeed").count() == 2


def test_communication_needs_data_carries_its_source():
    from communities.people.models.hub import communication_needs_data

    data = communication_needs_data()
    assert "Accessible Information Standard" in data["source"]
    codes = {n["code"] for n in data["needs"]}
    assert {"interpreter", "bsl_interpreter", "large_print", "easy_read", "braille", "hearing_loop",
            "someone_present"} <= codes
    assert all(n["category"] in data["categories"] for n in data["needs"])


def test_consent_given_and_withdrawn_through_the_page(client_for, resident, personas):
    client = client_for("worker")
    today = timezone.localdate()
    response = client.post(f"/people/{resident.pk}/consents/add/", {
        "purpose": "befriending", "lawful_basis": "consent", "how_given": "by_representative",
        "given_on_day": today.day, "given_on_month": today.month, "given_on_year": today.year})
    assert "Enter the name of the person who agreed for them" in response.content.decode()
    response = client.post(f"/people/{resident.pk}/consents/add/", {
        "purpose": "befriending", "lawful_basis": "consent", "how_given": "by_representative",
        "given_by_name": "Jo Sampleton, daughter",
        "given_on_day": today.day, "given_on_month": today.month, "given_on_year": today.year})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.recorded_by == personas["worker"] and consent.given_by_name == "Jo Sampleton, daughter"
    page = client.get(f"/people/{resident.pk}/").content.decode()
    assert "Consent recorded: Befriending" in page and "Current" in page
    response = client.post(f"/people/{resident.pk}/consents/{consent.pk}/withdraw/", {"note": "Said stop"})
    assert response.status_code == 302
    page = client.get(f"/people/{resident.pk}/").content.decode()
    assert "Consent withdrawn: Befriending" in page and "Said stop" in page


def test_consent_in_the_future_is_refused_on_the_page(client_for, resident):
    later = timezone.localdate() + timedelta(days=3)
    response = client_for("worker").post(f"/people/{resident.pk}/consents/add/", {
        "purpose": "befriending", "lawful_basis": "consent", "how_given": "written",
        "given_on_day": later.day, "given_on_month": later.month, "given_on_year": later.year})
    assert "must be today or in the past" in response.content.decode()
    assert not Consent.objects.exists()


def test_money_checks_saved_to_the_person_are_on_the_timeline_linked(client_for, resident, council):
    saved = SavedCheck.objects.create(person=resident, organisation=council, tax_year=2026,
                                      total_unclaimed_per_year=1234)
    page = client_for("officer").get(f"/people/{resident.pk}/").content.decode()
    assert f'href="/money/saved/{saved.pk}/"' in page and "£1,234 a year not yet claimed" in page


def test_volunteers_see_no_timeline_beyond_their_own_assignment(client_for, resident, partner, council, personas):
    SavedCheck.objects.create(person=resident, organisation=council, tax_year=2026)
    now = timezone.now()
    window = {"starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(days=1)}
    Assignment.objects.create(person=resident, user=personas["volunteer"], organisation=partner, kind="befriending",
                              reason="Weekly visit", **window)
    Assignment.objects.create(person=resident, user=personas["driver"], organisation=partner, kind="trip",
                              reason="Hospital lift", **window)
    Consent.objects.create(person=resident, purpose="befriending", lawful_basis="consent", how_given="written",
                           given_at=now, organisation=partner, recorded_by=personas["worker"])
    page = client_for("volunteer").get(f"/people/{resident.pk}/").content.decode()
    assert "Weekly visit" in page
    for hidden in ("Hospital lift", "Benefits check", "Consent recorded", "started supporting them"):
        assert hidden not in page
    worker_page = client_for("worker").get(f"/people/{resident.pk}/").content.decode()
    assert "Hospital lift" in worker_page and "Consent recorded" in worker_page


def test_another_organisations_reason_for_involvement_stays_with_them(client_for, resident):
    page = client_for("worker").get(f"/people/{resident.pk}/").content.decode()
    assert "Test Borough Council started supporting them" in page and "reablement" not in page
    assert "befriending referral" in page
