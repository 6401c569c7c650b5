"""Publishing roles and sessions, applying and approving, and signing up to sessions.

Every route to a sign-up (the volunteer's own page, an organiser adding someone to a list, an application being
approved) goes through :func:`sign_up` or :func:`decide_application`, which refuse a volunteer who does not meet
the role's requirements on the day (``checks.unmet_requirements``): the gate is here, not on the page.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.accounts.mfa import has_totp
from communities.places.geo import PostcodeError
from communities.places.services import PlaceNotFound, locate

from ..checks import unmet_requirements
from ..models import Activity, Application, ApplicationStatus, Role, Session, SessionSignup, Volunteer
from .common import Action, Errors, audit, is_organiser_of, refuse, require_organiser

MAX_SESSIONS_AT_ONCE = 52  # a year of weekly sessions


class RequirementsNotMet(ValidationError):
    """The volunteer does not meet the role's requirements; ``reasons`` in plain English."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(reasons)


def _gate(volunteer: Volunteer, role: Role, on_date) -> None:
    reasons = unmet_requirements(volunteer, role.requirements, on_date)
    if role.touches_personal_data and (volunteer.user is None or not has_totp(volunteer.user)):
        reasons.append("This role involves residents' personal data: set up a second factor for your account "
                       "(an authenticator app) before you volunteer for it.")
    if reasons:
        raise RequirementsNotMet(reasons)


def publish_role(*, actor, activity: Activity, request=None, **fields) -> Role:
    require_organiser(actor, activity.organisation)
    errors = Errors()
    for name, message in (("title", "Enter the role's title"), ("description", "Describe what volunteers do"),
                          ("commitment", "Say how much time it takes")):
        if not (fields.get(name) or "").strip():
            errors.add(name, message)
    place = {}
    if fields.get("postcode"):
        try:
            where = locate(fields["postcode"])
            place = {"postcode": where.postcode, "latitude": where.latitude, "longitude": where.longitude,
                     "ward": where.ward}
        except (PostcodeError, PlaceNotFound) as exc:
            errors.add("postcode", str(exc))
    errors.raise_if_any()
    with transaction.atomic():
        role = Role(activity=activity, **{**fields, **place})
        role.full_clean(exclude=["activity"])
        role.save()
        audit(actor=actor, action=Action.CREATE, obj=role, organisation=activity.organisation, request=request,
              fields={"title": role.title, "dbs_level": role.dbs_level, "barred_list": role.barred_list})
    return role


def add_sessions(*, actor, role: Role, starts_at: datetime, ends_at: datetime, weekly_for: int = 1,
                 places: int | None = None, request=None) -> list[Session]:
    """One session, or the same time every week for ``weekly_for`` weeks (a recurring role)."""
    require_organiser(actor, role.activity.organisation)
    errors = Errors()
    if ends_at <= starts_at:
        errors.add("ends_at", "The end must be after the start")
    if starts_at < timezone.now():
        errors.add("starts_at", "The start must be in the future")
    if not 1 <= weekly_for <= MAX_SESSIONS_AT_ONCE:
        errors.add("weekly_for", f"Give between 1 and {MAX_SESSIONS_AT_ONCE} weeks")
    errors.raise_if_any()
    with transaction.atomic():
        sessions = Session.objects.bulk_create([
            Session(role=role, starts_at=starts_at + timedelta(weeks=n), ends_at=ends_at + timedelta(weeks=n),
                    places=places) for n in range(weekly_for)])
        audit(actor=actor, action=Action.CREATE, obj=role, organisation=role.activity.organisation,
              request=request, fields={"sessions_added": len(sessions), "first": starts_at.isoformat()})
    return sessions


def apply(*, actor, volunteer: Volunteer, role: Role, message: str = "", request=None) -> Application:
    """The volunteer applies; refused when they do not meet the role's requirements today."""
    if volunteer.user_id != actor.pk:
        refuse(None, "Volunteers apply for themselves.")
    if not role.is_published:
        refuse(None, "This role is not open to applications.")
    _gate(volunteer, role, timezone.localdate())
    if len(message or "") > 2000:
        refuse("message", "Use 2000 characters or fewer")
    with transaction.atomic():
        application, created = Application.objects.get_or_create(volunteer=volunteer, role=role,
                                                                 defaults={"message": message})
        if not created:
            if application.status in (ApplicationStatus.APPLIED, ApplicationStatus.APPROVED):
                return application
            application.status, application.message = ApplicationStatus.APPLIED, message
            application.applied_at, application.decided_by, application.decided_at = timezone.now(), None, None
            application.save()
        audit(actor=actor, action=Action.CREATE, obj=application, organisation=role.activity.organisation,
              request=request, fields={"role": str(role.pk)})
    return application


