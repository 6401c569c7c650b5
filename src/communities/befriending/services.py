"""Befriending actions: each change and its audit row in one transaction; rules enforced here, whichever page calls.

- A case opens when a referral to a befriending service is accepted (:func:`open_case_for_referral`, connected to
  the referrals room's status rows in apps.ready(): nothing in that room changes).
- A match is confirmed only with a befriender who has room and whose checks meet the befriending role's requirements
  today, and it assigns the person to the befriender (people.Assignment, kind "befriending"): the befriender then
  sees the person's name, contact and the agreed notes, and nothing else, while the match lasts.
- Check-ins fall due every ``checkin_every_days``; one not done within BEFRIENDING_CHECKIN_GRACE_DAYS is escalated
  once to the organisation's volunteer coordinators (or administrators) by email.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core import notify
from communities.organisations.models import Membership, Role
from communities.people.services import AssignmentError, assign_person, end_assignment
from communities.volunteering.checks import Requirements, unmet_requirements

from .instruments import check_answers, ucla3
from .models import Befriender, BefriendingCase, CheckIn, LonelinessMeasure, MeasurePoint, Stage
from .models.cases import OPEN_STAGES

BEFRIENDING_TERM = "loneliness"  # the Find help category "Loneliness and befriending"


class BefriendingError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def is_befriending_service(service) -> bool:
    from communities.directory.services.taxonomy import term_id

    return service is not None and service.attributes.filter(taxonomy_term_id=term_id(BEFRIENDING_TERM)).exists()


def _place(postcode: str) -> tuple[float | None, float | None]:
    from communities.places.geo import PostcodeError
    from communities.places.services import PlaceNotFound, locate

    try:
        found = locate(postcode)
    except (PostcodeError, PlaceNotFound):
        return None, None
    return found.latitude, found.longitude


def open_case(*, actor, organisation, person, referred_on: date, referral=None, agreed_notes: str = "",
              request=None) -> BefriendingCase:
    latitude, longitude = _place((referral.shared_postcode if referral else "") or person.postcode)
    with transaction.atomic():
        case = BefriendingCase.objects.create(
            organisation=organisation, person=person, referral=referral, referred_on=referred_on,
            latitude=latitude, longitude=longitude, agreed_notes=agreed_notes)
        record(actor=actor, organisation=organisation, action=Action.CREATE, obj=case, request=request,
               reason="" if actor else "Befriending case opened by an accepted referral",
               fields={"person": str(person.pk), "referral": str(referral.pk) if referral else "",
                       "referred_on": referred_on.isoformat()})
    return case


def open_case_for_referral(sender, instance, created, **kwargs) -> None:
    """post_save of referrals.StatusChange: an accepted referral to a befriending service opens a case (once)."""
    from communities.referrals.models import Status

    if not created or instance.to_status != Status.ACCEPTED:
        return
    referral = instance.referral
    if BefriendingCase.objects.filter(referral=referral).exists() or not is_befriending_service(referral.service):
        return
    open_case(actor=instance.by, organisation=referral.to_organisation, person=referral.person, referral=referral,
              referred_on=timezone.localdate(referral.created_at), agreed_notes=referral.contact_notes)


def update_needs(*, actor, case: BefriendingCase, interests: list, languages: list, communication: list,
                 preferred_slots: list, agreed_notes: str, request=None) -> BefriendingCase:
    with transaction.atomic():
        case.interests, case.languages, case.communication = interests, languages, communication
        case.preferred_slots, case.agreed_notes = preferred_slots, agreed_notes.strip()
        case.save(update_fields=["interests", "languages", "communication", "preferred_slots", "agreed_notes"])
        record(actor=actor, organisation=case.organisation, action=Action.UPDATE, obj=case, request=request,
               fields={"interests": interests, "languages": languages, "communication": communication,
                       "preferred_slots": preferred_slots, "agreed_notes_changed": True})
    return case


def confirm_match(*, actor, case: BefriendingCase, befriender: Befriender, reasons: list[str], request=None,
                  on_date: date | None = None) -> BefriendingCase:
    on_date = on_date or timezone.localdate()
    if befriender.organisation_id != case.organisation_id or not befriender.is_active:
        raise BefriendingError("Choose one of the befrienders suggested", field="befriender")
    unmet = unmet_requirements(befriender.volunteer, Requirements.of(befriender.role), on_date)
    if unmet:
        raise BefriendingError(f"{befriender} cannot befriend yet: " + " ".join(unmet), field="befriender")
    if befriender.volunteer.user_id is None:
        raise BefriendingError(f"{befriender} has no account to sign in with", field="befriender")
    with transaction.atomic():
        locked = BefriendingCase.objects.select_for_update().get(pk=case.pk)
        if locked.stage != Stage.REFERRED:
            raise BefriendingError("This person has already been matched: reload the page")
        busy = Befriender.objects.select_for_update().get(pk=befriender.pk).cases.filter(stage__in=OPEN_STAGES)
        if busy.count() >= befriender.capacity:
            raise BefriendingError(f"{befriender} is already befriending as many people as they can",
                                   field="befriender")
        try:
            assignment = assign_person(
                actor=actor, organisation=case.organisation, person=case.person, assignee=befriender.volunteer.user,
                kind="befriending", reason="Befriending match", request=request,
                ends_at=timezone.now() + timedelta(days=settings.BEFRIENDING_MATCH_DAYS))
        except AssignmentError as exc:
            raise BefriendingError(str(exc), field="befriender") from exc
        now = timezone.now()
        BefriendingCase.objects.filter(pk=case.pk).update(
            stage=Stage.MATCHED, befriender=befriender, assignment=assignment, matched_at=now, matched_by=actor,
            match_reasons=reasons[:10])
        CheckIn.objects.create(case=case, due_on=on_date + timedelta(days=case.checkin_every_days))
        record(actor=actor, organisation=case.organisation, action=Action.UPDATE, obj=case, request=request,
               fields={"stage": [Stage.REFERRED, Stage.MATCHED], "befriender": str(befriender.pk),
                       "person": str(case.person_id), "reasons": reasons[:10]})
    case.refresh_from_db()
    return case


def record_first_meeting(*, actor, case: BefriendingCase, met_on: date, request=None) -> BefriendingCase:
    if case.stage != Stage.MATCHED:
        raise BefriendingError("A first meeting is recorded once, after a match")
    if met_on < case.referred_on or met_on > timezone.localdate():
        raise BefriendingError("The first meeting must be between the referral and today", field="met_on")
    with transaction.atomic():
        BefriendingCase.objects.filter(pk=case.pk, stage=Stage.MATCHED).update(stage=Stage.MEETING,
                                                                               first_meeting_on=met_on)
        record(actor=actor, organisation=case.organisation, action=Action.UPDATE, obj=case, request=request,
               fields={"stage": [Stage.MATCHED, Stage.MEETING], "first_meeting_on": met_on.isoformat()})
    case.refresh_from_db()
    return case


def record_measure(*, actor, case: BefriendingCase, point: str, taken_on: date, direct: int | None, ucla: dict,
                   request=None) -> LonelinessMeasure:
    if point not in MeasurePoint.values:
        raise BefriendingError("Choose when the measure was taken: 0, 3 or 6 months", field="point")
    problems = check_answers(direct, ucla)
    if problems:
        field, message = next(iter(problems.items()))
        raise BefriendingError(message, field=field)
    if direct is None and not ucla:
        raise BefriendingError("Enter at least one answer", field="direct")
    score = ucla3().total(ucla)
    with transaction.atomic():
        measure, created = LonelinessMeasure.objects.update_or_create(
            case=case, point=point, defaults={"taken_on": taken_on, "direct_answer": direct, "ucla_answers": ucla,
                                              "ucla_score": score, "recorded_by": actor})
        record(actor=actor, organisation=case.organisation, action=Action.CREATE if created else Action.UPDATE,
               obj=measure, request=request, fields={"person": str(case.person_id), "point": point,
                                                     "direct": direct, "ucla": ucla, "ucla_score": score})
    return measure


def record_checkin(*, actor, case: BefriendingCase, outcome: str, note: str = "", done_on: date | None = None,
                   request=None) -> CheckIn:
    done_on = done_on or timezone.localdate()
    if outcome not in CheckIn.Outcome.values:
        raise BefriendingError("Choose how the check-in went", field="outcome")
    with transaction.atomic():
        due = case.checkins.filter(done_on__isnull=True).order_by("due_on").first()
        if due is None:
            raise BefriendingError("No check-in is due for this match")
        CheckIn.objects.filter(pk=due.pk).update(done_on=done_on, outcome=outcome, note=note.strip(),
                                                 recorded_by=actor)
        if case.stage in OPEN_STAGES:
            CheckIn.objects.create(case=case, due_on=done_on + timedelta(days=case.checkin_every_days))
        record(actor=actor, organisation=case.organisation, action=Action.UPDATE, obj=due, request=request,
               fields={"person": str(case.person_id), "outcome": outcome, "done_on": done_on.isoformat()})
    due.refresh_from_db()
    return due


def end_case(*, actor, case: BefriendingCase, reason: str, request=None) -> BefriendingCase:
    if case.stage == Stage.ENDED:
        raise BefriendingError("This befriending has already ended")
    if not reason.strip():
        raise BefriendingError("Say why the befriending is ending", field="reason")
    with transaction.atomic():
        if case.assignment and case.assignment.ended_at is None and case.assignment.ends_at > timezone.now():
            end_assignment(actor=actor, assignment=case.assignment, request=request)
        BefriendingCase.objects.filter(pk=case.pk).update(stage=Stage.ENDED, ended_on=timezone.localdate(),
                                                          end_reason=reason.strip()[:200])
        case.checkins.filter(done_on__isnull=True).delete()
        record(actor=actor, organisation=case.organisation, action=Action.UPDATE, obj=case, request=request,
               fields={"stage": [case.stage, Stage.ENDED], "reason": reason.strip()[:200]})
    case.refresh_from_db()
    return case


def escalate_missed_checkins(today: date | None = None) -> dict:
    """Check-ins not done within the grace days: each escalated once (claimed by a conditional update, so two
    workers never send twice) by email to the organisation's volunteer coordinators, or its administrators."""
    today = today or timezone.localdate()
    late = today - timedelta(days=settings.BEFRIENDING_CHECKIN_GRACE_DAYS)
    escalated = 0
    for checkin in CheckIn.objects.filter(done_on__isnull=True, escalated_at__isnull=True, due_on__lt=late,
                                          case__stage__in=OPEN_STAGES).select_related("case__organisation"):
        with transaction.atomic():
            if not CheckIn.objects.filter(pk=checkin.pk, escalated_at__isnull=True).update(
                    escalated_at=timezone.now()):
                continue
            organisation = checkin.case.organisation
            for email in _coordinators(organisation):
                notify.send_email(to=email, template="befriending_checkin_missed", personalisation={
                    "organisation": organisation.name, "due": f"{checkin.due_on:%-d %B %Y}",
                    "link": settings.SITE_ROOT.rstrip("/") + f"/befriending/cases/{checkin.case_id}/"},
                    reference=f"befriending-checkin-{checkin.pk}")
            record(actor=None, organisation=organisation, action=Action.UPDATE, obj=checkin,
                   reason="Missed check-in escalated to the coordinators",
                   fields={"due_on": checkin.due_on.isoformat()})
            escalated += 1
    return {"escalated": escalated}


