"""One referral as HL7 FHIR: a ``ServiceRequest`` (what is asked) and a ``Task`` (who does it, and how far it got),
the closed-loop referral shape of the HL7 Gravity SDOH Clinical Care guide, in a ``collection`` Bundle with the
Patient (only what the referral shares) and the two Organizations.

Built as plain data and validated by the ``fhir.resources`` package's R4B models (``fhir.resources`` 8 has no R4
package; R4B's ServiceRequest and Task are R4 4.0.1's for every element used here: ADR 0011). The models check
structure and types, not value sets, so the status codes are checked here against R4's code lists.
"""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from fhir.resources.R4B.bundle import Bundle

from .codes import REFERRAL_TO_SOCIAL_PRESCRIBING, SOCIAL_PRESCRIBING_DECLINED
from .models import DeclineReason, Referral, Status

# R4 value sets (hl7.org/fhir/R4/valueset-task-status.html, valueset-request-status.html, read 2026-12-07).
TASK_STATUSES = frozenset({"draft", "requested", "received", "accepted", "rejected", "ready", "cancelled",
                           "in-progress", "on-hold", "failed", "completed", "entered-in-error"})
REQUEST_STATUSES = frozenset({"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"})

TASK_STATUS = {
    Status.NEW: "requested",
    Status.SEEN: "received",
    Status.ACCEPTED: "accepted",
    Status.DECLINED: "rejected",
    Status.COMPLETED: "completed",
    Status.WITHDRAWN: "cancelled",
}
REQUEST_STATUS = {
    Status.NEW: "active",
    Status.SEEN: "active",
    Status.ACCEPTED: "active",
    Status.DECLINED: "revoked",
    Status.COMPLETED: "completed",
    Status.WITHDRAWN: "revoked",
}
TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code"


def task_id(referral: Referral) -> str:
    """The Task's id: a UUID derived from the referral's, so an export repeated gives the same ids."""
    return str(uuid.uuid5(referral.pk, "task"))


def _system(kind: str) -> str:
    return f"{settings.SITE_ROOT}/fhir/{kind}"


def _coding(code) -> dict:
    return {"system": code.system, "code": code.code, "display": code.display}


def _ref(kind: str, pk, display: str) -> dict:
    return {"reference": f"urn:uuid:{pk}", "type": kind, "display": display}


def _patient(referral: Referral) -> dict:
    first, _, last = referral.shared_name.partition(" ")
    patient = {"resourceType": "Patient", "id": str(referral.person_id),
               "name": [{"text": referral.shared_name, "given": [first], "family": last or first}]}
    if referral.shared_date_of_birth:
        patient["birthDate"] = referral.shared_date_of_birth.isoformat()
    telecom = [{"system": "phone", "value": referral.shared_phone}] if referral.shared_phone else []
    telecom += [{"system": "email", "value": referral.shared_email}] if referral.shared_email else []
    if telecom:
        patient["telecom"] = telecom
    if referral.shared_postcode:
        patient["address"] = [{"postalCode": referral.shared_postcode, "country": "GB"}]
    return patient


def _organisation(organisation) -> dict:
    return {"resourceType": "Organization", "id": str(organisation.pk), "name": organisation.name}


def _notes(referral: Referral) -> list[dict]:
    notes = [("What matters to me", referral.what_matters), ("Needs and concerns", referral.needs),
             ("Support asked for", referral.support_requested), ("How to contact them", referral.contact_notes),
             ("Safeguarding concern", "Yes: " + referral.safeguarding_detail if referral.safeguarding_concern
              else "No")]
    return [{"text": f"{label}: {text}"} for label, text in notes if text]


def service_request(referral: Referral) -> dict:
    return {
        "resourceType": "ServiceRequest", "id": str(referral.pk),
        "identifier": [{"system": _system("referral"), "value": referral.reference}],
        "status": REQUEST_STATUS[referral.status], "intent": "order",
        "code": {"coding": [_coding(REFERRAL_TO_SOCIAL_PRESCRIBING)], "text": f"Referral to {referral.service_name}"},
        "subject": _ref("Patient", referral.person_id, referral.shared_name),
        "authoredOn": referral.created_at.isoformat(),
        "requester": _ref("Organization", referral.from_organisation_id, referral.from_organisation.name),
        "performer": [_ref("Organization", referral.to_organisation_id, referral.to_organisation.name)],
        "supportingInfo": [{"type": "Consent", "display": str(referral.consent),
                            "identifier": {"system": _system("consent"), "value": str(referral.consent_id)}}],
        "note": _notes(referral),
    }


def _outputs(referral: Referral) -> list[dict]:
    outputs = []
    if referral.support_offered:
        outputs.append({"type": {"text": "Support offered"}, "valueString": referral.support_offered})
    if referral.outcome:
        text = referral.get_outcome_display() + (f": {referral.outcome_detail}" if referral.outcome_detail else "")
        outputs.append({"type": {"text": "Outcome"}, "valueString": text})
    return outputs


def task(referral: Referral, last_change) -> dict:
    resource = {
        "resourceType": "Task", "id": task_id(referral),
        "identifier": [{"system": _system("referral-task"), "value": referral.reference}],
        "status": TASK_STATUS[referral.status],
        "businessStatus": {"coding": [{"system": _system("CodeSystem/referral-status"), "code": referral.status,
                                       "display": referral.get_status_display()}],
                           "text": referral.get_status_display()},
        "intent": "order",
        "code": {"coding": [{"system": TASK_CODE_SYSTEM, "code": "fulfill"}]},
        "focus": _ref("ServiceRequest", referral.pk, f"Referral {referral.reference}"),
        "for": _ref("Patient", referral.person_id, referral.shared_name),
        "authoredOn": referral.created_at.isoformat(),
        "lastModified": (last_change.at if last_change else referral.created_at).isoformat(),
        "requester": _ref("Organization", referral.from_organisation_id, referral.from_organisation.name),
        "owner": _ref("Organization", referral.to_organisation_id, referral.to_organisation.name),
        "restriction": {"period": {"end": referral.respond_by.isoformat()}},
    }
    if referral.status == Status.DECLINED:
        reason = {"text": referral.get_decline_reason_display()}
        if referral.decline_reason == DeclineReason.PERSON_DECLINED:
            reason["coding"] = [_coding(SOCIAL_PRESCRIBING_DECLINED)]
        resource["statusReason"] = reason
    elif referral.status == Status.WITHDRAWN and last_change and last_change.note:
        resource["statusReason"] = {"text": last_change.note}
    outputs = _outputs(referral)
    if outputs:
        resource["output"] = outputs
    return resource


def referral_bundle(referral: Referral) -> dict:
    """The referral as a validated FHIR R4B Bundle (JSON-ready dict); raises if the resources would be invalid."""
    last_change = referral.changes.order_by("-at", "-pk").first()
    request, work = service_request(referral), task(referral, last_change)
    if request["status"] not in REQUEST_STATUSES or work["status"] not in TASK_STATUSES:
        raise ValueError(f"Status {referral.status!r} has no FHIR code")
    resources = [request, work, _patient(referral), _organisation(referral.from_organisation)]
    if referral.to_organisation_id != referral.from_organisation_id:
        resources.append(_organisation(referral.to_organisation))
    entries = [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources]
    bundle = Bundle.model_validate({"resourceType": "Bundle", "type": "collection", "entry": entries,
                                    "timestamp": (last_change.at if last_change else referral.created_at).isoformat()})
    return json.loads(bundle.model_dump_json(exclude_none=True))
