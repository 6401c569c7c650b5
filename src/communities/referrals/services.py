"""Action functions for referrals: each writes the change, its status row and its audit row in one transaction.

Status changes are conditional updates (``UPDATE ... WHERE status = <the status the user saw>``): when two people move
the same referral from the same state, one wins and the other is told what happened, never a double change. The
referrer is told of every change by email through ``core.notify`` once the transaction has committed.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core import notify
from communities.people.models import Consent, ConsentPurpose, Involvement, Person

from .codes import SOCIAL_PRESCRIBING_DECLINED
from .models import (
    BY_RECEIVER,
    BY_REFERRER,
    TRANSITIONS,
    DeclineReason,
    OutcomeKind,
    Referral,
    ResponseTarget,
    Status,
    StatusChange,
    respond_by,
)

logger = logging.getLogger(__name__)


class ReferralError(Exception):
    """The referral cannot be made or changed; the message says why and is safe to show. ``field`` names the form
    field it is about, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Content:
    """What the referrer writes: the PRSB groups they fill in, the safeguarding answer, the contact details shared."""

    what_matters: str
    safeguarding_concern: bool | None
    needs: str = ""
    support_requested: str = ""
    safeguarding_detail: str = ""
    shared_phone: str = ""
    shared_email: str = ""
    contact_notes: str = ""


def receiving_organisation(service):
    """The platform organisation that answers referrals to a directory service, or None if nobody does."""
    if service is None or service.organization is None:
        return None
    return service.organization.platform_organisation


def check_consent(consent: Consent | None, person: Person) -> Consent:
    if consent is None:
        raise ReferralError(f"Record {person}'s consent to this referral before you send it", field="consent")
    if consent.person_id != person.pk:
        raise ReferralError("That consent is for someone else: choose one of this person's", field="consent")
    if consent.purpose != ConsentPurpose.REFERRAL:
        raise ReferralError("That consent is not for a referral: choose or record one that is", field="consent")
    if not consent.is_current():
        raise ReferralError("That consent has been withdrawn or has ended: record their consent again",
                            field="consent")
    return consent


def _check_content(content: Content) -> None:
    if not content.what_matters.strip():
        raise ReferralError("Enter what matters to the person, in their own words", field="what_matters")
    if content.safeguarding_concern is None:
        raise ReferralError("Answer whether you have any safeguarding concern", field="safeguarding_concern")
    if content.safeguarding_concern and not content.safeguarding_detail.strip():
        raise ReferralError("Say what the safeguarding concern is and who you have told", field="safeguarding_detail")


def make_referral(
    *, actor, organisation, person: Person, consent: Consent | None, content: Content, token: uuid.UUID,
    service=None, to_organisation=None, request=None,
) -> tuple[Referral, bool]:
    """Send a referral; ``(referral, created)``. Sending the same form again (same ``token``) returns the referral
    the first send made. Raises :class:`ReferralError` and writes nothing when something is wrong."""
    existing = Referral.objects.filter(submission_token=token).first()
    if existing is not None:
        return _same_sender(existing, actor), False
    if organisation is None:
        raise ReferralError("Choose the organisation you are acting for before you refer someone")
    if not Person.objects.visible_to(actor).filter(pk=person.pk).exists():
        raise ReferralError("You cannot refer this person", field="person")
    target = receiving_organisation(service) if service is not None else to_organisation
    if target is None or not target.is_active:
        raise ReferralError("This service does not take referrals through Communities. Contact it directly.",
                            field="service")
    check_consent(consent, person)
    _check_content(content)
    now = timezone.now()
    referral = Referral(
        person=person, service=service, service_name=service.name if service is not None else target.name,
        to_organisation=target, from_organisation=organisation, referred_by=actor, consent=consent,
        submission_token=token, shared_name=str(person), shared_date_of_birth=person.date_of_birth,
        shared_postcode=person.postcode, shared_phone=content.shared_phone.strip(),
        shared_email=content.shared_email.strip(), contact_notes=content.contact_notes.strip(),
        what_matters=content.what_matters.strip(), needs=content.needs.strip(),
        support_requested=content.support_requested.strip(), safeguarding_concern=content.safeguarding_concern,
        safeguarding_detail=content.safeguarding_detail.strip(), created_at=now, respond_by=respond_by(service, now),
    )
    try:
        with transaction.atomic():
            referral.save(force_insert=True)
            first = StatusChange.objects.create(referral=referral, from_status="", to_status=Status.NEW, by=actor,
                                                organisation=organisation, at=now)
            record(actor=actor, organisation=organisation, action=Action.CREATE, obj=referral, request=request,
                   fields={"person": str(person.pk), "to": target.name, "service": referral.service_name,
                           "consent": str(consent.pk), "safeguarding_concern": referral.safeguarding_concern,
                           "snomed": referral.snomed_code})
            transaction.on_commit(lambda: tell(first.pk))
    except IntegrityError:
        # Two sends of one form at the same moment: the other one made it.
        existing = Referral.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return _same_sender(existing, actor), False
    return referral, True