def _coordinators(organisation) -> list[str]:
    for role in (Role.VOLUNTEER_COORDINATOR, Role.ADMINISTRATOR):
        emails = sorted(set(Membership.objects.active().filter(organisation=organisation, role=role)
                            .values_list("user__email", flat=True)))
        if emails:
            return emails
    return []


def matches_shown_to(user, *, request=None) -> list[BefriendingCase]:
    """A befriender's current matches, each read audited (the page shows name, contact and agreed notes only)."""
    matches = list(BefriendingCase.objects.matched_with(user).select_related("person"))
    for found in matches:
        record(actor=user, action=Action.VIEW, obj=found, request=request,
               fields={"person": str(found.person_id), "shown": ["name", "phone", "email", "agreed_notes"]})
    return matches


def case_rows():
    """Cases with what a case page shows beside them (scope with visible_to / get_visible_or_404)."""
    return BefriendingCase.objects.select_related("person", "befriender__volunteer", "referral")


def befriender_candidates(organisation):
    """Approved applications to this organisation's ongoing roles whose volunteer is not a befriender yet."""
    from communities.volunteering.models import Application

    return (Application.objects.filter(role__activity__organisation=organisation, role__kind="ongoing",
                                       status="approved", volunteer__befriender__isnull=True)
            .select_related("volunteer", "role").order_by("volunteer__last_name", "volunteer__first_name"))


def add_befriender(*, actor, organisation, application, interests: list, languages: list, communication: list,
                   capacity: int, request=None) -> Befriender:
    """A volunteer approved for one of the organisation's ongoing roles becomes a befriender in that role (its
    requirements are then checked whenever they are suggested or matched)."""
    if not befriender_candidates(organisation).filter(pk=application.pk).exists():
        raise BefriendingError("Choose a volunteer approved for one of your ongoing roles", field="application")
    if not 1 <= capacity <= 10:
        raise BefriendingError("Enter how many people they can befriend, from 1 to 10", field="capacity")
    with transaction.atomic():
        befriender = Befriender.objects.create(
            volunteer=application.volunteer, organisation=organisation, role=application.role, interests=interests,
            languages=languages, communication=communication, capacity=capacity)
        record(actor=actor, organisation=organisation, action=Action.CREATE, obj=befriender, request=request,
               fields={"volunteer": str(application.volunteer_id), "role": str(application.role_id),
                       "capacity": capacity})
    return befriender


def befrienders_of(user) -> list[Befriender]:
    return list(Befriender.objects.visible_to(user).select_related("volunteer", "role")
                .annotate(open_cases=models.Count("cases", filter=models.Q(cases__stage__in=OPEN_STAGES))))
