"""Befriending pages: coordinators manage their organisation's cases; a befriender sees only their match's name,
contact and agreed notes while matched; other organisations get 404; every read audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.befriending.models import Stage

pytestmark = pytest.mark.django_db


def test_coordinator_sees_suggestions_with_reasons_and_confirms_a_match(client_for, case, befrienders):
    client = client_for("volunteer_coordinator")
    page = client.get(reverse("befriending:case", args=[case.pk])).content.decode()
    assert "Nadia Near" in page and "Shares interests: Gardening" in page and "Una Unchecked" not in page
    assert "1 befriender left out: checks or training not in date" in page
    assert AuditEvent.objects.filter(object_type="befriending.BefriendingCase", action="view").exists()
    response = client.post(reverse("befriending:match", args=[case.pk]), {"befriender": befrienders["near"].pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.MATCHED and case.befriender == befrienders["near"]


def test_posting_an_unsuggested_befriender_is_refused(client_for, case, befrienders):
    response = client_for("volunteer_coordinator").post(reverse("befriending:match", args=[case.pk]),
                                                         {"befriender": befrienders["unchecked"].pk})
    assert response.status_code == 400 and "Choose one of the befrienders suggested" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.REFERRED


def test_measure_form_records_answers(client_for, case):
    client = client_for("volunteer_coordinator")
    url = reverse("befriending:measure", args=[case.pk])
    assert "How often do you feel left out?" in client.get(url).content.decode()
    response = client.post(url, {"point": "0", "taken_on": "2026-12-01", "direct": "2", "ucla_companionship": "2",
                                 "ucla_left_out": "2", "ucla_isolated": "1"})
    assert response.status_code == 302 and case.measures.get().ucla_score == 5


def test_the_befriender_sees_only_their_match_name_contact_and_notes(client_for, case, befrienders):
    client_for("volunteer_coordinator").post(reverse("befriending:match", args=[case.pk]),
                                             {"befriender": befrienders["near"].pk})
    page = client_for("volunteer").get(reverse("befriending:my_matches")).content.decode()
    assert "Edna Sample" in page and "07700 900456" in page and "Ring the bell twice" in page
    assert "Private case note" not in page
    assert client_for("volunteer").get(reverse("befriending:case", args=[case.pk])).status_code == 403
    other = client_for("volunteer_assigned").get(reverse("befriending:my_matches")).content.decode()
    assert "Edna" not in other


def test_other_organisations_get_404_and_council_roles_see_only_figures(client_for, case):
    assert client_for("outsider").get(reverse("befriending:case", args=[case.pk])).status_code == 404
    assert client_for("worker").get(reverse("befriending:case", args=[case.pk])).status_code == 200
    impact = client_for("officer").get(reverse("befriending:impact"))
    assert impact.status_code == 200 and "Nobody has had a first meeting yet" in impact.content.decode()
    assert "Edna" not in impact.content.decode()
    assert client_for("officer").get(reverse("befriending:case", args=[case.pk])).status_code == 403


def test_cases_list_is_audited_naming_who_was_shown(client_for, case):
    assert "Edna Sample" in client_for("volunteer_coordinator").get(reverse("befriending:cases")).content.decode()
    event = AuditEvent.objects.filter(fields__where="befriending cases").get()
    assert event.fields["shown"] == [str(case.person_id)]


def test_coordinator_adds_a_befriender_from_an_approved_volunteer(client_for, befriending_role, partner):
    from communities.befriending.models import Befriender
    from communities.volunteering.models import Application, Volunteer

    approved = Volunteer.objects.create(first_name="Ava", last_name="Approved")
    waiting = Volunteer.objects.create(first_name="Wes", last_name="Waiting")
    application = Application.objects.create(volunteer=approved, role=befriending_role, status="approved")
    Application.objects.create(volunteer=waiting, role=befriending_role, status="applied")
    client = client_for("volunteer_coordinator")
    page = client.get(reverse("befriending:befrienders")).content.decode()
    assert "Ava Approved" in page and "Wes Waiting" not in page
    response = client.post(reverse("befriending:befrienders"), {
        "application": str(application.pk), "interests": "chess, baking", "languages": "", "communication": ["phone"],
        "capacity": "2"})
    assert response.status_code == 302
    added = Befriender.objects.get(volunteer=approved)
    assert (added.role, added.interests, added.capacity) == (befriending_role, ["chess", "baking"], 2)
    again = client.post(reverse("befriending:befrienders"), {"application": str(application.pk), "capacity": "1"})
    assert again.status_code == 200 and "Select a valid choice" in again.content.decode()
    assert AuditEvent.objects.filter(object_type="befriending.Befriender", action="create").count() == 1