def _same_sender(referral: Referral, actor) -> Referral:
    if referral.referred_by_id != actor.pk:
        raise ReferralError("This form has already been used. Start the referral again.")
    return referral


def _check_role(actor, referral: Referral, to_status: str) -> None:
    organisation = getattr(actor, "current_organisation", None)
    if to_status in BY_RECEIVER and organisation != referral.to_organisation:
        raise ReferralError(f"Only {referral.to_organisation} can do that")
    if to_status in BY_REFERRER and organisation != referral.from_organisation:
        raise ReferralError(f"Only {referral.from_organisation}, who sent it, can withdraw it")


def _fields_for(to_status: str, *, note: str, decline_reason: str, outcome: str, support_offered: str,
                now) -> dict:
    """The referral's columns that change with the status, after checking what each status needs."""
    fields = {"status": to_status}
    if to_status == Status.SEEN:
        fields["seen_at"] = now
    elif to_status == Status.ACCEPTED:
        fields.update(accepted_at=now, responded_at=now, support_offered=support_offered.strip())
    elif to_status == Status.DECLINED:
        if decline_reason not in DeclineReason.values:
            raise ReferralError("Select why the referral is declined", field="decline_reason")
        if decline_reason == DeclineReason.OTHER and not note:
            raise ReferralError("Say why the referral is declined", field="note")
        fields.update(decline_reason=decline_reason, responded_at=now, closed_at=now)
        if decline_reason == DeclineReason.PERSON_DECLINED:
            fields["snomed_code"] = SOCIAL_PRESCRIBING_DECLINED.code
    elif to_status == Status.COMPLETED:
        if outcome not in OutcomeKind.values:
            raise ReferralError("Select the outcome", field="outcome")
        fields.update(outcome=outcome, outcome_detail=note, closed_at=now)
        if support_offered.strip():
            fields["support_offered"] = support_offered.strip()
    elif to_status == Status.WITHDRAWN:
        if not note:
            raise ReferralError("Say why the referral is withdrawn", field="note")
        fields["closed_at"] = now
    return fields


def change_status(
    *, actor, referral: Referral, to_status: str, from_status: str, note: str = "", decline_reason: str = "",
    outcome: str = "", support_offered: str = "", request=None,
) -> Referral:
    """Move a referral on from ``from_status`` (the status the user saw) to ``to_status``.

    Raises :class:`ReferralError` when the change is not allowed for this user or this referral, when something it
    needs is missing, or when someone else changed the referral first; nothing is written then.
    """
    note = note.strip()
    if to_status not in Status.values:
        raise ReferralError("Choose what to do with the referral", field="to_status")
    if from_status not in TRANSITIONS:
        raise ReferralError("Reload the referral and try again", field="from_status")
    if to_status not in TRANSITIONS[from_status]:
        raise ReferralError(f"A referral that is {Status(from_status).label.lower()} cannot be "
                            f"{Status(to_status).label.lower()}")
    _check_role(actor, referral, to_status)
    now = timezone.now()
    fields = _fields_for(to_status, note=note, decline_reason=decline_reason, outcome=outcome,
                         support_offered=support_offered, now=now)
    if from_status == Status.NEW and to_status in (Status.ACCEPTED, Status.DECLINED):
        fields["seen_at"] = now  # answered without being opened first: seen as it was answered
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, status=from_status).update(**fields)
        if updated != 1:
            current = Referral.objects.get(pk=referral.pk)
            raise ReferralError(f"Someone has already changed this referral: it is now "
                                f"{current.get_status_display().lower()}. Check it before you do anything else.")
        change = StatusChange.objects.create(referral=referral, from_status=from_status, to_status=to_status,
                                             by=actor, organisation=actor.current_organisation, at=now, note=note)
        audit_fields = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()}
        record(actor=actor, organisation=actor.current_organisation, action=Action.UPDATE, obj=referral,
               request=request, reason=note, fields={**audit_fields, "from_status": from_status,
                                                     "person": str(referral.person_id)})
        if to_status == Status.ACCEPTED:
            _open_involvement(actor, referral, request)
        transaction.on_commit(lambda: tell(change.pk))
    referral.refresh_from_db()
    return referral


def mark_seen(*, actor, referral: Referral, request=None) -> Referral:
    """The receiving organisation opened a new referral: it is Seen (once; a second opener changes nothing)."""
    if referral.status != Status.NEW or getattr(actor, "current_organisation", None) != referral.to_organisation:
        return referral
    try:
        return change_status(actor=actor, referral=referral, to_status=Status.SEEN, from_status=Status.NEW,
                             request=request)
    except ReferralError:
        referral.refresh_from_db()
        return referral


def _open_involvement(actor, referral: Referral, request) -> None:
    """Acceptance opens the receiving organisation's involvement, and so its view of the person's record."""
    organisation = referral.to_organisation
    if Involvement.objects.filter(person=referral.person, organisation=organisation, ended_on__isnull=True).exists():
        return
    involvement = Involvement.objects.create(person=referral.person, organisation=organisation,
                                             reason=f"Accepted referral {referral.reference}"[:200])
    record(actor=actor, organisation=organisation, action=Action.CREATE, obj=involvement, request=request,
           fields={"person": str(referral.person_id), "reason": involvement.reason, "referral": str(referral.pk)})


