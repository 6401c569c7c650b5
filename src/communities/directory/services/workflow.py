"""Proposing, approving and rejecting changes; versions; assurance; public reports. One transaction per action."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, changed_fields, record, snapshot
from communities.core.access import has_perm
from communities.core.notify import send_email
from communities.organisations.models import Membership, Role
from communities.organisations.roles import may_hold

from ..models import ChangeRequest, DirectoryOrganisation, Feedback, Service, ServiceStatus, ServiceVersion
from .document import apply_document, diff, document_for


class WorkflowError(Exception):
    """The action cannot be done now (for example, the change was already decided); the message is for the user."""


def _label(user) -> str:
    return user.email if user is not None else "system"


def current_version(service: Service) -> int:
    return service.versions.aggregate(n=Max("number"))["n"] or 0


def record_version(*, service: Service, actor, summary: str, change_request=None) -> ServiceVersion:
    number = current_version(service) + 1
    return ServiceVersion.objects.create(
        service=service, number=number, data=document_for(service), created_by=actor, created_by_label=_label(actor),
        change_request=change_request, summary=summary[:200],
    )


def ensure_first_version(service: Service) -> None:
    """Listings created by import or demo get version 1 (their state before anyone edits) on first edit."""
    if not service.versions.exists():
        record_version(service=service, actor=None,
                       summary=f"Listing as first recorded ({service.source or 'created'})")


def editor_emails() -> list[str]:
    if settings.DIRECTORY_EDITORS_EMAIL:
        return [settings.DIRECTORY_EDITORS_EMAIL]
    # Only memberships that count (organisations/roles.py): a directory editor role in a partner grants nothing, so
    # its holder must not be sent links to pages that would refuse them.
    editors = Membership.objects.active().filter(role=Role.DIRECTORY_EDITOR).select_related("organisation", "user")
    return sorted({m.user.email for m in editors if may_hold(m.organisation.kind, m.role)})


def _apply(*, actor, service: Service, doc: dict, change_request: ChangeRequest, request) -> None:
    before = snapshot(service)
    before_doc = document_for(service)
    apply_document(service, doc)
    service.assured_date = timezone.localdate()
    service.assurer_email = actor.email
    service.last_modified = timezone.now()
    service.save(update_fields=["assured_date", "assurer_email", "last_modified"])
    rows = diff(before_doc, document_for(service))
    changes = changed_fields(service, before)
    changes.pop("last_modified", None)
    version = record_version(
        service=service, actor=actor, change_request=change_request,
        summary="Changed: " + ", ".join(r["label"] for r in rows) if rows else "Checked, no changes",
    )
    record(
        actor=actor, action=Action.UPDATE, obj=service, request=request,
        fields={**{r["key"]: [r["before"], r["after"]] for r in rows}, **changes, "version": version.number},
        reason=f"Directory change {change_request.pk} approved",
    )


def propose_change(*, actor, service: Service, doc: dict, request=None) -> ChangeRequest:
    """A VCSE worker's change waits for a directory editor; a directory editor's own change is applied at once."""
    auto = has_perm(actor, "directory.approve_change")
    with transaction.atomic():
        ensure_first_version(service)
        cr = ChangeRequest.objects.create(
            service=service, proposed=doc, base_version=current_version(service), submitted_by=actor,
        )
        changed = ", ".join(r["label"] for r in diff(document_for(service), doc))
        record(actor=actor, action=Action.CREATE, obj=cr, request=request,
               fields={"service": str(service.pk), "changed": changed})
        if auto:
            cr.status = ChangeRequest.Status.APPROVED
            cr.decided_by, cr.decided_at, cr.decision_note = actor, timezone.now(), "Made by a directory editor"
            cr.save()
            _apply(actor=actor, service=service, doc=doc, change_request=cr, request=request)
        else:
            link = settings.SITE_ROOT + reverse("directory:change_review", kwargs={"change_id": cr.pk})
            for email in editor_emails():
                send_email(to=email, template="directory_change_submitted",
                           personalisation={"service": service.name, "by": actor.email, "link": link})
    return cr


def propose_new_listing(*, actor, organisation, doc: dict, request=None) -> ChangeRequest:
    """A new listing for the actor's organisation. It stays unpublished (inactive) until a directory editor
    approves it; a directory editor's own new listing is published at once."""
    with transaction.atomic():
        directory_org = (
            DirectoryOrganisation.objects.filter(platform_organisation=organisation).order_by("name").first()
        )
        if directory_org is None:
            directory_org = DirectoryOrganisation.objects.create(
                name=organisation.name, description=organisation.description, email=organisation.email,
                website=organisation.website, platform_organisation=organisation, source="Communities",
            )
            record(actor=actor, action=Action.CREATE, obj=directory_org, request=request)
        service = Service.objects.create(organization=directory_org, name=doc["name"],
                                         status=ServiceStatus.INACTIVE, source="Communities")
        record(actor=actor, action=Action.CREATE, obj=service, request=request,
               fields={"status": "inactive until approved"})
        return propose_change(actor=actor, service=service, doc=doc, request=request)


