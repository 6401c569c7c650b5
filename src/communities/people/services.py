"""Action functions for people: each writes the change and its audit row in one transaction."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.audit.services import Action, changed_fields, record, snapshot
from communities.organisations.models import Membership, Organisation, Role

from .merge import record_ids
from .models import (
    Assignment,
    AssignmentKind,
    BreakGlassGrant,
    BreakGlassReview,
    Consent,
    ConsentPurpose,
    HowGiven,
    Involvement,
    LawfulBasis,
    Person,
    ReviewOutcome,
    SpecialCategoryCondition,
)

BREAK_GLASS_HOURS = 24
#: Roles a person page can assign (the roles that see a person only through an assignment).
ASSIGNABLE_ROLES = (Role.VOLUNTEER, Role.DRIVER)


class BreakGlassError(Exception):
    """No single record matches; the message is safe to show (it never reveals who exists)."""


class AssignmentError(Exception):
    """An assignment cannot be made or ended; the message says why and is safe to show."""


class ReviewError(Exception):
    """An emergency access review cannot be recorded; the message says why and is safe to show."""


def create_person(*, actor, organisation, data: dict, involvement_reason: str, request=None,
                  possible_duplicates=(), new_record_reason: str = "") -> Person:
    """Make a record. When possible duplicates were shown, the worker's reason for a new record is kept with it."""
    if possible_duplicates and not new_record_reason.strip():
        raise ValidationError({"new_record_reason": "Enter why you still need a new record"})
    with transaction.atomic():
        person = Person.objects.create(**data)
        Involvement.objects.create(person=person, organisation=organisation, reason=involvement_reason)
        fields = {**snapshot(person), "involvement": involvement_reason}
        if possible_duplicates:
            fields["possible_duplicates"] = [str(d.person.pk) for d in possible_duplicates]
        record(actor=actor, organisation=organisation, action=Action.CREATE, obj=person, fields=fields,
               reason=new_record_reason.strip(), request=request)
    return person


def note_disability_from_check(*, actor, person: Person, answers: dict, source, request=None) -> bool:
    """A money check said the person (its first member, "you") is disabled and the record says not: record it.

    Called inside the check's save, so the change, its audit row and the saved check stand or fall together. Only
    ever sets the flag: an unticked box in a check is weaker evidence than the record, so it never clears it.
    Returns whether the record changed.
    """
    members = answers.get("members") or []
    you = next((m for m in members if m.get("relationship") == "you"), None)
    if not you or not you.get("disabled") or person.has_disability:
        return False
    with transaction.atomic():
        Person.objects.filter(pk=person.pk).update(has_disability=True, updated_at=timezone.now())
        person.has_disability = True
        record(actor=actor, action=Action.UPDATE, obj=person, request=request,
               reason=f"Answer in {source} ({source._meta.label} {source.pk})",
               fields={"has_disability": [False, True]})
    return True


def update_person(*, actor, person: Person, data: dict, request=None) -> Person:
    with transaction.atomic():
        # Compare with the stored row: a bound ModelForm has already written the new values onto ``person``.
        before = snapshot(Person.objects.get(pk=person.pk))
        for name, value in data.items():
            setattr(person, name, value)
        person.save()
        changes = changed_fields(person, before)
        for derived in ("updated_at", *Person.SEARCH_FIELDS):  # kept from the name and postcode, not edited
            changes.pop(derived, None)
        if changes:
            record(actor=actor, action=Action.UPDATE, obj=person, fields=changes, request=request)
    return person


def break_glass(*, actor, last_name: str, date_of_birth, reason: str, request=None) -> Person:
    """Grant the actor 24 hours' access to the one person matching surname and date of birth.

    The access is filed in the audit trail of the acting organisation and of every organisation involved with the
    person, and each involved organisation gets a review to make (the acting organisation only if nobody is involved).
    """
    reason = reason.strip()
    if len(reason) < 10:
        raise BreakGlassError("Give the reason you need to see this record (at least 10 characters)")
    matches = list(Person.objects.current().filter(last_name__iexact=last_name.strip(),
                                                   date_of_birth=date_of_birth)[:2])
    if len(matches) != 1:
        raise BreakGlassError("No single record matches that surname and date of birth")
    person, acting_for = matches[0], actor.current_organisation
    involved = list(Organisation.objects.filter(
        pk__in=Involvement.objects.filter(person=person, ended_on__isnull=True).values("organisation_id")
    ))
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            person=person, user=actor, organisation=acting_for, reason=reason,
            expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
        )
        fields = {"grant": grant.pk, "acting_for": acting_for.name, "involved": [o.name for o in involved]}
        for organisation in [acting_for, *(o for o in involved if o != acting_for)]:
            record(actor=actor, organisation=organisation, action=Action.BREAK_GLASS, obj=person, reason=reason,
                   fields=fields, request=request)
        BreakGlassReview.objects.bulk_create(
            BreakGlassReview(grant=grant, organisation=organisation) for organisation in involved or [acting_for]
        )
    return person