def set_response_target(*, actor, service, days: int, request=None) -> ResponseTarget:
    if not 1 <= days <= 90:
        raise ReferralError("Enter a number of days from 1 to 90", field="days")
    if receiving_organisation(service) != getattr(actor, "current_organisation", None):
        raise ReferralError("You can set targets only for your own organisation's services")
    with transaction.atomic():
        target = ResponseTarget.objects.select_for_update().filter(service=service).first()
        before = target.days if target else None
        target = target or ResponseTarget(service=service)
        target.days, target.set_by = days, actor
        target.save()
        record(actor=actor, action=Action.CREATE if before is None else Action.UPDATE, obj=target, request=request,
               fields={"service": service.name, "days": [before, days]})
    return target


def record_export(*, actor, referral: Referral, what: str, request=None) -> None:
    record(actor=actor, action=Action.EXPORT, obj=referral, request=request,
           fields={"format": what, "person": str(referral.person_id)})


def _link(referral: Referral) -> str:
    return settings.SITE_ROOT + reverse("referrals:detail", kwargs={"referral_id": referral.pk})


def tell(change_id: int) -> bool:
    """Send the email one status change calls for, once: a new referral to the receiving service (its listing's
    email, else its organisation's), every later change to the referrer. Emails name the referral's reference and
    the service, never the person. Runs after commit; safe to run again (``notified_at``). True if it sent one."""
    change = StatusChange.objects.select_related("referral__referred_by", "referral__service",
                                                 "referral__to_organisation").get(pk=change_id)
    if change.notified_at is not None:
        return False
    referral = change.referral
    if change.to_status == Status.NEW:
        to = (referral.service.email if referral.service else "") or referral.to_organisation.email
        template, personalisation = "referral_received", {
            "reference": referral.reference, "service": referral.service_name,
            "organisation": referral.from_organisation.name, "link": _link(referral),
            "respond_by": f"{timezone.localtime(referral.respond_by):%-d %B %Y}"}
    else:
        to = referral.referred_by.email
        template, personalisation = "referral_status_changed", {
            "reference": referral.reference, "service": referral.service_name,
            "status": change.get_to_status_display(), "note": _note_for_referrer(change), "link": _link(referral)}
    if not to:
        return False
    try:
        notify.send_email(to=to, template=template, personalisation=personalisation, reference=referral.reference)
    except notify.DeliveryError:
        logger.exception("Could not send the email for change %s of referral %s", change.pk, referral.pk)
        return False
    StatusChange.objects.filter(pk=change.pk, notified_at__isnull=True).update(notified_at=timezone.now())
    return True


def _note_for_referrer(change: StatusChange) -> str:
    referral, note = change.referral, change.note or ""
    if change.to_status == Status.DECLINED:
        return f"Reason: {referral.get_decline_reason_display()}. {note}".strip()
    if change.to_status == Status.COMPLETED:
        return f"Outcome: {referral.get_outcome_display()}. {note}".strip()
    return note


RESEND_WITHIN_DAYS = 7


def tell_the_untold() -> dict:
    """The periodic retry (settings.PERIODIC_TASKS): every change of the last week whose email was not sent."""
    since = timezone.now() - timedelta(days=RESEND_WITHIN_DAYS)
    pending = StatusChange.objects.filter(notified_at__isnull=True, at__gte=since).order_by("at")
    sent = sum(tell(pk) for pk in pending.values_list("pk", flat=True)[:500])
    return {"sent": sent}


def refer_with_consent_now(*, actor, organisation, person: Person, how_given: str, content: Content,
                           token: uuid.UUID, service=None, to_organisation=None, request=None) -> tuple[Referral, bool]:
    """Record the person's consent to this referral, given now, and send it: both or neither."""
    from django.core.exceptions import ValidationError

    from communities.people.models import LawfulBasis, SpecialCategoryCondition
    from communities.people.services import record_consent

    existing = Referral.objects.filter(submission_token=token).first()
    if existing is not None:
        return _same_sender(existing, actor), False
    _check_content(content)
    with transaction.atomic():
        try:
            consent = record_consent(
                person=person, purpose=ConsentPurpose.REFERRAL, lawful_basis=LawfulBasis.CONSENT,
                purpose_detail=f"Referral to {content_target(service, to_organisation)}",
                special_category_condition=SpecialCategoryCondition.EXPLICIT_CONSENT, how_given=how_given,
                given_at=timezone.now(), organisation=organisation, by=actor, request=request,
            )
        except ValidationError as exc:
            messages = exc.message_dict if hasattr(exc, "error_dict") else {"consent": exc.messages}
            field, problems = next(iter(messages.items()))
            raise ReferralError(problems[0], field="how_given" if field == "how_given" else "consent") from exc
        return make_referral(actor=actor, organisation=organisation, person=person, consent=consent,
                             content=content, token=token, service=service, to_organisation=to_organisation,
                             request=request)


def content_target(service, to_organisation) -> str:
    return service.name if service is not None else str(to_organisation)
