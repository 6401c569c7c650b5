"""Drivers, their vehicles, weekly availability with holidays and other exceptions, and compliance checks; the
morning chase of checks about to expire."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core import notify
from communities.organisations.models import Membership, Role

from ..compliance import long_date, rule_for
from ..models import (
    AvailabilityException,
    ComplianceItem,
    ComplianceKind,
    Driver,
    ExceptionKind,
    Vehicle,
    WeeklyAvailability,
)
from .common import place

logger = logging.getLogger(__name__)
REGISTRATION = re.compile(r"^[A-Z0-9]{2,8}$")
MAX_SEATS = 16  # a minibus of 9-16 passenger seats needs a section 19 or 22 permit as well (references.md, a)


def register_driver(*, actor, organisation, user, home_postcode: str, phone: str = "", request=None) -> Driver:
    if not Membership.objects.active().filter(user=user, organisation=organisation, role=Role.DRIVER).exists():
        raise ValidationError({"user": f"{user} does not hold the volunteer driver role in {organisation}"})
    if Driver.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError({"user": f"{user} is already a driver of the scheme"})
    home = place(home_postcode, "home_postcode")
    with transaction.atomic():
        driver = Driver.objects.create(user=user, organisation=organisation, home_postcode=home.postcode,
                                       home_latitude=home.latitude, home_longitude=home.longitude,
                                       phone=phone.strip()[:30])
        record(actor=actor, organisation=organisation, action=Action.CREATE, obj=driver, request=request,
               fields={"user": str(user.pk), "home_postcode": home.postcode})
    return driver


def add_vehicle(*, actor, organisation, registration: str, description: str, seats: int, wheelchair_spaces: int,
                first_registered: date, owner: Driver | None = None, request=None) -> Vehicle:
    registration = re.sub(r"\s+", "", registration or "").upper()
    errors = {}
    if not REGISTRATION.match(registration):
        errors["registration"] = "Enter the registration as on the number plate, like AB12 CDE"
    elif Vehicle.objects.filter(organisation=organisation, registration=registration).exists():
        errors["registration"] = f"{registration} is already one of the scheme's vehicles"
    if not 1 <= seats <= MAX_SEATS:
        errors["seats"] = f"Enter the passenger seats, from 1 to {MAX_SEATS}"
    if not 0 <= wheelchair_spaces <= 4:
        errors["wheelchair_spaces"] = "Enter the wheelchair spaces, from 0 to 4"
    if first_registered > timezone.localdate():
        errors["first_registered"] = "The date of first registration must be in the past"
    if owner is not None and owner.organisation_id != organisation.pk:
        errors["owner"] = "The owner must be one of the scheme's drivers"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        vehicle = Vehicle.objects.create(organisation=organisation, registration=registration,
                                         description=description.strip()[:100], seats=seats,
                                         wheelchair_spaces=wheelchair_spaces, first_registered=first_registered,
                                         owner=owner)
        record(actor=actor, organisation=organisation, action=Action.CREATE, obj=vehicle, request=request,
               fields={"registration": registration, "seats": seats, "wheelchair_spaces": wheelchair_spaces})
    return vehicle


def set_weekly_availability(*, actor, driver: Driver, slots: list[tuple[int, time, time]],
                            request=None) -> list[WeeklyAvailability]:
    """Replace the driver's weekly pattern with ``slots`` (weekday 0 = Monday, start, end)."""
    errors = []
    for number, (weekday, starts, ends) in enumerate(slots, start=1):
        if not 0 <= weekday <= 6:
            errors.append(f"Time {number}: choose a day of the week")
        elif ends <= starts:
            errors.append(f"Time {number}: the end ({ends:%H:%M}) must be after the start ({starts:%H:%M})")
    if errors:
        raise ValidationError({"slots": errors[:10]})
    with transaction.atomic():
        driver.weekly_availability.all().delete()
        saved = WeeklyAvailability.objects.bulk_create(
            WeeklyAvailability(driver=driver, weekday=weekday, starts=starts, ends=ends)
            for weekday, starts, ends in slots)
        record(actor=actor, organisation=driver.organisation, action=Action.UPDATE, obj=driver, request=request,
               fields={"weekly_availability": [f"{w} {s:%H:%M}-{e:%H:%M}" for w, s, e in slots]})
    return saved


