"""Registering passengers (eligibility, consent, their usual addresses)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.people.models import Consent, ConsentPurpose, Involvement
from communities.people.services import record_consent

from ..models import Passenger, PassengerAddress
from .common import place

INVOLVEMENT_REASON = "Volunteer Driver Service passenger"


def has_transport_consent(person) -> bool:
    return Consent.objects.filter(person=person, purpose=ConsentPurpose.TRANSPORT).current().exists()


def register_passenger(*, actor, organisation, person, eligibility: dict, home_address: str, home_postcode: str,
                       consent: dict | None = None, request=None) -> Passenger:
    """Make ``person`` a passenger of ``organisation``'s scheme, with their home as the first usual address.

    ``eligibility`` holds the model's eligibility fields; ``consent`` (lawful_basis, how_given) records consent for
    the ``transport`` purpose when the person has none yet."""
    errors = {}
    if not any(eligibility.get(key) for key in ("no_suitable_public_transport", "mobility_needs", "wheelchair_user")):
        errors["no_suitable_public_transport"] = ("Say why the person is eligible: no suitable public transport, "
                                                  "mobility needs or travelling in a wheelchair")
    if Passenger.objects.filter(person=person).exists():
        errors["person"] = "This person is already a passenger"
    if not home_address.strip():
        errors["home_address"] = "Enter the passenger's home address"
    if consent is None and not has_transport_consent(person):
        errors["how_given"] = "Record how the person agreed to the Volunteer Driver Service holding their details"
    if errors:
        raise ValidationError(errors)
    home = place(home_postcode, "home_postcode")
    with transaction.atomic():
        if consent is not None and not has_transport_consent(person):
            record_consent(person=person, purpose=ConsentPurpose.TRANSPORT, given_at=timezone.now(),
                           organisation=organisation, by=actor, request=request, **consent)
        if not Involvement.objects.filter(person=person, organisation=organisation, ended_on__isnull=True).exists():
            Involvement.objects.create(person=person, organisation=organisation, reason=INVOLVEMENT_REASON)
        passenger = Passenger.objects.create(person=person, organisation=organisation, registered_by=actor,
                                             **eligibility)
        PassengerAddress.objects.create(passenger=passenger, label="Home", address=home_address.strip(),
                                        postcode=home.postcode, latitude=home.latitude, longitude=home.longitude,
                                        is_home=True)
        record(actor=actor, organisation=organisation, action=Action.CREATE, obj=passenger, request=request,
               fields={"person": str(person.pk), **eligibility})
    return passenger


def add_address(*, actor, passenger: Passenger, label: str, address: str, postcode: str,
                request=None) -> PassengerAddress:
    label, address = label.strip(), address.strip()
    errors = {}
    if not label:
        errors["label"] = "Enter a name for the place, like 'the surgery'"
    if not address:
        errors["address"] = "Enter the address"
    if errors:
        raise ValidationError(errors)
    where = place(postcode, "postcode")
    with transaction.atomic():
        saved = PassengerAddress.objects.create(passenger=passenger, label=label[:60], address=address[:300],
                                                postcode=where.postcode, latitude=where.latitude,
                                                longitude=where.longitude)
        record(actor=actor, organisation=passenger.organisation, action=Action.CREATE, obj=saved, request=request,
               fields={"passenger": str(passenger.pk), "label": label, "postcode": where.postcode})
    return saved


def register_new_passenger(*, actor, organisation, person_data: dict, eligibility: dict, home_address: str,
                           home_postcode: str, consent: dict | None, request=None) -> Passenger:
    """A caller the scheme has no record of: their record (``people.create_person``) and their registration, both
    or neither."""
    from communities.people.services import create_person

    errors = {}
    if not person_data.get("first_name", "").strip():
        errors["first_name"] = "Enter their first name"
    if not person_data.get("last_name", "").strip():
        errors["last_name"] = "Enter their last name"
    if consent is None:
        errors["how_given"] = "Record how the person agreed to the Volunteer Driver Service holding their details"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = create_person(actor=actor, organisation=organisation, data=person_data,
                               involvement_reason=INVOLVEMENT_REASON, request=request)
        return register_passenger(actor=actor, organisation=organisation, person=person, eligibility=eligibility,
                                  home_address=home_address, home_postcode=home_postcode, consent=consent,
                                  request=request)
