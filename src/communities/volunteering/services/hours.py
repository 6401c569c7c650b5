"""Hours: volunteers log their own; an organiser of the role's organisation approves or rejects; totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ..models import Application, ApplicationStatus, HoursLog, HoursStatus, Role, Session, SessionSignup, Volunteer
from .common import Action, Errors, audit, refuse, require_organiser

MIN_HOURS, MAX_HOURS = Decimal("0.25"), Decimal("24")
LATEST_DAYS_BACK = 366  # hours are logged within a year of giving them


def _takes_part(volunteer: Volunteer, role: Role) -> bool:
    return (Application.objects.filter(volunteer=volunteer, role=role, status=ApplicationStatus.APPROVED).exists()
            or SessionSignup.objects.filter(volunteer=volunteer, session__role=role,
                                            cancelled_at__isnull=True).exists())


def log_hours(*, actor, volunteer: Volunteer, role: Role, on_date: date, hours, session: Session | None = None,
              note: str = "", request=None) -> HoursLog:
    if volunteer.user_id != actor.pk:
        refuse(None, "Volunteers log their own hours.")
    errors = Errors()
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        errors.add("hours", "Enter the hours as a number, like 2 or 1.5")
    else:
        if not MIN_HOURS <= hours <= MAX_HOURS:
            errors.add("hours", "Hours must be between 0.25 and 24")
    today = timezone.localdate()
    if on_date is None or on_date > today:
        errors.add("on_date", "The date must be today or in the past")
    elif (today - on_date).days > LATEST_DAYS_BACK:
        errors.add("on_date", "Log hours within a year of giving them")
    if session is not None and session.role_id != role.pk:
        errors.add("session", "That session is not part of this role")
    if not _takes_part(volunteer, role):
        errors.add("role", "You can log hours only for roles you are approved for or signed up to")
    if len(note or "") > 300:
        errors.add("note", "Use 300 characters or fewer")
    errors.raise_if_any()
    with transaction.atomic():
        entry = HoursLog.objects.create(volunteer=volunteer, role=role, session=session, on_date=on_date,
                                        hours=hours, note=(note or "").strip())
        audit(actor=actor, action=Action.CREATE, obj=entry, organisation=role.activity.organisation,
              request=request, fields={"hours": str(hours), "on_date": on_date.isoformat()})
    return entry


def decide_hours(*, actor, entry: HoursLog, approve: bool, request=None) -> HoursLog:
    organisation = entry.role.activity.organisation
    require_organiser(actor, organisation)
    with transaction.atomic():
        updated = HoursLog.objects.filter(pk=entry.pk, status=HoursStatus.PENDING).update(
            status=HoursStatus.APPROVED if approve else HoursStatus.REJECTED, decided_by=actor,
            decided_at=timezone.now())
        if not updated:
            refuse(None, "These hours have already been decided.")
        entry.refresh_from_db()
        audit(actor=actor, action=Action.UPDATE, obj=entry, organisation=organisation, request=request,
              fields={"status": entry.status})
    return entry


@dataclass(frozen=True)
class RoleTotal:
    organisation: str
    role: str
    hours: Decimal
    first: date
    last: date


def totals_for(volunteer: Volunteer) -> tuple[Decimal, list[RoleTotal]]:
    """Approved hours: the total and one line per role (for the volunteer's page and certificate)."""
    from django.db.models import Max, Min

    rows = (HoursLog.objects.filter(volunteer=volunteer, status=HoursStatus.APPROVED)
            .values("role__activity__organisation__name", "role__title")
            .annotate(hours=Sum("hours"), first=Min("on_date"), last=Max("on_date"))
            .order_by("role__activity__organisation__name", "role__title"))
    lines = [RoleTotal(r["role__activity__organisation__name"], r["role__title"], r["hours"], r["first"], r["last"])
             for r in rows]
    return sum((line.hours for line in lines), Decimal("0")), lines
