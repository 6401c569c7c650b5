"""Least privilege inside an organisation: volunteers and drivers see only the people assigned to them, while the
assignment lasts, and only what the task needs (issue 12, deliverable 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.organisations.models import Membership
from communities.people import services
from communities.people.models import Assignment, Involvement, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_people(partner):
    """Five residents the partner supports; the first is the one a volunteer is matched with."""
    people = []
    for number in range(5):
        person = Person.objects.create(
            first_name=f"Resident{number}", last_name="Partnerson", date_of_birth=date(1940, 1, 1 + number),
            phone=f"07700 90000{number}", email=f"resident{number}@example.org", notes=f"Private note {number}",
            postcode="TS18 1AA",
        )
        Involvement.objects.create(person=person, organisation=partner, reason="befriending referral")
        people.append(person)
    return people


def _assign(personas, person, persona="volunteer", *, minutes=60, kind="befriending"):
    return services.assign_person(
        actor=personas["worker"], organisation=person.involvements.get().organisation, person=person,
        assignee=personas[persona], kind=kind, reason="Weekly befriending call",
        ends_at=timezone.now() + timedelta(minutes=minutes),
    )


@pytest.mark.parametrize("persona", ["volunteer", "driver"])
def test_unassigned_volunteers_and_drivers_see_no_one(client_for, persona, partner_people):
    client = client_for(persona)
    page = client.get("/people/").content.decode()
    assert "Partnerson" not in page and "No people found" in page
    assert client.get(f"/people/{partner_people[0].pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view", object_id=str(partner_people[0].pk)).exists()


def test_everyone_else_in_the_organisation_keeps_the_whole_list(client_for, partner_people):
    page = client_for("worker").get("/people/").content.decode()
    assert "5 people" in page


@pytest.mark.parametrize("persona", ["volunteer", "driver"])
def test_assigned_volunteer_sees_only_their_person_and_only_what_the_task_needs(
    client_for, personas, persona, partner_people
):
    matched = partner_people[0]
    _assign(personas, matched, persona, kind="trip" if persona == "driver" else "befriending")
    client = client_for(persona)
    listing = client.get("/people/").content.decode()
    assert "Resident0" in listing and not any(f"Resident{n}" in listing for n in range(1, 5))
    response = client.get(f"/people/{matched.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Resident0 Partnerson" in page and "07700 900000" in page and "Weekly befriending call" in page
    for hidden in ("1940", "resident0@example.org", "Private note 0", "Change details"):
        assert hidden not in page
    assert client.get(f"/people/{partner_people[1].pk}/").status_code == 404
    event = AuditEvent.objects.get(action="view", object_id=str(matched.pk))
    assert event.actor == personas[persona]


def test_assigned_volunteer_cannot_change_the_record(client_for, personas, partner_people):
    _assign(personas, partner_people[0])
    client = client_for("volunteer")
    assert client.get(f"/people/{partner_people[0].pk}/change/").status_code == 403
    assert client.post(f"/people/{partner_people[0].pk}/change/", {"first_name": "X"}).status_code == 403


def test_access_ends_when_the_assignment_ends(client_for, personas, partner_people, monkeypatch):
    matched = partner_people[0]
    assignment = _assign(personas, matched, minutes=10)
    client = client_for("volunteer")
    assert client.get(f"/people/{matched.pk}/").status_code == 200
    later = assignment.ends_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(f"/people/{matched.pk}/").status_code == 404
    assert "Resident0" not in client.get("/people/").content.decode()


def test_assignment_not_yet_started_gives_no_access(client_for, personas, partner_people, partner):
    services.assign_person(
        actor=personas["worker"], organisation=partner, person=partner_people[0], assignee=personas["volunteer"],
        kind="task", reason="Shopping next week", starts_at=timezone.now() + timedelta(days=6),
        ends_at=timezone.now() + timedelta(days=7),
    )
    assert client_for("volunteer").get(f"/people/{partner_people[0].pk}/").status_code == 404


def test_ending_an_assignment_ends_access_and_is_audited(client_for, personas, partner_people):
    matched = partner_people[0]
    assignment = _assign(personas, matched)
    response = client_for("worker").post(f"/people/{matched.pk}/assignments/end/", {"assignment": assignment.pk})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_at is not None and assignment.ended_by == personas["worker"]
    assert AuditEvent.objects.filter(action="update", object_type="people.Assignment",
                                     object_id=str(assignment.pk)).exists()
    assert client_for("volunteer").get(f"/people/{matched.pk}/").status_code == 404


def test_an_ended_involvement_ends_the_assignment_too(client_for, personas, partner_people):
    _assign(personas, partner_people[0])
    Involvement.objects.filter(person=partner_people[0]).update(ended_on=date(2026, 1, 1))
    assert client_for("volunteer").get(f"/people/{partner_people[0].pk}/").status_code == 404


def test_a_wider_role_keeps_the_wider_view(client_for, personas, partner, partner_people):
    Membership.objects.create(user=personas["volunteer"], organisation=partner, role="vcse_worker")
    assert "5 people" in client_for("volunteer").get("/people/").content.decode()


def test_worker_assigns_a_volunteer_from_the_person_page(client_for, personas, partner_people):
    matched = partner_people[0]
    client = client_for("worker")
    form = client.get(f"/people/{matched.pk}/assignments/add/").content.decode().split("</header>")[-1]
    assert "Volunteer" in form and "Driver" in form  # the personas' names
    assert "Outsider" not in form and "Worker" not in form  # other organisations, and roles that see everyone
    until = timezone.localdate() + timedelta(days=30)
    response = client.post(f"/people/{matched.pk}/assignments/add/", {
        "assignee": personas["volunteer"].pk, "kind": "befriending", "reason": "Weekly befriending call",
        "until_day": until.day, "until_month": until.month, "until_year": until.year,
    })
    assert response.status_code == 302
    assignment = Assignment.objects.get(person=matched, user=personas["volunteer"])
    assert assignment.created_by == personas["worker"] and assignment.kind == "befriending"
    assert timezone.localtime(assignment.ends_at).date() == until + timedelta(days=1)
    event = AuditEvent.objects.get(action="create", object_type="people.Assignment")
    assert event.fields["user"] == "volunteer@example.org" and event.fields["person"] == str(matched.pk)
    page = client.get(f"/people/{matched.pk}/").content.decode()
    assert "Assigned to" in page and "Volunteer" in page and "Weekly befriending call" in page
    assert client_for("volunteer").get(f"/people/{matched.pk}/").status_code == 200


def test_assignment_form_errors_name_what_is_wrong(client_for, personas, partner_people):
    matched = partner_people[0]
    response = client_for("worker").post(f"/people/{matched.pk}/assignments/add/", {
        "assignee": personas["outsider"].pk, "kind": "trip", "reason": "",
        "until_day": "1", "until_month": "1", "until_year": "2020",
    })
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Select a volunteer or driver" in page and "must be today or in the future" in page
    assert not Assignment.objects.exists()


def test_only_people_the_organisation_supports_can_be_assigned(personas, partner, council):
    council_only = Person.objects.create(first_name="Casey", last_name="Councilson")
    Involvement.objects.create(person=council_only, organisation=council, reason="reablement")
    with pytest.raises(services.AssignmentError, match="not involved"):
        services.assign_person(
            actor=personas["worker"], organisation=partner, person=council_only, assignee=personas["volunteer"],
            kind="trip", reason="Hospital trip", ends_at=timezone.now() + timedelta(days=1),
        )
    with pytest.raises(services.AssignmentError, match="not a member"):
        services.assign_person(
            actor=personas["officer"], organisation=council, person=council_only, assignee=personas["volunteer"],
            kind="trip", reason="Hospital trip", ends_at=timezone.now() + timedelta(days=1),
        )
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("persona", ["volunteer", "driver", "analyst"])
def test_volunteers_drivers_and_analysts_cannot_assign(client_for, persona, partner_people):
    response = client_for(persona).get(f"/people/{partner_people[0].pk}/assignments/add/")
    assert response.status_code == 403


def test_a_volunteer_sees_their_own_assignment_only(client_for, personas, partner_people):
    matched = partner_people[0]
    _assign(personas, matched)
    _assign(personas, matched, "driver", kind="trip")
    page = client_for("volunteer").get(f"/people/{matched.pk}/").content.decode()
    assert "Driver" not in page.split("</header>")[-1]