def review_break_glass(*, actor, review: BreakGlassReview, outcome: str, note: str, request=None) -> BreakGlassReview:
    """Record one organisation's review of an emergency access. Nobody reviews their own."""
    note = note.strip()
    if outcome not in ReviewOutcome.values:
        raise ReviewError("Select whether the access was appropriate")
    if not note:
        raise ReviewError("Enter a note about your review")
    grant = review.grant
    if grant.user_id == actor.pk:
        raise ReviewError(f"You cannot review your own emergency access. Another administrator of "
                          f"{review.organisation} must review it.")
    if getattr(actor, "current_organisation", None) != review.organisation or not rules.has_perm(
        "audit.review_break_glass", actor
    ):
        raise ReviewError(f"Only an administrator of {review.organisation} can review this")
    with transaction.atomic():
        review = BreakGlassReview.objects.select_for_update().get(pk=review.pk)
        if review.outcome:
            raise ReviewError("This emergency access has already been reviewed")
        review.outcome, review.note, review.reviewed_by, review.reviewed_at = outcome, note, actor, timezone.now()
        review.save()
        record(
            actor=actor, organisation=review.organisation, action=Action.REVIEW, obj=grant,
            fields={"person": str(grant.person_id), "accessed_by": grant.user.email, "outcome": outcome, "note": note},
            request=request,
        )
    return review


def assignable_members(organisation) -> list[tuple]:
    """(user, role name) for the organisation's active volunteers and drivers, by name."""
    memberships = Membership.objects.active().filter(organisation=organisation, role__in=ASSIGNABLE_ROLES)
    found = sorted(memberships.select_related("user"), key=lambda m: (m.user.full_name or m.user.email).lower())
    return [(m.user, m.get_role_display()) for m in found]


def end_of_day(day: date) -> datetime:
    """The moment a day ends in the council's time zone (an assignment "until 7 March" ends as 8 March starts)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def assign_person(
    *, actor, organisation, person: Person, assignee, kind: str, reason: str, ends_at: datetime,
    starts_at: datetime | None = None, request=None,
) -> Assignment:
    """Let ``assignee`` see ``person`` (name, phone, postcode) while acting for ``organisation``, until ``ends_at``.

    The transport and volunteering rooms call this when they match a driver with a trip or a volunteer with a person.
    """
    starts_at, reason = starts_at or timezone.now(), reason.strip()
    if kind not in AssignmentKind.values:
        raise AssignmentError(f"Unknown kind of assignment {kind!r}")
    if not reason:
        raise AssignmentError("Enter what the volunteer or driver will do")
    if ends_at <= max(starts_at, timezone.now()):
        raise AssignmentError("The assignment must end in the future, after it starts")
    if not Involvement.objects.filter(person=person, organisation=organisation, ended_on__isnull=True).exists():
        raise AssignmentError(f"{organisation} is not involved in supporting this person")
    if not Membership.objects.active().filter(user=assignee, organisation=organisation).exists():
        raise AssignmentError(f"{assignee} is not a member of {organisation}")
    with transaction.atomic():
        assignment = Assignment.objects.create(
            person=person, user=assignee, organisation=organisation, kind=kind, reason=reason,
            starts_at=starts_at, ends_at=ends_at, created_by=actor,
        )
        record(
            actor=actor, organisation=organisation, action=Action.CREATE, obj=assignment, request=request,
            fields={"person": str(person.pk), "user": assignee.email, "kind": kind, "reason": reason,
                    "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
        )
    return assignment


def end_assignment(*, actor, assignment: Assignment, request=None) -> Assignment:
    """End an assignment now: the volunteer or driver stops seeing the person on their next request."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        now = timezone.now()
        if assignment.ended_at or assignment.ends_at <= now:
            raise AssignmentError("This assignment has already ended")
        assignment.ended_at, assignment.ended_by = now, actor
        assignment.save(update_fields=["ended_at", "ended_by"])
        record(actor=actor, organisation=assignment.organisation, action=Action.UPDATE, obj=assignment,
               fields={"ended_at": [None, now.isoformat()], "person": str(assignment.person_id)}, request=request)
    return assignment


