"""Registering residents on the emergency register, reviewing their consent (every 12 months at least) and taking
them off. The consent is a ``people.Consent`` (purpose ``emergency_register``, explicit consent because needs are
health information) that expires 12 months after it is given: a lapsed entry drops out of every incident list."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.people.models import (
    ConsentPurpose,
    HowGiven,
    LawfulBasis,
    Person,
    SpecialCategoryCondition,
)
from communities.people.services import record_consent, withdraw_consent
from communities.places.services import PlaceNotFound, PostcodeError, locate

from .. import needs as needs_codes
from ..models import RegisterEntry
from ..models.register import REVIEW_MONTHS
from .common import require

DETAIL_FIELDS = ("language", "notes", "address_line", "phone", "contact_name", "contact_relationship",
                 "contact_phone")
LIMITS = {"language": 100, "address_line": 200, "phone": 30, "contact_name": 200, "contact_relationship": 100,
          "contact_phone": 30, "notes": 2000}


def review_date(given: date) -> date:
    """The same day REVIEW_MONTHS later (28 February for a 29 February)."""
    year, month = divmod(given.month - 1 + REVIEW_MONTHS, 12)
    year, month = given.year + year, month + 1
    try:
        return given.replace(year=year, month=month)
    except ValueError:
        return given.replace(year=year, month=month, day=28)


def _needs_with_age(person: Person, needs: list[str]) -> list[str]:
    needs = list(dict.fromkeys(needs))
    age = person.age
    if age is not None and age >= needs_codes.STATE_PENSION_AGE and "pensionable_age" not in needs:
        needs.append("pensionable_age")
    return needs


def _clean_details(details: dict, needs: list[str]) -> tuple[dict, dict]:
    errors, cleaned = {}, {}
    for name in DETAIL_FIELDS:
        value = str(details.get(name) or "").strip()
        if len(value) > LIMITS[name]:
            errors[name] = f"Enter at most {LIMITS[name]} characters"
        cleaned[name] = value
    if unknown := needs_codes.unknown(needs):
        errors["needs"] = f"Not a register need: {', '.join(unknown[:5])}"
    if "language" in needs and not cleaned["language"]:
        errors["language"] = "Say which language or communication support they need"
    if cleaned["contact_phone"] and not cleaned["contact_name"]:
        errors["contact_name"] = "Enter the name of the person to call"
    return cleaned, errors


def _place(postcode: str) -> tuple[dict, dict]:
    try:
        where = locate(postcode)
    except (PostcodeError, PlaceNotFound) as exc:
        return {}, {"postcode": str(exc)}
    return {"postcode": where.postcode, "lsoa": where.lsoa, "ward_code": where.ward.code if where.ward else "",
            "latitude": where.latitude, "longitude": where.longitude}, {}


def register_resident(*, actor, person: Person, needs: list[str], details: dict, postcode: str, how_given: str,
                      given_at: datetime | None = None, given_by_name: str = "", request=None) -> RegisterEntry:
    """Put ``person`` on the register with their consent (given now unless ``given_at``), needs and who to call."""
    require(actor, "resilience.register_resident")
    organisation = actor.current_organisation
    needs = _needs_with_age(person, needs or [])
    cleaned, errors = _clean_details(details, needs)
    place, place_errors = _place(postcode or person.postcode)
    errors.update(place_errors)
    if RegisterEntry.objects.filter(person=person, removed_at__isnull=True).exists():
        errors["person"] = "This person is already on the emergency register: review their entry instead"
    if errors:
        raise ValidationError(errors)
    given_at = given_at or timezone.now()
    with transaction.atomic():
        consent = _consent(person, organisation, actor, how_given, given_at, given_by_name, request)
        entry = RegisterEntry.objects.create(
            person=person, organisation=organisation, consent=consent, needs=needs, tier=needs_codes.tier(needs),
            registered_by=actor, **cleaned, **place,
        )
        record(actor=actor, action=Action.CREATE, obj=entry, request=request,
               fields={"person": str(person.pk), "needs": needs, "postcode": entry.postcode,
                       "consent": str(consent.pk), "review_due_on": consent.expires_on.isoformat()})
    return entry


def _consent(person, organisation, actor, how_given, given_at, given_by_name, request):
    local_day = timezone.localtime(given_at).date() if timezone.is_aware(given_at) else given_at.date()
    return record_consent(
        person=person, purpose=ConsentPurpose.EMERGENCY_REGISTER, lawful_basis=LawfulBasis.CONSENT,
        special_category_condition=SpecialCategoryCondition.EXPLICIT_CONSENT, how_given=how_given or "",
        given_at=given_at, given_by_name=given_by_name, organisation=organisation, by=actor,
        purpose_detail="To be contacted and helped in an emergency; needs shared with responders",
        expires_on=review_date(local_day), request=request,
    )


def review_entry(*, actor, entry: RegisterEntry, needs: list[str], details: dict, postcode: str, how_given: str,
                 given_by_name: str = "", request=None) -> RegisterEntry:
    """The yearly (or sooner) review: the resident confirms consent again and their needs; a new 12 months start."""
    require(actor, "resilience.register_resident")
    if entry.removed_at is not None:
        raise ValidationError("This entry was taken off the register: register the person again")
    needs = _needs_with_age(entry.person, needs or [])
    cleaned, errors = _clean_details(details, needs)
    place, place_errors = _place(postcode or entry.postcode)
    errors.update(place_errors)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        old = entry.consent
        consent = _consent(entry.person, actor.current_organisation, actor, how_given, now, given_by_name, request)
        if old.withdrawn_at is None:
            withdraw_consent(old, by=actor, note="Replaced by the consent given at the yearly review", request=request)
        before = {"needs": entry.needs, "postcode": entry.postcode, **{k: getattr(entry, k) for k in cleaned}}
        for name, value in {**cleaned, **place}.items():
            setattr(entry, name, value)
        entry.needs, entry.tier, entry.consent, entry.reviewed_at = needs, needs_codes.tier(needs), consent, now
        entry.save()
        after = {"needs": entry.needs, "postcode": entry.postcode, **{k: getattr(entry, k) for k in cleaned}}
        record(actor=actor, action=Action.UPDATE, obj=entry, request=request,
               fields={**{k: [before[k], after[k]] for k in after if before[k] != after[k]},
                       "consent": str(consent.pk), "review_due_on": consent.expires_on.isoformat()})
    return entry


def remove_entry(*, actor, entry: RegisterEntry, reason: str, request=None) -> RegisterEntry:
    """Take someone off the register (they asked, moved away or died): their consent is withdrawn too."""
    require(actor, "resilience.register_resident")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why they are coming off the register"})
    with transaction.atomic():
        entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.removed_at is not None:
            raise ValidationError("This entry is already off the register")
        if entry.consent.withdrawn_at is None:
            entry.consent = withdraw_consent(entry.consent, by=actor, note=reason, request=request)
        entry.removed_at = timezone.now()
        entry.save(update_fields=["removed_at"])
        record(actor=actor, action=Action.UPDATE, obj=entry, request=request,
               fields={"removed_at": [None, entry.removed_at.isoformat()], "reason": reason})
    return entry


HOW_GIVEN_CHOICES = HowGiven.choices