def add_availability_exception(*, actor, driver: Driver, kind: str, starts_at: datetime, ends_at: datetime,
                               reason: str = "", request=None) -> AvailabilityException:
    errors = {}
    if kind not in ExceptionKind.values:
        errors["kind"] = "Choose holiday, not available, or available as well"
    if ends_at <= starts_at:
        errors["ends_at"] = "The end must be after the start"
    elif ends_at - starts_at > timedelta(days=366):
        errors["ends_at"] = "An exception can last at most a year: end the driver's membership instead"
    if ends_at <= timezone.now():
        errors["ends_at"] = errors.get("ends_at") or "That time has already passed"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        saved = AvailabilityException.objects.create(driver=driver, kind=kind, starts_at=starts_at, ends_at=ends_at,
                                                     reason=reason.strip()[:200])
        record(actor=actor, organisation=driver.organisation, action=Action.CREATE, obj=saved, request=request,
               fields={"driver": str(driver.pk), "kind": kind, "starts_at": starts_at, "ends_at": ends_at})
    return saved


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _compliance_errors(kind, checked_on, expires_on, share_code_made_on, vehicle, driver) -> dict:
    errors = {}
    rule = rule_for(kind) if kind in ComplianceKind.values else None
    if rule is None:
        return {"kind": "Choose which check this is"}
    if checked_on > timezone.localdate():
        errors["checked_on"] = "The check date cannot be in the future"
    if expires_on is not None and expires_on <= checked_on:
        errors["expires_on"] = "The expiry date must be after the check date"
    if kind in (ComplianceKind.INSURANCE, ComplianceKind.MOT) and expires_on is None:
        errors["expires_on"] = "Enter the date the " + ("policy renews" if kind == ComplianceKind.INSURANCE
                                                         else "MOT certificate expires")
    if kind == ComplianceKind.MOT and vehicle is None:
        errors["vehicle"] = "Choose the vehicle the MOT is for"
    if vehicle is not None and vehicle.organisation_id != driver.organisation_id:
        errors["vehicle"] = "Choose one of the scheme's vehicles"
    if kind == ComplianceKind.LICENCE_CHECK:
        days = rule["share_code_days"]
        if share_code_made_on is None:
            errors["share_code_made_on"] = "Enter the date the driver made the DVLA share code"
        elif not share_code_made_on <= checked_on <= share_code_made_on + timedelta(days=days):
            errors["share_code_made_on"] = (
                f"A DVLA share code lasts {days} days: the code made on {long_date(share_code_made_on)} could not be "
                f"used on {long_date(checked_on)}. Ask the driver for a new code")
    return errors


def record_compliance(*, actor, driver: Driver, kind: str, checked_on: date, expires_on: date | None = None,
                      reference: str = "", share_code_made_on: date | None = None, vehicle: Vehicle | None = None,
                      request=None) -> ComplianceItem:
    """Record a check; with no expiry given, the scheme's renewal period in the rules file sets it."""
    errors = _compliance_errors(kind, checked_on, expires_on, share_code_made_on, vehicle, driver)
    if errors:
        raise ValidationError(errors)
    months = rule_for(kind).get("valid_for_months")
    if expires_on is None and months:
        expires_on = _months_after(checked_on, months)
    with transaction.atomic():
        item = ComplianceItem.objects.create(driver=driver, kind=kind, checked_on=checked_on, expires_on=expires_on,
                                             reference=reference.strip()[:60], share_code_made_on=share_code_made_on,
                                             vehicle=vehicle, recorded_by=actor)
        record(actor=actor, organisation=driver.organisation, action=Action.CREATE, obj=item, request=request,
               fields={"driver": str(driver.pk), "kind": kind, "checked_on": checked_on, "expires_on": expires_on})
    return item


def expiring_items(today: date, days_ahead: int):
    """The newest check of each kind per driver (and per vehicle for MOTs) that expires within ``days_ahead``."""
    soon = ComplianceItem.objects.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=days_ahead),
                                         driver__is_active=True).select_related("driver__user", "vehicle")
    for item in soon:
        newer = ComplianceItem.objects.filter(driver=item.driver, kind=item.kind, expires_on__gt=item.expires_on)
        if item.vehicle_id:
            newer = ComplianceItem.objects.filter(vehicle=item.vehicle, kind=item.kind,
                                                  expires_on__gt=item.expires_on)
        if not newer.exists():
            yield item


def chase_expiring_checks(today: date | None = None) -> dict:
    """Periodic task: email each driver whose check expires within ``TRANSPORT_CHASE_DAYS_AHEAD`` days, at most once
    a week per check (safe to run twice)."""
    today = today or timezone.localdate()
    chased, week_ago = 0, timezone.now() - timedelta(days=7)
    for item in expiring_items(today, settings.TRANSPORT_CHASE_DAYS_AHEAD):
        if item.chased_at and item.chased_at > week_ago:
            continue
        what = item.get_kind_display() + (f" for {item.vehicle.registration}" if item.vehicle_id else "")
        with transaction.atomic():
            updated = ComplianceItem.objects.filter(pk=item.pk, chased_at=item.chased_at).update(
                chased_at=timezone.now())
            if not updated:
                continue
            record(actor=None, organisation=item.driver.organisation, action=Action.UPDATE, obj=item,
                   reason="transport.chase_expiring_checks", fields={"chased_at": timezone.now()})
        try:
            notify.send_email(to=item.driver.user.email, template="transport_check_expiring", personalisation={
                "name": item.driver.name, "what": what, "expires": long_date(item.expires_on),
                "organisation": str(item.driver.organisation),
                "link": settings.SITE_ROOT + reverse("transport:driver_detail", kwargs={"driver_id": item.driver_id})})
        except notify.DeliveryError:
            logger.warning("Could not send the expiry reminder for compliance item %s", item.pk)
            continue
        chased += 1
    return {"chased": chased}
