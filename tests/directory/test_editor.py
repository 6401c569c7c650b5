"""Editors' workflow: VCSE workers propose, directory editors approve or reject; versions, diff and audit rows."""

from __future__ import annotations

import pytest

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.directory.models import ChangeRequest, Service, ServiceVersion
from communities.directory.services import workflow
from communities.directory.services.document import document_for
from communities.directory.services.taxonomy import term_id

from .factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(partner):
    return make_service("Partner Pantry Saturday Club", platform_organisation=partner)


def _form(service, **changes) -> dict:
    doc = document_for(service)
    data = {k: ("" if v is None else v) for k, v in doc.items() if k not in ("categories", "is_free")}
    data["categories"] = doc["categories"]
    if doc["is_free"]:
        data["is_free"] = "on"
    data.update(changes)
    return data


def test_worker_sees_only_their_organisations_listings(client_for, listing, other_org):
    other = make_service("Other Group Pantry", platform_organisation=other_org)
    html = client_for("worker").get("/directory/").content.decode()
    assert "Partner Pantry Saturday Club" in html and "Other Group Pantry" not in html
    assert client_for("worker").get(f"/directory/services/{other.pk}/change/").status_code == 404
    assert client_for("outsider").get(f"/directory/services/{listing.pk}/change/").status_code == 404
    assert client_for("officer").get(f"/directory/services/{listing.pk}/change/").status_code == 403
    assert client_for("worker").get("/directory/approvals/").status_code == 403


def test_worker_change_waits_for_approval_then_is_published_with_a_version(client_for, listing, personas):
    worker = client_for("worker")
    response = worker.post(f"/directory/services/{listing.pk}/change/", _form(
        listing, description="Now with fresh bread.", opening_times="Saturday 10:00-13:00"))
    assert response.status_code == 302
    change = ChangeRequest.objects.get(service=listing)
    assert change.status == ChangeRequest.Status.PENDING
    listing.refresh_from_db()
    assert listing.description == "Low-cost food for local families."  # not published yet
    assert [m.to for m in notify.outbox] == ["editor@example.org"]
    assert AuditEvent.objects.filter(object_type="directory.ChangeRequest", actor=personas["worker"]).exists()

    editor = client_for("editor")
    review = editor.get(f"/directory/approvals/{change.pk}/").content.decode()
    assert "Now with fresh bread." in review and "Saturday 10:00-13:00" in review
    assert editor.post(f"/directory/approvals/{change.pk}/", {"decision": "approve", "note": ""}).status_code == 302
    listing.refresh_from_db()
    assert listing.description == "Now with fresh bread."
    assert listing.schedules.get().closes_at.hour == 13
    assert listing.assured_date is not None and listing.assurer_email == "editor@example.org"
    versions = list(ServiceVersion.objects.filter(service=listing).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].created_by == personas["editor"] and versions[1].change_request == change
    event = AuditEvent.objects.get(object_type="directory.Service", object_id=str(listing.pk), action="update")
    assert event.actor == personas["editor"] and "description" in event.fields
    diff = editor.get(f"/directory/services/{listing.pk}/versions/2/").content.decode()
    assert "Low-cost food for local families." in diff and "Now with fresh bread." in diff
    history = worker.get(f"/directory/services/{listing.pk}/versions/").content.decode()
    assert "Version 2" in history and "editor@example.org" in history
    assert notify.outbox[-1].to == "worker@example.org" and "approved" in notify.outbox[-1].subject


def test_reject_needs_a_reason_and_changes_nothing(client_for, listing):
    change = workflow.propose_change(actor=_user(client_for, "worker"), service=listing,
                                     doc={**document_for(listing), "name": "Renamed"})
    editor = client_for("editor")
    response = editor.post(f"/directory/approvals/{change.pk}/", {"decision": "reject", "note": ""})
    assert response.status_code == 200 and "Say why" in response.content.decode()
    editor.post(f"/directory/approvals/{change.pk}/", {"decision": "reject", "note": "Name is on the sign"})
    change.refresh_from_db()
    listing.refresh_from_db()
    assert change.status == ChangeRequest.Status.REJECTED and listing.name == "Partner Pantry Saturday Club"


