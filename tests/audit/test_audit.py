"""The audit trail: append-only, written with every change and every view of a person, searchable, exportable."""

from __future__ import annotations

import csv
import io

import pytest

from communities.audit.models import AuditAppendOnlyError, AuditEvent
from communities.audit.services import record
from communities.people.models import Involvement, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(council):
    person = Person.objects.create(first_name="=HYPERLINK(\"http://evil\")", last_name="Sampleton")
    Involvement.objects.create(person=person, organisation=council, reason="test")
    return person


def test_events_cannot_be_changed_or_deleted(personas):
    event = record(actor=personas["admin"], action="view", object_type="people.Person", object_id="1")
    event.reason = "tampered"
    with pytest.raises(AuditAppendOnlyError):
        event.save()
    with pytest.raises(AuditAppendOnlyError):
        event.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="tampered")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.all().delete()


def test_system_events_must_say_which_job_acted():
    with pytest.raises(ValueError, match="reason"):
        record(actor=None, action="create", object_type="people.Person")


def test_viewing_a_person_is_audited_with_who_when_where(client_for, personas, resident, council):
    client = client_for("officer")
    response = client.get(f"/people/{resident.pk}/", HTTP_X_REQUEST_ID="req-123")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="view", object_id=str(resident.pk))
    assert event.actor == personas["officer"]
    assert event.organisation == council
    assert event.object_type == "people.Person"
    assert event.request_id == "req-123"
    assert event.ip_address == "127.0.0.1"


def test_search_filters_and_scope(client_for, personas, resident, council):
    client_for("officer").get(f"/people/{resident.pk}/")
    record(actor=personas["worker"], action="view", object_type="people.Person", object_id="other")
    admin = client_for("admin")
    page = admin.get("/audit/", {"action": "view"}).content.decode()
    assert str(resident.pk) in page
    assert "other" not in page.split(", newest first")[1]  # partner's events are not the council admin's
    assert admin.get("/audit/", {"date_from": "2030-01-02", "date_to": "2030-01-01"}).status_code == 200
    everything = client_for("platform_admin").get("/audit/", {"object_id": "other"}).content.decode()
    assert "worker@example.org" in everything


def test_export_is_csv_neutralised_and_itself_audited(client_for, personas, resident):
    client_for("officer").get(f"/people/{resident.pk}/")
    admin = client_for("admin")
    response = admin.get("/audit/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["occurred_at", "actor", "organisation", "action"]
    labels = [r[6] for r in rows[1:]]
    assert any(label.startswith("'=HYPERLINK") for label in labels)
    assert not any(label.startswith("=") for label in labels)
    assert AuditEvent.objects.filter(actor=personas["admin"], action="export").count() == 1


def test_export_is_rate_limited(client_for, settings):
    settings.AUDIT_EXPORTS_PER_HOUR = 2
    admin = client_for("admin")
    assert admin.get("/audit/export.csv").status_code == 200
    assert admin.get("/audit/export.csv").status_code == 200
    assert admin.get("/audit/export.csv").status_code == 429


def test_people_without_the_role_cannot_search_or_export(client_for):
    for persona in ("officer", "worker", "analyst", "outsider"):
        client = client_for(persona)
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export.csv").status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()
