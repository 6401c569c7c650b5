"""Carers: link a carer with the person they care for, record assessments, breaks and support, and keep the
emergency plan (its key safe code encrypted at rest, its contacts each with a current consent)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from communities.accounts import encryption
from communities.audit.services import Action as AuditAction
from communities.audit.services import changed_fields, record, snapshot
from communities.people.models import ConsentPurpose

from ..codes import unpaid_carer
from ..cover import Cover, cover
from ..models import Assessment, CarerLink, CarerSupport, EligibleOutcome, EmergencyContact, EmergencyPlan, SupportKind
from .common import Errors, check_date, has_current_consent, is_involved, text

MAX_CONTACTS = 3
#: Hours a contact may say they can arrive within or stay for (a week): beyond that it is not emergency cover.
MAX_HOURS = 168
HIDDEN = "(hidden)"
PLAN_FIELDS = ("needs", "medication", "gp", "access_to_home", "tasks", "pets", "next_review_on")


def link_carer(*, actor, organisation, carer, cared_for, relationship: str, started_on=None,
               request=None) -> CarerLink:
    """Record that ``carer`` looks after ``cared_for`` without pay (SNOMED CT 224484003)."""
    errors = Errors()
    started_on = started_on or timezone.localdate()
    relationship = text(errors, "relationship", relationship, "Enter how the carer is related to the person",
                        max_length=100)
    check_date(errors, "started_on", started_on, "The date caring started", not_future=True)
    if carer.pk == cared_for.pk:
        errors.add("cared_for", "A carer cannot be recorded as caring for themselves")
    for who, field in ((carer, "carer"), (cared_for, "cared_for")):
        if not is_involved(who, organisation):
            errors.add(field, f"{organisation} is not involved in supporting {who}")
    if CarerLink.objects.current().filter(carer=carer, cared_for=cared_for, organisation=organisation).exists():
        errors.add("cared_for", f"{carer} is already recorded as caring for {cared_for}")
    errors.raise_if_any()
    code = unpaid_carer()["code"]
    with transaction.atomic():
        link = CarerLink.objects.create(carer=carer, cared_for=cared_for, organisation=organisation,
                                        relationship=relationship, code=code, started_on=started_on,
                                        created_by=actor)
        record(actor=actor, organisation=organisation, action=AuditAction.CREATE, obj=link, request=request,
               fields={"carer": str(carer.pk), "cared_for": str(cared_for.pk), "relationship": relationship,
                       "code": code, "started_on": started_on.isoformat()})
        if not carer.is_carer:
            before = snapshot(carer)
            carer.is_carer = True
            carer.save(update_fields=["is_carer", "updated_at"])
            record(actor=actor, organisation=organisation, action=AuditAction.UPDATE, obj=carer, request=request,
                   fields={"is_carer": [before["is_carer"], True]}, reason="Recorded as an unpaid carer")
    return link


def record_assessment(*, actor, link: CarerLink, assessed_on, assessor: str, needs_found: str, outcome: str,
                      next_review_on, request=None) -> Assessment:
    errors = Errors()
    check_date(errors, "assessed_on", assessed_on, "The assessment date", not_future=True)
    assessor = text(errors, "assessor", assessor, "Enter who carried out the assessment", max_length=200)
    needs_found = text(errors, "needs_found", needs_found, "Enter the needs the assessment found", max_length=5000)
    if outcome not in EligibleOutcome.values:
        errors.add("outcome", "Select whether the carer has eligible needs")
    check_date(errors, "next_review_on", next_review_on, "The review date",
               after=assessed_on if hasattr(assessed_on, "year") else None, after_noun="the assessment date")
    errors.raise_if_any()
    with transaction.atomic():
        assessment = Assessment.objects.create(link=link, assessed_on=assessed_on, assessor=assessor,
                                               needs_found=needs_found, outcome=outcome,
                                               next_review_on=next_review_on, recorded_by=actor)
        record(actor=actor, organisation=link.organisation, action=AuditAction.CREATE, obj=assessment,
               request=request, fields={**snapshot(assessment), "carer": str(link.carer_id)})
    return assessment


def record_support(*, actor, link: CarerLink, kind: str, description: str, provided_by: str, starts_on,
                   ends_on=None, request=None) -> CarerSupport:
    """A break or other support for the carer."""
    errors = Errors()
    if kind not in SupportKind.values:
        errors.add("kind", "Select the kind of support")
    description = text(errors, "description", description, "Enter what the support is", max_length=2000)
    provided_by = text(errors, "provided_by", provided_by, "Enter who provides it", max_length=200)
    check_date(errors, "starts_on", starts_on, "The start date")
    if ends_on is not None and hasattr(starts_on, "year") and ends_on < starts_on:
        errors.add("ends_on", "The end date must be the same as or after the start date")
    errors.raise_if_any()
    with transaction.atomic():
        support = CarerSupport.objects.create(link=link, kind=kind, description=description, provided_by=provided_by,
                                              starts_on=starts_on, ends_on=ends_on, recorded_by=actor)
        record(actor=actor, organisation=link.organisation, action=AuditAction.CREATE, obj=support, request=request,
               fields={**snapshot(support), "carer": str(link.carer_id)})
    return support


def key_safe_code(plan: EmergencyPlan) -> str:
    """The key safe code in clear: only for the plan page, after the permission check (views.carers)."""
    return encryption.decrypt(plan.key_safe_code) if plan.key_safe_code else ""


def save_emergency_plan(*, actor, link: CarerLink, data: dict, key_safe_code: str | None = None,
                        request=None) -> EmergencyPlan:
    """Create or change the link's emergency plan. ``key_safe_code``: None keeps it, "" removes it, else sets it.
    The code never reaches the audit trail (it says only that it changed)."""
    errors = Errors()
    values = {
        "needs": text(errors, "needs", data.get("needs"), "Enter the cared-for person's needs", max_length=5000),
        "medication": (data.get("medication") or "").strip(),
        "gp": text(errors, "gp", data.get("gp"), "Enter the GP practice and its phone number", max_length=300),
        "access_to_home": text(errors, "access_to_home", data.get("access_to_home"),
                               "Enter how to get into the home", max_length=2000),
        "tasks": text(errors, "tasks", data.get("tasks"), "Enter the tasks that have to be done", max_length=5000),
        "pets": (data.get("pets") or "").strip(),
        "next_review_on": data.get("next_review_on"),
    }
    check_date(errors, "next_review_on", values["next_review_on"], "The review date",
               after=timezone.localdate(), after_noun="today")
    if key_safe_code and len(key_safe_code.strip()) > 20:
        errors.add("key_safe_code", "The key safe code must be 20 characters or fewer")
    if link.ended_on:
        errors.add("needs", "This carer link has ended")
    errors.raise_if_any()
    with transaction.atomic():
        plan = EmergencyPlan.objects.select_for_update().filter(link=link).first()
        before = snapshot(plan) if plan else None
        plan = plan or EmergencyPlan(link=link, created_by=actor)
        for name, value in values.items():
            setattr(plan, name, value)
        if key_safe_code is not None:
            plan.key_safe_code = encryption.encrypt(key_safe_code.strip()) if key_safe_code.strip() else ""
        plan.save()
        after = snapshot(plan)
        if before is None:
            fields = {**after, "key_safe_code": HIDDEN if plan.key_safe_code else ""}
            action = AuditAction.CREATE
        else:
            fields = changed_fields(plan, before)
            fields.pop("updated_at", None)
            if "key_safe_code" in fields:
                fields["key_safe_code"] = "changed" if plan.key_safe_code else "removed"
            action = AuditAction.UPDATE
        record(actor=actor, organisation=link.organisation, action=action, obj=plan, request=request,
               fields={**fields, "carer": str(link.carer_id), "cared_for": str(link.cared_for_id)})
    return plan


def add_contact(*, actor, plan: EmergencyPlan, person, relationship: str, arrives_within_hours,
                stays_for_hours, phone: str = "", email: str = "", request=None) -> EmergencyContact:
    """One of up to three emergency contacts. Each needs a current consent for being a carer's emergency contact
    and a way to be told (phone or email)."""
    errors = Errors()
    relationship = text(errors, "relationship", relationship, "Enter who the contact is to the carer",
                        max_length=100)
    phone, email = (phone or person.phone or "").strip(), (email or person.email or "").strip()
    if not phone and not email:
        errors.add("phone", f"Enter a phone number or email address for {person}")
    for field, value, noun in (("arrives_within_hours", arrives_within_hours, "How soon they can be there"),
                               ("stays_for_hours", stays_for_hours, "How long they can stay")):
        if isinstance(value, bool) or not isinstance(value, int):
            errors.add(field, f"{noun} must be a whole number of hours")
        elif not 0 <= value <= MAX_HOURS or (field == "stays_for_hours" and value == 0):
            low = 1 if field == "stays_for_hours" else 0
            errors.add(field, f"{noun} must be from {low} to {MAX_HOURS} hours")
    if person.pk in (plan.link.carer_id, plan.link.cared_for_id):
        errors.add("person", "The carer and the person cared for cannot be their own emergency contacts")
    elif plan.contacts.filter(person=person).exists():
        errors.add("person", f"{person} is already an emergency contact on this plan")
    if plan.contacts.count() >= MAX_CONTACTS:
        errors.add("person", f"A plan has up to {MAX_CONTACTS} emergency contacts: remove one before adding another")
    if not has_current_consent(person, ConsentPurpose.CARER_CONTACT):
        errors.add("person", f"{person} has no current consent to be a carer's emergency contact. "
                             "Record their consent on their page first")
    errors.raise_if_any()
    with transaction.atomic():
        if EmergencyContact.objects.select_for_update().filter(plan=plan).count() >= MAX_CONTACTS:
            errors.add("person", f"A plan has up to {MAX_CONTACTS} emergency contacts")
            errors.raise_if_any()
        contact = EmergencyContact.objects.create(
            plan=plan, person=person, relationship=relationship, phone=phone, email=email,
            arrives_within_hours=arrives_within_hours, stays_for_hours=stays_for_hours,
        )
        record(actor=actor, organisation=plan.link.organisation, action=AuditAction.CREATE, obj=contact,
               request=request, fields={**snapshot(contact), "carer": str(plan.link.carer_id)})
    return contact


def remove_contact(*, actor, contact: EmergencyContact, request=None) -> None:
    with transaction.atomic():
        fields = {**snapshot(contact), "carer": str(contact.plan.link.carer_id)}
        organisation = contact.plan.link.organisation
        record(actor=actor, organisation=organisation, action=AuditAction.DELETE, obj=contact, request=request,
               fields=fields)
        contact.delete()


def plan_cover(plan: EmergencyPlan) -> Cover:
    """Whether the contacts' declared availability covers the required hours, and what is missing."""
    return cover([c.cover for c in plan.contacts.all()])