def decide_application(*, actor, application: Application, approve: bool, note: str = "",
                       request=None) -> Application:
    """An organiser approves (only a volunteer who meets the requirements today) or declines."""
    role = application.role
    require_organiser(actor, role.activity.organisation)
    if approve:
        _gate(application.volunteer, role, timezone.localdate())
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, status=ApplicationStatus.APPLIED).update(
            status=ApplicationStatus.APPROVED if approve else ApplicationStatus.DECLINED,
            decided_by=actor, decided_at=timezone.now(), decision_note=(note or "")[:2000])
        if not updated:
            refuse(None, "This application has already been decided or withdrawn.")
        application.refresh_from_db()
        audit(actor=actor, action=Action.UPDATE, obj=application, organisation=role.activity.organisation,
              request=request, fields={"status": application.status})
    return application


def _may_sign_up(actor, volunteer: Volunteer, role: Role) -> None:
    organiser = is_organiser_of(actor, role.activity.organisation)
    if volunteer.user_id != actor.pk and not organiser:
        refuse(None, "You can sign up only yourself.")
    if role.apply_first and not Application.objects.filter(volunteer=volunteer, role=role,
                                                          status=ApplicationStatus.APPROVED).exists():
        refuse(None, "Apply for this role first: an organiser approves volunteers before they sign up to sessions.")


def sign_up(*, actor, volunteer: Volunteer, session: Session, request=None) -> SessionSignup:
    """Put the volunteer on the session's list: refused when they do not meet the role's requirements on the
    session's day, when the session is past, cancelled or full, or when the role needs an approved application."""
    role = session.role
    _may_sign_up(actor, volunteer, role)
    _gate(volunteer, role, timezone.localtime(session.starts_at).date())
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled or session.starts_at < timezone.now():
            refuse(None, "This session has been cancelled or has already started.")
        signup = SessionSignup.objects.filter(session=session, volunteer=volunteer).first()
        if signup is not None and signup.cancelled_at is None:
            return signup
        taken = session.signups.filter(cancelled_at__isnull=True).count()
        if session.places is not None and taken >= session.places:
            refuse(None, "This session is full.")
        if signup is None:
            signup = SessionSignup.objects.create(session=session, volunteer=volunteer, signed_up_by=actor)
        else:
            signup.cancelled_at, signup.signed_up_by, signup.signed_up_at = None, actor, timezone.now()
            signup.save()
        Session.objects.filter(pk=session.pk).update(updated_at=timezone.now())  # the feed's capacity changed
        audit(actor=actor, action=Action.CREATE, obj=signup, organisation=role.activity.organisation,
              request=request, fields={"session": str(session.pk), "volunteer": str(volunteer.pk)})
    return signup


def cancel_signup(*, actor, signup: SessionSignup, request=None) -> SessionSignup:
    organisation = signup.session.role.activity.organisation
    if signup.volunteer.user_id != actor.pk and not is_organiser_of(actor, organisation):
        refuse(None, "You can cancel only your own place.")
    with transaction.atomic():
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["cancelled_at"])
        Session.objects.filter(pk=signup.session_id).update(updated_at=timezone.now())
        audit(actor=actor, action=Action.UPDATE, obj=signup, organisation=organisation, request=request,
              fields={"cancelled": True})
    return signup


def set_published(*, actor, role: Role, published: bool, request=None) -> Role:
    """Publish or withdraw a role; its sessions are touched so the sessions feed reports them (deleted when
    withdrawn)."""
    require_organiser(actor, role.activity.organisation)
    with transaction.atomic():
        now = timezone.now()
        Role.objects.filter(pk=role.pk).update(is_published=published, updated_at=now)
        role.sessions.update(updated_at=now)
        role.refresh_from_db()
        audit(actor=actor, action=Action.UPDATE, obj=role, organisation=role.activity.organisation,
              request=request, fields={"is_published": published})
    return role


def create_activity(*, actor, organisation, name: str, description: str = "", cause: str, request=None) -> Activity:
    require_organiser(actor, organisation)
    if not (name or "").strip():
        refuse("name", "Enter the activity's name")
    with transaction.atomic():
        activity = Activity.objects.create(organisation=organisation, name=name.strip()[:200],
                                           description=(description or "").strip(), cause=cause)
        audit(actor=actor, action=Action.CREATE, obj=activity, organisation=organisation, request=request,
              fields={"name": activity.name})
    return activity
