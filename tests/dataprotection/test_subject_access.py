"""Subject access (UK GDPR Art. 15): a request log with its due date, and a copy (page, JSON, PDF) that includes who
viewed the record; only the roles that handle requests, for people their organisation is or was involved with."""

from __future__ import annotations

import json
from datetime import date

import pytest

from communities.audit.models import AuditEvent
from communities.dataprotection.models import SubjectRequest
from communities.dataprotection.services import due_date
from communities.people.models import Involvement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("received, due", [
    (date(2026, 8, 31), date(2026, 9, 30)),   # no 31 September: the last day of the month
    (date(2026, 9, 3), date(2026, 10, 5)),    # ICO's example, 3 October 2026 is a Saturday: next working day
    (date(2026, 12, 15), date(2027, 1, 15)),  # over the year end
    (date(2028, 1, 30), date(2028, 2, 29)),   # leap year
])
def test_due_date_is_one_calendar_month(received, due):
    assert due_date(received) == due


def _log(client, person, kind="access", received="2026-12-01"):
    response = client.post(f"/data-protection/people/{person.pk}/new/",
                           {"kind": kind, "received_on": received, "details": "Letter; passport seen"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return SubjectRequest.objects.get(person=person, kind=kind)


def test_officer_logs_a_request_with_its_due_date(client_for, resident, council):
    client = client_for("officer")
    page = client.get("/data-protection/?q=Sampleton").content.decode()
    assert "Casey Sampleton" in page
    subject_request = _log(client, resident)
    assert subject_request.organisation == council and subject_request.due_on == date(2027, 1, 1)
    assert AuditEvent.objects.filter(action="create", object_id=str(subject_request.pk)).exists()
    assert subject_request.reference in client.get("/data-protection/").content.decode()


def test_received_date_in_the_future_is_refused(client_for, resident):
    response = client_for("officer").post(f"/data-protection/people/{resident.pk}/new/",
                                          {"kind": "access", "received_on": "2999-01-01"})
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_export_includes_the_record_and_who_viewed_it(client_for, resident, personas):
    officer = client_for("officer")
    assert officer.get(f"/people/{resident.pk}/").status_code == 200  # an audited view
    assert "Casey Sampleton" in officer.get("/data-protection/?q=Sampleton").content.decode()  # an audited list
    subject_request = _log(officer, resident)
    response = officer.get(f"/data-protection/requests/{subject_request.pk}/export.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    titles = {section["title"]: section for section in data["records"]}
    assert titles["Your record"]["rows"][0]["First name"] == "Casey"
    assert titles["Your record"]["lawful_basis"].endswith("public task")
    assert titles["Benefits checks"]["rows"][0]["Answers"] == {"earnings": 0, "savings": 1200}
    assert "Your household" in titles and "Organisations supporting you" in titles
    viewed = [e for e in data["who_viewed"] if e["action"] == "Viewed" and e["record"] == "people.Person"]
    assert viewed and viewed[0]["who"] == "officer@example.org"
    listed = [e for e in data["who_viewed"] if e["record"] == "people.Person (data-protection search)"]
    assert listed and listed[0]["who"] == "officer@example.org"
    assert viewed[0]["organisation"] == "Test Borough Council" and viewed[0]["when"]
    assert data["request"]["due_on"] == "2027-01-01"
    export = AuditEvent.objects.get(action="export", object_id=str(resident.pk))
    assert export.actor == personas["officer"] and export.fields == {"format": "json"}


def test_readable_page_and_pdf(client_for, resident):
    officer = client_for("officer")
    officer.get(f"/people/{resident.pk}/")
    subject_request = _log(officer, resident)
    page = officer.get(f"/data-protection/requests/{subject_request.pk}/export/").content.decode()
    assert "Who viewed or changed your record" in page and "officer@example.org" in page and "Casey" in page
    pdf = officer.get(f"/data-protection/requests/{subject_request.pk}/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    formats = set(AuditEvent.objects.filter(action="export", object_id=str(resident.pk))
                  .values_list("fields__format", flat=True))
    assert formats == {"html", "pdf"}


def test_a_closed_case_can_still_be_answered(client_for, resident):
    Involvement.objects.filter(person=resident).update(ended_on=date(2026, 1, 1))
    client = client_for("officer")
    assert client.get(f"/people/{resident.pk}/").status_code == 404  # no longer in day-to-day view
    assert _log(client, resident).due_on == date(2027, 1, 1)


def test_marking_an_access_request_answered(client_for, resident):
    client = client_for("officer")
    subject_request = _log(client, resident)
    client.post(f"/data-protection/requests/{subject_request.pk}/sent/")
    subject_request.refresh_from_db()
    assert subject_request.status == "completed" and subject_request.decided_at


def test_another_organisations_administrator_gets_404_not_403(client, personas, resident, other_org):
    from communities.organisations.models import Membership
    from tests.conftest import make_user

    subject_request = _log(_officer_client(client, resident), resident)
    outsider_admin = make_user("outsider-admin@example.org")
    Membership.objects.create(user=outsider_admin, organisation=other_org, role="administrator")
    client.logout()
    client.force_login(outsider_admin, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get("/data-protection/").status_code == 200  # they handle their own organisation's requests
    assert "Casey Sampleton" not in client.get("/data-protection/?q=Sampleton").content.decode()
    for url in (f"/data-protection/people/{resident.pk}/new/",
                f"/data-protection/requests/{subject_request.pk}/",
                f"/data-protection/requests/{subject_request.pk}/export.json",
                f"/data-protection/requests/{subject_request.pk}/export.pdf",
                f"/data-protection/requests/{subject_request.pk}/erase/"):
        assert client.get(url).status_code == 404, url
    assert not AuditEvent.objects.filter(action="export").exists()
    assert subject_request.reference not in client.get("/data-protection/").content.decode()


def _officer_client(client, resident):
    from communities.accounts.models import User

    client.force_login(User.objects.get(email="officer@example.org"),
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def test_the_councils_administrator_handles_requests_too(client_for, resident):
    client = client_for("admin")
    subject_request = _log(client, resident)
    assert client.get(f"/data-protection/requests/{subject_request.pk}/export/").status_code == 200


@pytest.mark.parametrize("persona", ["worker", "outsider", "volunteer", "driver", "analyst", "councillor", "editor"])
def test_roles_that_do_not_handle_requests_are_refused(client_for, resident, persona):
    assert client_for(persona).get("/data-protection/").status_code == 403
    assert client_for(persona).get(f"/data-protection/people/{resident.pk}/new/").status_code == 403


def test_schedule_page_shows_each_record_type_with_its_source(client_for):
    page = client_for("analyst").get("/data-protection/schedule/").content.decode()
    assert "Derbyshire County Council" in page and "6 years after the last organisation" in page
    assert "Does not apply (UK GDPR Article 17(3)(b))" in page and "Benefits checks" in page


def test_an_erasure_request_has_no_copy_and_cannot_be_marked_sent(client_for, resident):
    client = client_for("officer")
    subject_request = _log(client, resident, kind="erasure")
    assert client.get(f"/data-protection/requests/{subject_request.pk}/export.json").status_code == 404
    assert client.post(f"/data-protection/requests/{subject_request.pk}/sent/").status_code == 404
    subject_request.refresh_from_db()
    assert subject_request.is_open