def test_a_decision_cannot_be_made_twice(client_for, listing, personas):
    change = workflow.propose_change(actor=personas["worker"], service=listing,
                                     doc={**document_for(listing), "name": "Renamed"})
    workflow.approve_change(actor=personas["editor"], change_request=change)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve_change(actor=personas["editor"], change_request=ChangeRequest.objects.get(pk=change.pk))
    assert ServiceVersion.objects.filter(service=listing).count() == 2


def test_directory_editor_changes_publish_at_once(client_for, listing):
    editor = client_for("editor")
    editor.post(f"/directory/services/{listing.pk}/change/", _form(
        listing, categories=[str(term_id("warm-spaces"))], alert="Closed on 1 January"))
    listing.refresh_from_db()
    assert listing.alert == "Closed on 1 January"
    assert list(listing.attributes.values_list("taxonomy_term_id", flat=True)) == [term_id("warm-spaces")]
    assert ChangeRequest.objects.get(service=listing).status == ChangeRequest.Status.APPROVED


def test_bad_opening_times_name_the_line(client_for, listing):
    response = client_for("worker").post(f"/directory/services/{listing.pk}/change/", _form(
        listing, opening_times="Saturday 10:00-12:00\nFunday 10:00-11:00"))
    assert response.status_code == 200
    assert "Line 2: &#x27;Funday&#x27; is not a day of the week" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_unchanged_form_is_refused(client_for, listing):
    response = client_for("worker").post(f"/directory/services/{listing.pk}/change/", _form(listing))
    assert response.status_code == 200 and "You have not changed anything" in response.content.decode()


def test_assure_marks_checked_today_with_audit(client_for, listing, personas):
    response = client_for("worker").post(f"/directory/services/{listing.pk}/assure/")
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.assured_date is not None and listing.assurer_email == "worker@example.org"
    assert AuditEvent.objects.filter(object_id=str(listing.pk), actor=personas["worker"],
                                     reason="Listing checked and assured").exists()
    assert client_for("outsider").post(f"/directory/services/{listing.pk}/assure/").status_code == 404


def test_handle_feedback_with_status(client_for, listing, personas):
    feedback = workflow.submit_feedback(service=listing, message="Phone number is wrong")
    editor = client_for("editor")
    assert "Phone number is wrong" in editor.get("/directory/reports/").content.decode()
    editor.post(f"/directory/reports/{feedback.pk}/", {"status": "resolved", "note": "Fixed the number"})
    feedback.refresh_from_db()
    assert feedback.status == "resolved" and feedback.handled_by == personas["editor"]
    assert AuditEvent.objects.filter(object_id=str(feedback.pk), action="update").exists()
    assert "Phone number is wrong" not in editor.get("/directory/reports/").content.decode()
    assert client_for("worker").get(f"/directory/reports/{feedback.pk}/").status_code == 403


def _user(client_for, name):
    client = client_for(name)
    return client.session and Service.objects.none() or _persona(name)


def _persona(name):
    from communities.accounts.models import User

    return User.objects.get(email=f"{name}@example.org")


def test_worker_proposes_a_new_listing_published_only_after_approval(client_for, partner, personas, client):
    worker = client_for("worker")
    response = worker.post("/directory/services/add/", {
        "name": "Partner Warm Space", "description": "Hot drinks and a warm room.", "status": "active",
        "is_free": "on", "opening_times": "Saturday 10:00-14:00", "postal_code": "TS18 1AU",
        "categories": [str(term_id("warm-spaces"))],
    })
    assert response.status_code == 302
    service = Service.objects.get(name="Partner Warm Space")
    assert service.status == "inactive" and service.organization.platform_organisation == partner
    change = ChangeRequest.objects.get(service=service)
    client.logout()
    assert client.get(f"/find-help/services/{service.pk}/").status_code == 404  # not public yet
    workflow.approve_change(actor=personas["editor"], change_request=change)
    service.refresh_from_db()
    assert service.status == "active" and service.is_free
    assert service.service_at_locations.get().location.latitude is not None
    assert client.get(f"/find-help/services/{service.pk}/").status_code == 200