def approve_change(*, actor, change_request: ChangeRequest, note: str = "", request=None) -> ChangeRequest:
    with transaction.atomic():
        # Claim the decision with a conditional update: a second approver (or a double submit) changes nothing.
        claimed = ChangeRequest.objects.filter(pk=change_request.pk, status=ChangeRequest.Status.PENDING).update(
            status=ChangeRequest.Status.APPROVED, decided_by=actor, decided_at=timezone.now(), decision_note=note,
        )
        if not claimed:
            raise WorkflowError("This change has already been decided.")
        change_request.refresh_from_db()
        service = Service.objects.select_for_update().get(pk=change_request.service_id)
        _apply(actor=actor, service=service, doc=change_request.proposed, change_request=change_request,
               request=request)
        record(actor=actor, action=Action.UPDATE, obj=change_request, fields={"status": "approved"}, reason=note,
               request=request)
    send_email(to=change_request.submitted_by.email, template="directory_change_decided",
               personalisation={"service": service.name, "decision": "approved", "note": note or "None"})
    return change_request


def reject_change(*, actor, change_request: ChangeRequest, note: str, request=None) -> ChangeRequest:
    if not note.strip():
        raise WorkflowError("Give the reason so the person who proposed the change can fix it.")
    with transaction.atomic():
        claimed = ChangeRequest.objects.filter(pk=change_request.pk, status=ChangeRequest.Status.PENDING).update(
            status=ChangeRequest.Status.REJECTED, decided_by=actor, decided_at=timezone.now(), decision_note=note,
        )
        if not claimed:
            raise WorkflowError("This change has already been decided.")
        change_request.refresh_from_db()
        record(actor=actor, action=Action.UPDATE, obj=change_request, fields={"status": "rejected"}, reason=note,
               request=request)
    send_email(to=change_request.submitted_by.email, template="directory_change_decided",
               personalisation={"service": change_request.service.name, "decision": "rejected", "note": note})
    return change_request


def assure_service(*, actor, service: Service, request=None) -> Service:
    """Record that someone checked the listing today and it is still right."""
    with transaction.atomic():
        before = snapshot(service)
        service.assured_date = timezone.localdate()
        service.assurer_email = actor.email
        service.save(update_fields=["assured_date", "assurer_email"])
        record(actor=actor, action=Action.UPDATE, obj=service, fields=changed_fields(service, before),
               reason="Listing checked and assured", request=request)
    return service


def submit_feedback(*, service: Service, message: str, reporter_email: str = "", request=None) -> Feedback:
    with transaction.atomic():
        feedback = Feedback.objects.create(service=service, message=message, reporter_email=reporter_email)
        record(actor=None, action=Action.CREATE, obj=feedback, request=request,
               fields={"service": str(service.pk)}, reason="Find help: public 'report something wrong' form")
    link = settings.SITE_ROOT + reverse("directory:feedback_detail", kwargs={"feedback_id": feedback.pk})
    for email in editor_emails():
        send_email(to=email, template="directory_feedback", personalisation={"service": service.name, "link": link})
    return feedback


def update_feedback(*, actor, feedback: Feedback, status: str, note: str, request=None) -> Feedback:
    if status not in Feedback.Status.values:
        raise WorkflowError("Choose a status.")
    with transaction.atomic():
        before = snapshot(feedback)
        feedback.status, feedback.note = status, note
        feedback.handled_by, feedback.handled_at = actor, timezone.now()
        feedback.save()
        record(actor=actor, action=Action.UPDATE, obj=feedback, request=request,
               fields={k: v for k, v in changed_fields(feedback, before).items() if k in ("status", "note")})
    return feedback
