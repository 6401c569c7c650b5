"""Volunteers: a resident's account and volunteer record, their week pattern, and the checks an organiser records."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.places.geo import PostcodeError
from communities.places.services import PlaceNotFound, locate

from ..models import Availability, CheckKind, PartOfDay, Volunteer, VolunteerCheck
from .common import Action, Errors, audit, require_organiser

MAX_LIST_ITEMS = 20


def _place(errors: Errors, postcode: str) -> dict:
    if not postcode:
        return {"home_postcode": "", "latitude": None, "longitude": None, "ward": None, "lsoa": None}
    try:
        where = locate(postcode)
    except (PostcodeError, PlaceNotFound) as exc:
        errors.add("postcode", str(exc))
        return {}
    return {"home_postcode": where.postcode, "latitude": where.latitude, "longitude": where.longitude,
            "ward": where.ward, "lsoa": where.lsoa}


def _words(errors: Errors, field: str, values) -> list[str]:
    items = [v.strip() for v in (values or []) if v and v.strip()]
    if len(items) > MAX_LIST_ITEMS or any(len(v) > 60 for v in items):
        errors.add(field, f"Give up to {MAX_LIST_ITEMS} items of 60 characters or fewer")
    return items


def _profile(errors: Errors, *, first_name, last_name, postcode, date_of_birth, languages, interests) -> dict:
    if not (first_name or "").strip():
        errors.add("first_name", "Enter your first name")
    if not (last_name or "").strip():
        errors.add("last_name", "Enter your last name")
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        errors.add("date_of_birth", "Date of birth must be in the past")
    return {"first_name": (first_name or "").strip()[:100], "last_name": (last_name or "").strip()[:100],
            "date_of_birth": date_of_birth, "languages": _words(errors, "languages", languages),
            "interests": _words(errors, "interests", interests), **_place(errors, postcode)}


def register_resident(*, email: str, password: str, first_name: str, last_name: str, postcode: str = "",
                      date_of_birth: date | None = None, phone: str = "", languages=(), interests=(),
                      request=None) -> Volunteer:
    """A resident's own account (no organisation membership) and their volunteer record, in one transaction."""
    User = get_user_model()
    errors = Errors()
    email = (email or "").strip().lower()
    if not email:
        errors.add("email", "Enter your email address")
    elif User.objects.filter(email__iexact=email).exists():
        errors.add("email", "An account with this email address already exists: sign in instead")
    try:
        validate_password(password or "")
    except ValidationError as exc:
        errors.add("password", " ".join(exc.messages))
    fields = _profile(errors, first_name=first_name, last_name=last_name, postcode=postcode,
                      date_of_birth=date_of_birth, languages=languages, interests=interests)
    errors.raise_if_any()
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password,
                                        full_name=f"{fields['first_name']} {fields['last_name']}")
        volunteer = Volunteer.objects.create(user=user, email=email, phone=(phone or "").strip()[:30], **fields)
        audit(actor=user, action=Action.CREATE, obj=volunteer, reason="Resident registered to volunteer",
              fields={"postcode": volunteer.home_postcode}, request=request)
    return volunteer


def update_profile(*, actor, volunteer: Volunteer, request=None, **changes) -> Volunteer:
    if volunteer.user_id != actor.pk:
        raise ValidationError("You can change only your own details.")
    errors = Errors()
    fields = _profile(errors, **changes)
    errors.raise_if_any()
    with transaction.atomic():
        for name, value in fields.items():
            setattr(volunteer, name, value)
        volunteer.save()
        audit(actor=actor, action=Action.UPDATE, obj=volunteer, fields={"postcode": volunteer.home_postcode},
              request=request)
    return volunteer


def set_availability(*, actor, volunteer: Volunteer, slots, request=None) -> set[tuple[int, str]]:
    """Replace the volunteer's week pattern with ``slots`` ({(weekday, part_of_day)})."""
    if volunteer.user_id != actor.pk:
        raise ValidationError("You can change only your own availability.")
    wanted = set()
    for weekday, part in slots:
        if not (0 <= int(weekday) <= 6) or part not in PartOfDay.values:
            raise ValidationError({"slots": f"{weekday} {part} is not a day and part of the day"})
        wanted.add((int(weekday), part))
    with transaction.atomic():
        Availability.objects.filter(volunteer=volunteer).delete()
        Availability.objects.bulk_create([Availability(volunteer=volunteer, weekday=d, part_of_day=p)
                                          for d, p in sorted(wanted)])
        audit(actor=actor, action=Action.UPDATE, obj=volunteer, request=request,
              fields={"availability": sorted(f"{d}:{p}" for d, p in wanted)})
    return wanted


def record_check(*, actor, organisation, volunteer: Volunteer, kind: str, issued_on: date,
                 expires_on: date | None = None, detail: str = "", is_clear: bool = True,
                 request=None) -> VolunteerCheck:
    """An organiser records a check, reference or training they have seen; it counts from now (verified)."""
    require_organiser(actor, organisation)
    errors = Errors()
    if kind not in CheckKind.values:
        errors.add("kind", "Choose the kind of check")
    if issued_on is None or issued_on > timezone.localdate():
        errors.add("issued_on", "Date issued must be today or in the past")
    elif expires_on is not None and expires_on <= issued_on:
        errors.add("expires_on", "Renewal date must be after the date issued")
    if kind == CheckKind.TRAINING and not (detail or "").strip():
        errors.add("detail", "Enter the name of the training course")
    errors.raise_if_any()
    with transaction.atomic():
        check = VolunteerCheck.objects.create(
            volunteer=volunteer, kind=kind, issued_on=issued_on, expires_on=expires_on,
            detail=(detail or "").strip()[:200], is_clear=is_clear, verified_by=actor, verified_at=timezone.now(),
            organisation=organisation)
        audit(actor=actor, action=Action.CREATE, obj=check, organisation=organisation, request=request,
              fields={"volunteer": str(volunteer.pk), "kind": kind, "is_clear": is_clear,
                      "expires_on": expires_on.isoformat() if expires_on else None})
    return check