def contacts_with_consent(plan: EmergencyPlan) -> list[tuple[EmergencyContact, bool]]:
    """Each contact and whether their consent is current today (a consent can be withdrawn after they were added)."""
    return [(c, has_current_consent(c.person, ConsentPurpose.CARER_CONTACT))
            for c in plan.contacts.select_related("person")]


def record_key_safe_shown(*, actor, plan: EmergencyPlan, request=None) -> None:
    record(actor=actor, organisation=plan.link.organisation, action=AuditAction.VIEW, obj=plan, request=request,
           fields={"key_safe_code": "shown"}, reason="Key safe code shown on the plan page")


def end_link(*, actor, link: CarerLink, reason: str, ended_on=None, request=None) -> CarerLink:
    """The caring has stopped: the link ends, its emergency plan is withdrawn, and the carer record's retention
    period runs from today."""
    errors = Errors()
    ended_on = ended_on or timezone.localdate()
    reason = text(errors, "reason", reason, "Enter why the caring has stopped", max_length=200)
    check_date(errors, "ended_on", ended_on, "The end date", not_future=True)
    if link.ended_on:
        errors.add("reason", "This caring link has already ended")
    elif ended_on < link.started_on:
        errors.add("ended_on", "The end date must be on or after the day caring started")
    errors.raise_if_any()
    with transaction.atomic():
        CarerLink.objects.filter(pk=link.pk).update(ended_on=ended_on)
        EmergencyPlan.objects.filter(link=link, withdrawn_on__isnull=True).update(withdrawn_on=ended_on)
        record(actor=actor, organisation=link.organisation, action=AuditAction.UPDATE, obj=link, request=request,
               reason=reason, fields={"ended_on": [None, ended_on.isoformat()], "carer": str(link.carer_id)})
    link.ended_on = ended_on
    return link
