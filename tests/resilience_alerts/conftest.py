"""Fixtures for weather-health alerts: the shipped synthetic CAP samples, the planner acting for the council."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.conftest import acting

CAP_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "cap"


def sample(name: str) -> bytes:
    return (CAP_DIR / name).read_bytes()


def variant(data: bytes, **replace: str) -> bytes:
    """The sample with text swapped (``old=new`` pairs given as a dict of exact strings)."""
    text = data.decode()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text.encode()


AMBER = "heat_amber_north_east.xml"
YELLOW = "cold_yellow_north.xml"
MALFORMED = "malformed.xml"


@pytest.fixture
def planner(personas, council):
    return acting(personas["planner"], council)


def two_postcodes():
    from communities.places.models import Postcode

    return list(Postcode.objects.filter(ward__isnull=False, latitude__isnull=False).order_by("postcode")
                .values_list("postcode", flat=True)[:2])


def on_register(worker, organisation, first: str, postcode: str, born, needs: list[str]):
    """A resident on the emergency register with consent given yesterday for a year (the register's own models; the
    register's forms and rules are tested in tests/resilience). Over state pension age gets ``pensionable_age``."""
    from datetime import timedelta

    from django.utils import timezone

    from communities.people.models import ConsentPurpose, HowGiven, Involvement, LawfulBasis, Person
    from communities.people.services import record_consent
    from communities.places.models import Postcode
    from communities.resilience import needs as needs_codes
    from communities.resilience.models import RegisterEntry

    person = Person.objects.create(first_name=first, last_name="Resident", postcode=postcode, date_of_birth=born)
    Involvement.objects.create(person=person, organisation=organisation, reason="emergency register")
    given = timezone.now() - timedelta(days=1)
    consent = record_consent(person=person, purpose=ConsentPurpose.EMERGENCY_REGISTER,
                             lawful_basis=LawfulBasis.CONSENT, how_given=HowGiven.VERBAL_IN_PERSON, given_at=given,
                             organisation=organisation, by=worker, expires_on=(given + timedelta(days=365)).date())
    if (timezone.localdate() - born).days >= needs_codes.STATE_PENSION_AGE * 365.25:
        needs = [*needs, "pensionable_age"]
    place = Postcode.objects.get(postcode=postcode)
    return RegisterEntry.objects.create(
        person=person, organisation=organisation, consent=consent, needs=needs, tier=needs_codes.tier(needs),
        postcode=postcode, lsoa_id=place.lsoa_id, ward_code=place.ward_id or "", latitude=place.latitude,
        longitude=place.longitude, registered_by=worker)
