"""People's records: scoped to involved organisations, every view and change audited, emergency access."""

from __future__ import annotations

from datetime import date

import pytest

from communities.audit.models import AuditEvent
from communities.people.models import BreakGlassGrant, Involvement, Person

pytestmark = pytest.mark.django_db
DOB = {"date_of_birth_day": "27", "date_of_birth_month": "3", "date_of_birth_year": "1950"}


@pytest.fixture
def council_resident(council):
    person = Person.objects.create(first_name="Casey", last_name="Sampleton", date_of_birth=date(1950, 3, 27))
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    return person


def test_involved_organisation_sees_the_record(client_for, council_resident):
    client = client_for("officer")
    assert "Sampleton" in client.get("/people/").content.decode()
    assert client.get(f"/people/{council_resident.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["worker", "outsider", "volunteer"])
def test_other_organisations_get_404_not_403(client_for, persona, council_resident):
    client = client_for(persona)
    assert "Sampleton" not in client.get("/people/").content.decode()
    assert client.get(f"/people/{council_resident.pk}/").status_code == 404
    assert client.get(f"/people/{council_resident.pk}/change/").status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="view", object_id=str(council_resident.pk)).exists()


def test_ended_involvement_ends_access(client_for, council_resident):
    Involvement.objects.filter(person=council_resident).update(ended_on=date(2026, 1, 1))
    assert client_for("officer").get(f"/people/{council_resident.pk}/").status_code == 404


def test_roles_without_personal_data_cannot_list_people(client_for):
    for persona in ("analyst", "councillor", "editor"):
        assert client_for(persona).get("/people/").status_code == 403


def test_adding_a_person_records_involvement_and_audit(client_for, personas, partner):
    client = client_for("worker")
    response = client.post("/people/add/", {
        "first_name": "Riley", "last_name": "Mockford", "postcode": "ts18 1aa", "involvement_reason": "food parcel",
    })
    assert response.status_code == 302
    person = Person.objects.get(last_name="Mockford")
    assert person.postcode == "TS18 1AA"
    assert Involvement.objects.filter(person=person, organisation=partner, reason="food parcel").exists()
    event = AuditEvent.objects.get(action="create", object_id=str(person.pk))
    assert event.actor == personas["worker"] and event.organisation == partner


def test_invalid_person_form_shows_errors_and_saves_nothing(client_for):
    response = client_for("worker").post("/people/add/", {"first_name": "", "last_name": "X", "postcode": "zzz"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and "Enter a real postcode" in page
    assert not Person.objects.filter(last_name="X").exists()


def test_changes_are_audited_field_by_field(client_for, council_resident):
    client = client_for("officer")
    response = client.post(f"/people/{council_resident.pk}/change/", {
        "first_name": "Casey", "last_name": "Sampleton", "is_carer": "on",
        "date_of_birth_day": "27", "date_of_birth_month": "3", "date_of_birth_year": "1950",
        "notes": "Cares for partner",
    })
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="update", object_id=str(council_resident.pk))
    assert event.fields["is_carer"] == [False, True]
    assert set(event.fields) == {"is_carer", "notes"}


def test_free_text_is_escaped(client_for, council_resident):
    council_resident.notes = "<script>alert(1)</script>"
    council_resident.save()
    page = client_for("officer").get(f"/people/{council_resident.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_break_glass_needs_a_reason_and_is_audited(client_for, personas, council_resident, partner):
    # A partner's administrator has no involvement, so asks for emergency access.
    from communities.organisations.models import Membership

    Membership.objects.create(user=personas["worker"], organisation=partner, role="administrator")
    client = client_for("worker")
    assert client.get(f"/people/{council_resident.pk}/").status_code == 404
    short = client.post(
        "/people/emergency-access/", {"last_name": "Sampleton", **DOB, "reason": "x"}
    )
    assert short.status_code == 200 and "at least 10 characters" in short.content.decode()
    wrong = client.post("/people/emergency-access/", {
        "last_name": "Nobody", **DOB, "reason": "Welfare concern reported by neighbour"})
    assert "No single record matches" in wrong.content.decode()
    ok = client.post("/people/emergency-access/", {
        "last_name": "sampleton", **DOB, "reason": "Welfare concern reported by neighbour"})
    assert ok.status_code == 302
    assert client.get(f"/people/{council_resident.pk}/").status_code == 200
    assert BreakGlassGrant.objects.filter(person=council_resident, user=personas["worker"]).exists()
    event = AuditEvent.objects.get(action="break_glass", organisation=partner)
    assert event.reason == "Welfare concern reported by neighbour"


def test_break_glass_is_for_administrators_and_officers_only(client_for):
    assert client_for("volunteer").get("/people/emergency-access/").status_code == 403


def test_people_records_are_not_in_the_admin_site():
    """The admin site would be an unscoped, unaudited way into residents' records and emergency-access reasons."""
    from django.contrib import admin

    assert [m._meta.label for m in admin.site._registry if m._meta.app_label == "people"] == []
