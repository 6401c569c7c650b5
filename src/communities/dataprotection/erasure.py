"""Erasure (UK GDPR Art. 17): what the lawful basis allows is erased, what it does not is kept with the basis said.

The plan and the erasure both come from the registry: every app's rows about the person, visited in the registry's
order (dependent rows before the person), each erased by its registration (deleted, or overwritten with its
anonymous values). The change, the request's decision and the audit row are one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.audit.services import Action, pseudonymise_events, record

from . import registry
from .models import SubjectRequest


class ErasureError(Exception):
    """The request cannot be decided as asked; the message says why."""


@dataclass(frozen=True)
class PlanRow:
    registration: registry.Registration
    count: int

    @property
    def allowed(self) -> bool:
        return self.registration.schedule.erasure_allowed

    @property
    def what_happens(self) -> str:
        if not self.allowed:
            return self.registration.schedule.erasure_refusal
        return "Deleted" if self.registration.erase == "delete" else "Personal details blanked (anonymised)"


def plan(person) -> list[PlanRow]:
    rows = [PlanRow(reg, reg.rows_for(person).count()) for reg in registry.about_people()]
    return [row for row in rows if row.count]


def _erase(reg: registry.Registration, person) -> int:
    rows = reg.model._default_manager.filter(pk__in=list(reg.rows_for(person).values_list("pk", flat=True)))
    ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
    pseudonymise_events(
        AuditEvent.objects.filter(object_type=reg.model_label, object_id__in=ids),
        reason="Erasure: values about erased records",
    )
    if reg.erase == "delete":
        return rows.delete()[1].get(reg.model_label, 0)
    return rows.update(**reg.anonymise)


def decide(*, actor, subject_request: SubjectRequest, erase: bool, reason: str, request=None) -> SubjectRequest:
    """Erase what the law allows (``erase=True``) or refuse the whole request, recording the decision and reason."""
    reason = reason.strip()
    if subject_request.kind != SubjectRequest.Kind.ERASURE or not subject_request.is_open:
        raise ErasureError("This request has already been decided")
    if subject_request.person is None:
        raise ErasureError("The person this request is about is no longer on record")
    if not erase and len(reason) < 10:
        raise ErasureError("Give the reason for refusing the request (at least 10 characters)")
    person = subject_request.person
    with transaction.atomic():
        rows = plan(person)
        erased, kept = {}, {}
        for row in rows:
            if erase and row.allowed:
                erased[row.registration.model_label] = _erase(row.registration, person)
            else:
                kept[row.registration.model_label] = {
                    "count": row.count,
                    "basis": row.registration.schedule.lawful_basis if row.allowed else row.what_happens,
                }
        # The log of the resident's own requests is always kept (legal obligation) and says so in ``kept``; it does
        # not make an erasure "partly" done.
        kept_records = [label for label in kept if label != SubjectRequest._meta.label]
        status = (SubjectRequest.Status.REFUSED if not erased
                  else SubjectRequest.Status.PARTLY if kept_records else SubjectRequest.Status.COMPLETED)
        refusals = sorted({row.what_happens for row in rows if not row.allowed})
        subject_request.status = status
        subject_request.decided_by, subject_request.decided_at = actor, timezone.now()
        subject_request.decision_reason = "\n".join(filter(None, [reason, *refusals]))
        subject_request.outcome = {"erased": erased, "kept": kept}
        subject_request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "outcome"])
        record(actor=actor, action=Action.ERASE, object_type="people.Person", object_id=str(person.pk),
               reason=f"Erasure request {subject_request.reference}: {status}", request=request,
               fields={**{f"erased {k}": n for k, n in erased.items()},
                       **{f"kept {k}": v["count"] for k, v in kept.items()}})
    return subject_request