def record_people_shown(*, actor, people, request=None, page: int = 1, search: str = "", where: str = "people list"):
    """One audit event for a page that listed residents, naming every person shown (``fields["shown"]``).

    Nothing is recorded for a page that shows nobody. :func:`views_of` finds these events for a person.
    """
    shown = [str(person.pk) for person in people]
    if not shown:
        return None
    return record(actor=actor, action=Action.VIEW, object_type=Person._meta.label, request=request,
                  fields={"shown": shown, "page": page, "search": search, "where": where})


def shown_in_lists(person: Person) -> Q:
    """Audit events of list and search pages that showed this person, or any record merged into it."""
    found = Q(pk__in=[])
    for pk in record_ids(person):
        found |= Q(fields__icontains=pk)
    return Q(object_type=Person._meta.label, object_id="", action=Action.VIEW) & found


def views_of(person: Person):
    """Every audit event in which someone saw this person: their record opened (``object_id`` is the person), an
    emergency access, or a list or search page that showed them (``object_id`` empty, the id in ``fields["shown"]``).

    This answers "who viewed my record" for a subject access request; newest first.
    """
    opened = Q(object_type=Person._meta.label, object_id__in=record_ids(person),
               action__in=[Action.VIEW, Action.BREAK_GLASS])
    return AuditEvent.objects.filter(opened | shown_in_lists(person)).select_related("organisation")


def _choice_error(field: str, value: str, choices, label: str) -> dict:
    return {} if value in choices.values else {field: f"Select {label}"}


def record_consent(
    *, person: Person, purpose: str, lawful_basis: str, how_given: str, given_at: datetime, organisation, by,
    purpose_detail: str = "", special_category_condition: str = "", given_by_name: str = "",
    expires_on: date | None = None, request=None,
) -> Consent:
    """Record that ``person`` (or someone for them) gave consent, or that another lawful basis applies, for a purpose.

    Raises ``ValidationError`` (by field, in plain English) and writes nothing when the record would be wrong.
    """
    purpose_detail, given_by_name = purpose_detail.strip(), given_by_name.strip()
    errors = {
        **_choice_error("purpose", purpose, ConsentPurpose, "what the consent is for"),
        **_choice_error("lawful_basis", lawful_basis, LawfulBasis, "the lawful basis"),
        **_choice_error("how_given", how_given, HowGiven, "how it was given"),
    }
    if special_category_condition and special_category_condition not in SpecialCategoryCondition.values:
        errors["special_category_condition"] = "Select a condition from the list, or none"
    if purpose == ConsentPurpose.OTHER and not purpose_detail:
        errors["purpose_detail"] = "Say what the consent is for"
    if how_given == HowGiven.BY_REPRESENTATIVE and not given_by_name:
        errors["given_by_name"] = "Enter the name of the person who agreed for them, and their relationship"
    if given_at is None:
        errors["given_at"] = "Enter when it was given"
    elif timezone.is_naive(given_at):
        given_at = timezone.make_aware(given_at)
    if given_at is not None and given_at > timezone.now():
        errors["given_at"] = "The date it was given must be today or in the past"
    if expires_on is not None and given_at is not None and expires_on < timezone.localtime(given_at).date():
        errors["expires_on"] = "The date it ends must be on or after the date it was given"
    if organisation is None:
        errors["organisation"] = "Say which organisation it was given to"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person, purpose=purpose, purpose_detail=purpose_detail, lawful_basis=lawful_basis,
            special_category_condition=special_category_condition, how_given=how_given, given_at=given_at,
            given_by_name=given_by_name, organisation=organisation, recorded_by=by, expires_on=expires_on,
        )
        record(actor=by, organisation=organisation, action=Action.CREATE, obj=consent, request=request,
               fields={**snapshot(consent), "person": str(person.pk)})
    return consent


def withdraw_consent(consent: Consent, *, by, note: str, when: datetime | None = None, request=None) -> Consent:
    """Record that a consent was withdrawn (it stays in the history). Withdrawing twice is refused."""
    note, when = note.strip(), when or timezone.now()
    if when > timezone.now():
        raise ValidationError({"withdrawn_at": "The date it was withdrawn must be today or in the past"})
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_at is not None:
            raise ValidationError(
                f"This consent was already withdrawn on {timezone.localtime(consent.withdrawn_at):%-d %B %Y}"
            )
        consent.withdrawn_at, consent.withdrawn_by, consent.withdrawal_note = when, by, note
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
        record(actor=by, organisation=getattr(by, "current_organisation", None) or consent.organisation,
               action=Action.UPDATE, obj=consent, request=request,
               fields={"withdrawn_at": [None, when.isoformat()], "withdrawal_note": note,
                       "person": str(consent.person_id)})
    return consent
