"""Erasure (UK GDPR Art. 17): what the lawful basis allows is erased through the registry, in one transaction with
an ERASE audit row; records held for a public task or a legal obligation are kept and the basis is given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.dataprotection import erasure
from communities.dataprotection.models import SubjectRequest
from communities.dataprotection.services import log_request
from communities.money.models import HouseholdMoney, Outcome, SavedCheck
from communities.people.models import Assignment, BreakGlassGrant, Involvement, Person

from .conftest import write_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def erasure_request(resident, personas, council):
    officer = personas["officer"]
    officer.current_organisation = council
    return log_request(actor=officer, person=resident, kind="erasure", received_on=date(2026, 12, 1))


def test_public_task_records_are_kept_with_the_basis_and_consent_records_erased(client_for, resident,
                                                                                erasure_request):
    client = client_for("officer")
    client.get(f"/people/{resident.pk}/")  # a view whose audit row names the resident
    plan = client.get(f"/data-protection/requests/{erasure_request.pk}/erase/").content.decode()
    assert "Article 17(3)(b)" in plan and "public task" in plan
    response = client.post(f"/data-protection/requests/{erasure_request.pk}/erase/",
                           {"decision": "erase", "reason": "Resident withdrew consent for advice records"})
    assert response.status_code == 302
    erasure_request.refresh_from_db()
    assert erasure_request.status == SubjectRequest.Status.PARTLY
    assert "Article 17(3)(b)" in erasure_request.decision_reason
    assert "UK GDPR Article 6(1)(e): public task" in erasure_request.decision_reason
    assert erasure_request.outcome["erased"] == {"money.Outcome": 1, "money.SavedCheck": 1,
                                                 "money.HouseholdMoney": 1}
    assert "Article 17(3)(b)" in erasure_request.outcome["kept"]["people.Person"]["basis"]
    resident.refresh_from_db()
    assert resident.first_name == "Casey"  # kept: public task
    assert not SavedCheck.objects.exists() and not Outcome.objects.exists() and not HouseholdMoney.objects.exists()
    event = AuditEvent.objects.get(action="erase")
    assert event.object_id == str(resident.pk) and event.fields["erased money.SavedCheck"] == 1
    assert "Casey" not in str(event.fields) and "Sampleton" not in event.reason


def test_refusal_needs_a_reason_and_erases_nothing(client_for, erasure_request):
    client = client_for("officer")
    url = f"/data-protection/requests/{erasure_request.pk}/erase/"
    assert "Give the reason" in client.post(url, {"decision": "refuse", "reason": ""}).content.decode()
    client.post(url, {"decision": "refuse", "reason": "Records needed for an open safeguarding enquiry"})
    erasure_request.refresh_from_db()
    assert erasure_request.status == SubjectRequest.Status.REFUSED
    assert erasure_request.decision_reason.startswith("Records needed for an open safeguarding enquiry")
    assert SavedCheck.objects.count() == 1


def test_where_the_basis_allows_the_person_and_related_rows_are_erased(tmp_path, settings, resident, personas,
                                                                       council, erasure_request):
    write_schedule(tmp_path, settings, "resident_record:\n  lawful_basis: consent\n"
                   "emergency_access:\n  lawful_basis: consent\n")
    BreakGlassGrant.objects.create(person=resident, user=personas["admin"], organisation=council,
                                   reason="Casey Sampleton not answering the door", expires_at="2026-12-02T00:00Z")
    Assignment.objects.create(person=resident, user=personas["volunteer"], organisation=council, kind="trip",
                              reason="Casey to the hospital", ends_at=timezone.now() + timedelta(days=1))
    erasure.decide(actor=personas["officer"], subject_request=erasure_request, erase=True, reason="")
    erasure_request.refresh_from_db()
    resident.refresh_from_db()
    assert erasure_request.status == SubjectRequest.Status.COMPLETED
    assert (resident.first_name, resident.last_name, resident.date_of_birth, resident.email, resident.notes) == (
        "(anonymised)", "(anonymised)", None, "", "")
    assert resident.household.address_line == "" and resident.household.postcode == ""
    assert Involvement.objects.get(person=resident).reason == "(anonymised)"
    assert BreakGlassGrant.objects.get(person=resident).reason == "(anonymised)"
    assert Assignment.objects.get(person=resident).reason == "(anonymised)"
    # The audit rows about the erased records keep no names or old values.
    for event in AuditEvent.objects.filter(object_id=str(resident.pk)).exclude(action__in=["erase"]):
        assert "Casey" not in f"{event.object_label}{event.fields}{event.reason}"


def test_erasure_is_one_transaction(monkeypatch, resident, personas, erasure_request):
    def fail(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(erasure, "record", fail)
    with pytest.raises(RuntimeError):
        erasure.decide(actor=personas["officer"], subject_request=erasure_request, erase=True, reason="")
    assert SavedCheck.objects.count() == 1
    assert SubjectRequest.objects.get(pk=erasure_request.pk).status == SubjectRequest.Status.OPEN


def test_a_decided_request_cannot_be_decided_again(personas, erasure_request):
    erasure.decide(actor=personas["officer"], subject_request=erasure_request, erase=False,
                   reason="Records needed for an open safeguarding enquiry")
    with pytest.raises(erasure.ErasureError):
        erasure.decide(actor=personas["officer"], subject_request=erasure_request, erase=True, reason="")
    assert Person.objects.filter(first_name="Casey").exists()
