"""Putting a carer's emergency plan into action: each contact with a current consent is told (email, else text
message, through ``core.notify``) with a signed one-time link; their answer comes back through the link or a worker
records it. A contact whose consent has lapsed is not told, and the page says so."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action as AuditAction
from communities.audit.services import record
from communities.core import notify
from communities.people.models import ConsentPurpose

from ..models import Activation, ContactResponse, EmergencyPlan, ResponseAnswer
from .common import Errors, has_current_consent, text

logger = logging.getLogger(__name__)

LINK_HOURS = 72  # how long a contact's link works: the 48 hours of cover and a day more
SALT = "communities.support.emergency-contact"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    """(token for the link, hash kept): a random value, signed so that a guessed or altered link fails first."""
    raw = secrets.token_urlsafe(24)
    return signing.dumps(raw, salt=SALT), _hash(raw)


def _first_name(person) -> str:
    return person.first_name or "the person"


def _tell(response: ContactResponse, token: str, activation: Activation) -> str:
    """Send the contact their link; returns how (``email``/``sms``) or why not."""
    contact, link = response.contact, activation.plan.link
    personalisation = {
        "organisation": link.organisation.name, "carer": _first_name(link.carer),
        "cared_for": _first_name(link.cared_for),
        "link": settings.SITE_ROOT + reverse("support:contact_response", args=[token]),
        "expires": f"{timezone.localtime(response.link_expires_at):%-d %B %Y at %H:%M}",
    }
    try:
        if contact.email:
            notify.send_email(to=contact.email, template="carer_emergency_contact", personalisation=personalisation,
                              reference=str(response.pk))
            return "email"
        if contact.phone:
            notify.send_sms(to=contact.phone, template="carer_emergency_contact", personalisation=personalisation,
                            reference=str(response.pk))
            return "sms"
    except notify.DeliveryError as exc:
        logger.warning("Emergency contact %s not told: %s", response.pk, exc)
        return "not sent: GOV.UK Notify refused or did not answer"
    return "not sent: no email address or phone number"


def activate(*, actor, plan: EmergencyPlan, reason: str, request=None) -> Activation:
    """Put the plan into action and tell every contact whose consent is current."""
    errors = Errors()
    reason = text(errors, "reason", reason, "Enter why the plan is being put into action", max_length=2000)
    if plan.withdrawn_on or plan.link.ended_on:
        errors.add("reason", "This plan is no longer in force")
    if Activation.objects.filter(plan=plan, ended_at__isnull=True).exists():
        errors.add("reason", "This plan is already in action")
    contacts = list(plan.contacts.select_related("person"))
    if not contacts:
        errors.add("reason", "This plan has no emergency contacts to tell")
    errors.raise_if_any()
    now = timezone.now()
    with transaction.atomic():
        activation = Activation.objects.create(plan=plan, reason=reason, activated_at=now, activated_by=actor)
        pending = []
        for contact in contacts:
            token, token_hash = _new_token()
            response = ContactResponse.objects.create(activation=activation, contact=contact, token_hash=token_hash,
                                                      link_expires_at=now + timedelta(hours=LINK_HOURS))
            pending.append((response, token))
        record(actor=actor, organisation=plan.link.organisation, action=AuditAction.UPDATE, obj=plan,
               request=request, reason=reason,
               fields={"activated": str(activation.pk), "carer": str(plan.link.carer_id)})
    # Messages go out once the activation is saved, so a failure above never leaves a contact told of nothing.
    told = []
    for response, token in pending:
        if has_current_consent(response.contact.person, ConsentPurpose.CARER_CONTACT):
            response.notified_by = _tell(response, token, activation)
        else:
            response.notified_by = "not told: consent withdrawn or expired"
        ContactResponse.objects.filter(pk=response.pk).update(notified_by=response.notified_by)
        told.append(f"{response.contact.person_id}:{response.notified_by}")
    record(actor=actor, organisation=plan.link.organisation, action=AuditAction.UPDATE, obj=plan, request=request,
           fields={"activation": str(activation.pk), "contacts_told": told})
    return activation


def end_activation(*, actor, activation: Activation, request=None) -> Activation:
    with transaction.atomic():
        activation = Activation.objects.select_for_update().get(pk=activation.pk)
        if activation.ended_at:
            raise_error("reason", "This activation has already ended")
        activation.ended_at, activation.ended_by = timezone.now(), actor
        activation.save(update_fields=["ended_at", "ended_by"])
        record(actor=actor, organisation=activation.plan.link.organisation, action=AuditAction.UPDATE,
               obj=activation.plan, request=request,
               fields={"activation_ended": str(activation.pk), "ended_at": activation.ended_at.isoformat()})
    return activation


def raise_error(field: str, message: str) -> None:
    errors = Errors()
    errors.add(field, message)
    errors.raise_if_any()


def response_for_token(token: str) -> ContactResponse | None:
    """The response a link belongs to, if its signature is good and it has not expired; None otherwise (the page
    says the same thing for every bad link)."""
    try:
        raw = signing.loads(token, salt=SALT, max_age=timedelta(hours=LINK_HOURS))
    except signing.BadSignature:
        return None
    found = (ContactResponse.objects.select_related("activation__plan__link__carer",
                                                   "activation__plan__link__cared_for",
                                                   "activation__plan__link__organisation", "contact__person")
             .filter(token_hash=_hash(str(raw))).first())
    if found is None or found.link_expires_at <= timezone.now():
        return None
    return found


def answer_by_link(*, response: ContactResponse, answer: str, note: str = "", request=None) -> ContactResponse:
    """The contact answers through their link, once. Audited with no actor, naming the link as the source."""
    if answer not in (ResponseAnswer.COMING, ResponseAnswer.CANNOT):
        raise_error("answer", "Select whether you can help")
    with transaction.atomic():
        response = ContactResponse.objects.select_for_update().get(pk=response.pk)
        if response.answered_at is not None:
            raise_error("answer", "This link has already been used")
        response.answer, response.answered_at, response.note = answer, timezone.now(), note.strip()[:1000]
        response.save(update_fields=["answer", "answered_at", "note"])
        record(actor=None, organisation=response.activation.plan.link.organisation, action=AuditAction.UPDATE,
               obj=response.activation.plan, request=request,
               reason="Emergency contact answered through their one-time link",
               fields={"contact": str(response.contact.person_id), "answer": answer})
    return response


def answer_by_worker(*, actor, response: ContactResponse, answer: str, note: str = "",
                     request=None) -> ContactResponse:
    """A worker records a contact's answer (after a phone call); it replaces a waiting answer or corrects one."""
    if answer not in ResponseAnswer.values or answer == ResponseAnswer.WAITING:
        raise_error("answer", "Select whether the contact can help")
    with transaction.atomic():
        response = ContactResponse.objects.select_for_update().get(pk=response.pk)
        before = response.answer
        response.answer, response.answered_at, response.recorded_by = answer, timezone.now(), actor
        response.note = note.strip()[:1000]
        response.save(update_fields=["answer", "answered_at", "recorded_by", "note"])
        record(actor=actor, organisation=response.activation.plan.link.organisation, action=AuditAction.UPDATE,
               obj=response.activation.plan, request=request,
               fields={"contact": str(response.contact.person_id), "answer": [before, answer], "note": response.note})
    return response
