"""Action functions for impact assessments: each writes the change and its audit row in one transaction.

Status changes are conditional updates (``UPDATE ... WHERE status = <the status the user saw>``): when two approvers
sign off the same assessment at once, one wins and the other is told it has already been signed off. Errors are
``ValidationError``s naming the form field they are about, so views put them on the form.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action as AuditAction
from communities.audit.services import record

from . import evidence
from .characteristics import by_code, characteristics
from .models import Action, Assessment, Consideration, EngagementEntry, Impact, Status

DETAILS = ("title", "kind", "summary", "population", "decision_maker", "decision_on", "review_on")


def _check_dates(decision_on: date, review_on: date, today: date) -> None:
    if decision_on < today:
        raise ValidationError({"decision_on": "The decision date must be today or in the future"})
    if review_on <= decision_on:
        raise ValidationError({"review_on": "The review date must be after the decision date"})


def _check_area(wards, lsoas) -> None:
    if not list(wards) and not list(lsoas):
        raise ValidationError({"wards": "Choose at least one ward, or enter the LSOAs the proposal affects"})


def _draft(assessment: Assessment) -> None:
    if assessment.status != Status.DRAFT:
        raise ValidationError(f"This assessment is {assessment.get_status_display().lower()}: only a draft can be "
                              "changed. Start a reassessment to change it.")


@transaction.atomic
def create_assessment(*, actor, organisation, details: dict, wards, lsoas=(), previous: Assessment | None = None,
                      request=None) -> Assessment:
    _check_dates(details["decision_on"], details["review_on"], timezone.localdate())
    _check_area(wards, lsoas)
    assessment = Assessment.objects.create(organisation=organisation, created_by=actor, previous=previous,
                                           **{k: details[k] for k in DETAILS})
    assessment.wards.set(wards)
    assessment.lsoas.set(lsoas)
    Consideration.objects.bulk_create(Consideration(assessment=assessment, characteristic=c.code)
                                      for c in characteristics())
    carried = _carry_open_actions(previous, assessment) if previous else 0
    assessment.evidence = evidence.take(assessment)
    assessment.evidence_taken_at = timezone.now()
    assessment.save(update_fields=["evidence", "evidence_taken_at"])
    record(actor=actor, action=AuditAction.CREATE, obj=assessment, request=request, fields={
        **{k: str(details[k]) for k in DETAILS}, "wards": [w.code for w in wards], "lsoas": [s.code for s in lsoas],
        "previous": str(previous.pk) if previous else None, "actions_carried": carried,
    })
    return assessment


def _carry_open_actions(previous: Assessment, assessment: Assessment) -> int:
    """The previous assessment's open actions become the new one's, each pointing at the one it continues."""
    open_actions = list(previous.actions.filter(done_on__isnull=True))
    Action.objects.bulk_create(
        Action(assessment=assessment, description=a.description, owner=a.owner, due_on=a.due_on,
               characteristic=a.characteristic, carried_from=a) for a in open_actions
    )
    return len(open_actions)


@transaction.atomic
def update_assessment(*, actor, assessment: Assessment, details: dict, wards, lsoas=(), request=None) -> Assessment:
    _draft(assessment)
    _check_dates(details["decision_on"], details["review_on"], timezone.localdate())
    _check_area(wards, lsoas)
    before = {k: str(getattr(assessment, k)) for k in DETAILS}
    old_area = (sorted(assessment.wards.values_list("code", flat=True)),
                sorted(assessment.lsoas.values_list("code", flat=True)))
    for key in DETAILS:
        setattr(assessment, key, details[key])
    assessment.save()
    assessment.wards.set(wards)
    assessment.lsoas.set(lsoas)
    new_area = (sorted(w.code for w in wards), sorted(s.code for s in lsoas))
    changed = {k: [before[k], str(details[k])] for k in DETAILS if before[k] != str(details[k])}
    if new_area != old_area:
        changed["area"] = [old_area, new_area]
        _take_evidence(assessment, changed)
    record(actor=actor, action=AuditAction.UPDATE, obj=assessment, fields=changed, request=request)
    return assessment


def _take_evidence(assessment: Assessment, changed: dict) -> None:
    old = assessment.evidence_taken_at
    assessment.evidence = evidence.take(assessment)
    assessment.evidence_taken_at = timezone.now()
    assessment.save(update_fields=["evidence", "evidence_taken_at", "updated_at"])
    changed["evidence_taken_at"] = [old.isoformat() if old else None, assessment.evidence_taken_at.isoformat()]


@transaction.atomic
def refresh_evidence(*, actor, assessment: Assessment, request=None) -> Assessment:
    """Take the figures again as they are now (the earlier snapshot is replaced; the audit row says when)."""
    _draft(assessment)
    changed: dict = {}
    _take_evidence(assessment, changed)
    record(actor=actor, action=AuditAction.UPDATE, obj=assessment, fields=changed, request=request,
           reason="Evidence refreshed from the platform")
    return assessment


CONSIDERATION_FIELDS = ("what_we_know", "people_told_us", "impact", "impact_detail", "mitigation",
                        "aim_a", "aim_b", "aim_c")


@transaction.atomic
def save_consideration(*, actor, assessment: Assessment, characteristic: str, answers: dict,
                       request=None) -> Consideration:
    _draft(assessment)
    if answers.get("impact") == Impact.NEGATIVE and not answers.get("mitigation", "").strip():
        raise ValidationError({"mitigation": "Say what will be done to remove or reduce the negative impact"})
    consideration = assessment.considerations.select_for_update().get(characteristic=characteristic)
    before = {k: getattr(consideration, k) for k in CONSIDERATION_FIELDS}
    for key in CONSIDERATION_FIELDS:
        if key in answers:
            setattr(consideration, key, answers[key])
    consideration.save()
    changed = {k: [before[k], getattr(consideration, k)] for k in CONSIDERATION_FIELDS
               if before[k] != getattr(consideration, k)}
    record(actor=actor, action=AuditAction.UPDATE, obj=assessment, request=request,
           fields={f"{characteristic}.{k}": v for k, v in changed.items()})
    return consideration


@transaction.atomic
def add_engagement(*, actor, assessment: Assessment, entry: dict, request=None) -> EngagementEntry:
    _draft(assessment)
    if entry["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": "The date people were asked must be today or in the past"})
    row = EngagementEntry.objects.create(assessment=assessment, recorded_by=actor, **entry)
    # The audit row names the entry, not what was said (the log may name people; the entry itself is kept).
    record(actor=actor, action=AuditAction.CREATE, obj=row, request=request,
           fields={"assessment": str(assessment.pk), "held_on": str(row.held_on), "method": row.method})
    return row


@transaction.atomic
def add_action(*, actor, assessment: Assessment, action: dict, request=None) -> Action:
    _draft(assessment)
    if action["due_on"] < timezone.localdate():
        raise ValidationError({"due_on": "The date must be today or in the future"})
    row = Action.objects.create(assessment=assessment, **action)
    record(actor=actor, action=AuditAction.CREATE, obj=row, request=request,
           fields={k: str(v) for k, v in action.items()} | {"assessment": str(assessment.pk)})
    return row


@transaction.atomic
def complete_action(*, actor, action: Action, done_on: date | None = None, request=None) -> Action:
    """Mark an action done (at any stage: the plan is followed after the decision)."""
    done_on = done_on or timezone.localdate()
    if not Action.objects.filter(pk=action.pk, done_on__isnull=True).update(done_on=done_on):
        raise ValidationError("This action is already marked as done")
    action.done_on = done_on
    record(actor=actor, action=AuditAction.UPDATE, obj=action, request=request,
           fields={"done_on": [None, done_on.isoformat()]})
    return action


def problems_before_submission(assessment: Assessment) -> list[str]:
    """What must be done before the assessment can go for sign-off, in the words shown to the author."""
    groups = by_code()
    problems = []
    for c in assessment.considerations.all():
        label = groups[c.characteristic].label
        if not c.impact:
            problems.append(f"{label}: say whether the impact is positive, neutral or negative")
        elif not c.impact_detail.strip():
            problems.append(f"{label}: say what the proposal means for this group")
        if c.impact == Impact.NEGATIVE and not c.mitigation.strip():
            problems.append(f"{label}: say what will be done about the negative impact")
    negative = assessment.considerations.filter(impact=Impact.NEGATIVE).exists()
    if negative and not assessment.actions.filter(done_on__isnull=True).exists():
        problems.append("Action plan: add at least one action for the negative impacts, with an owner and a date")
    if assessment.decision_on < timezone.localdate():
        problems.append("Decision date: it has passed; change it before asking for sign-off")
    return problems


def _move(assessment: Assessment, from_status: str, to_status: str, message: str, **changes) -> None:
    moved = Assessment.objects.filter(pk=assessment.pk, status=from_status).update(
        status=to_status, updated_at=timezone.now(), **changes)
    if not moved:
        raise ValidationError(message)
    assessment.status = to_status
    for key, value in changes.items():
        setattr(assessment, key, value)


@transaction.atomic
def submit_for_sign_off(*, actor, assessment: Assessment, request=None) -> Assessment:
    problems = problems_before_submission(assessment)
    if problems:
        raise ValidationError(problems)
    _move(assessment, Status.DRAFT, Status.AWAITING_SIGN_OFF, "This assessment is no longer a draft: someone has "
          "already sent it for sign-off", submitted_at=timezone.now())
    record(actor=actor, action=AuditAction.UPDATE, obj=assessment, request=request,
           fields={"status": [Status.DRAFT, Status.AWAITING_SIGN_OFF]})
    return assessment


@transaction.atomic
def sign_off(*, actor, assessment: Assessment, approve: bool, note: str = "", request=None) -> Assessment:
    """An approver signs the assessment off (before its decision date; never their own) or sends it back."""
    if assessment.created_by_id == actor.pk:
        raise ValidationError({"decision": "You wrote this assessment: another approver must sign it off"})
    today = timezone.localdate()
    if approve and today > assessment.decision_on:
        raise ValidationError({"decision": f"The decision date ({assessment.decision_on:%-d %B %Y}) has passed: an "
                               "assessment must be signed off before the decision. Send it back so that the author "
                               "can set the new decision date."})
    if not approve and not note.strip():
        raise ValidationError({"note": "Say what the author needs to change"})
    gone = "This assessment is not waiting for sign-off any more: someone else has signed it off or sent it back"
    if approve:
        _move(assessment, Status.AWAITING_SIGN_OFF, Status.SIGNED_OFF, gone, signed_off_by=actor,
              signed_off_at=timezone.now(), sign_off_note=note)
    else:
        _move(assessment, Status.AWAITING_SIGN_OFF, Status.DRAFT, gone, sign_off_note=note)
    record(actor=actor, action=AuditAction.REVIEW, obj=assessment, request=request, reason=note,
           fields={"status": [Status.AWAITING_SIGN_OFF, assessment.status]})
    return assessment


@transaction.atomic
def publish(*, actor, assessment: Assessment, request=None) -> Assessment:
    _move(assessment, Status.SIGNED_OFF, Status.PUBLISHED, "Only a signed-off assessment can be published, once",
          published_at=timezone.now())
    record(actor=actor, action=AuditAction.UPDATE, obj=assessment, request=request,
           fields={"status": [Status.SIGNED_OFF, Status.PUBLISHED]})
    return assessment


def reassess(*, actor, assessment: Assessment, decision_on: date, review_on: date, request=None) -> Assessment:
    """A new draft for the same proposal and area, carrying the earlier assessment's open actions."""
    if assessment.status not in (Status.SIGNED_OFF, Status.PUBLISHED):
        raise ValidationError("Only a signed-off or published assessment can be reassessed")
    details = {k: getattr(assessment, k) for k in DETAILS} | {"decision_on": decision_on, "review_on": review_on}
    return create_assessment(actor=actor, organisation=assessment.organisation, details=details,
                             wards=list(assessment.wards.all()), lsoas=list(assessment.lsoas.all()),
                             previous=assessment, request=request)
