"""A referral as FHIR ServiceRequest + Task (closed-loop shape), built and validated with fhir.resources (R4B)."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from communities.referrals import fhir, services
from communities.referrals.models import Status

from .conftest import acting

pytestmark = pytest.mark.django_db


def resources(bundle: dict) -> dict:
    return {entry["resource"]["resourceType"]: entry["resource"] for entry in bundle["entry"]}


def test_a_new_referral_is_an_active_request_and_a_requested_task(send, partner, council):
    referral = send()
    bundle = fhir.referral_bundle(referral)
    Bundle.model_validate(bundle)  # the whole export validates again from its JSON
    found = resources(bundle)
    request, task = ServiceRequest.model_validate(found["ServiceRequest"]), Task.model_validate(found["Task"])
    assert (request.status, request.intent, task.status, task.intent) == ("active", "order", "requested", "order")
    assert request.code.coding[0].system == "http://snomed.info/sct"
    assert request.code.coding[0].code == "871731000000106"
    assert task.focus.reference == f"urn:uuid:{referral.pk}"  # the Task is about the ServiceRequest
    entry_urls = {entry["fullUrl"] for entry in bundle["entry"]}
    assert task.focus.reference in entry_urls and found["Task"]["for"]["reference"] in entry_urls
    assert task.owner.display == partner.name and task.requester.display == council.name
    assert request.performer[0].display == partner.name
    assert task.businessStatus.text == "New"
    assert "What matters to me: I want to get out and meet people" in [n.text for n in request.note]
    assert found["Patient"]["birthDate"] == "1950-03-27"
    assert "notes" not in str(found["Patient"]).lower()  # only what the referral shares


@pytest.mark.parametrize(("steps", "task_status", "request_status"), [
    ([("seen", {})], "received", "active"),
    ([("accepted", {"support_offered": "Tuesday group"})], "accepted", "active"),
    ([("declined", {"decline_reason": "person_declined"})], "rejected", "revoked"),
    ([("accepted", {}), ("completed", {"outcome": "partly_met", "note": "Goes most weeks"})], "completed",
     "completed"),
])
def test_statuses_map_to_fhir_codes(send, personas, partner, steps, task_status, request_status):
    referral = send()
    worker = acting(personas["worker"], partner)
    for to_status, extra in steps:
        referral = services.change_status(actor=worker, referral=referral, to_status=to_status,
                                          from_status=referral.status, **extra)
    found = resources(fhir.referral_bundle(referral))
    assert (found["Task"]["status"], found["ServiceRequest"]["status"]) == (task_status, request_status)
    if task_status == "rejected":
        assert found["Task"]["statusReason"]["coding"][0]["code"] == "871711000000103"
    if task_status == "completed":
        outputs = {o["type"]["text"]: o["valueString"] for o in found["Task"]["output"]}
        assert outputs["Outcome"] == "Partly met: Goes most weeks"


def test_every_status_has_a_code_in_the_r4_value_sets():
    assert set(fhir.TASK_STATUS) == set(fhir.REQUEST_STATUS) == set(Status.values)
    assert set(fhir.TASK_STATUS.values()) <= fhir.TASK_STATUSES
    assert set(fhir.REQUEST_STATUS.values()) <= fhir.REQUEST_STATUSES


def test_withdrawn_by_the_referrer_is_cancelled_with_the_reason(send, personas, council):
    officer = acting(personas["officer"], council)
    referral = services.change_status(actor=officer, referral=send(), to_status="withdrawn", from_status="new",
                                      note="They moved away")
    task = resources(fhir.referral_bundle(referral))["Task"]
    assert task["status"] == "cancelled" and task["statusReason"]["text"] == "They moved away"


def test_an_invalid_resource_is_refused_by_the_models():
    with pytest.raises(ValueError):
        Task.model_validate({"resourceType": "Task", "status": "requested", "intent": "order",
                             "authoredOn": "not a date"})
