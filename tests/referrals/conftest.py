"""Referral fixtures: the council's resident Casey, consented to a referral, and a Find help service that the
partner VCSE group (the worker's organisation) answers referrals for."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.core import notify
from communities.organisations.services import current_membership_state
from communities.people.models import Consent, Involvement, Person
from communities.referrals import services
from tests.directory.factories import make_service


@pytest.fixture(autouse=True)
def _clean_outbox():
    notify.outbox.clear()
    yield
    notify.outbox.clear()


def acting(user, organisation):
    user.current_organisation, user.current_roles = current_membership_state(user, str(organisation.pk))
    return user


@pytest.fixture
def resident(council):
    person = Person.objects.create(first_name="Casey", last_name="Sampleton", date_of_birth=date(1950, 3, 27),
                                   postcode="TS18 1AA", phone="07700 900123", notes="Private note for the council")
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    return person


@pytest.fixture
def consent(resident, council, personas):
    return Consent.objects.create(person=resident, purpose="referral", lawful_basis="consent",
                                  how_given="verbal_phone", given_at=timezone.now() - timedelta(hours=1),
                                  organisation=council, recorded_by=personas["officer"])


@pytest.fixture
def service(partner):
    return make_service("Roseworth Friendship Group", platform_organisation=partner)


def content(**overrides) -> services.Content:
    values = {"what_matters": "I want to get out and meet people", "safeguarding_concern": False,
              "needs": "Lives alone", "shared_phone": "07700 900123"}
    return services.Content(**{**values, **overrides})


@pytest.fixture
def send(personas, council, resident, consent, service):
    """``send()`` makes a referral from the council officer to the partner's service."""
    import uuid

    def _send(**overrides):
        officer = acting(personas["officer"], council)
        values = {"actor": officer, "organisation": council, "person": resident, "consent": consent,
                  "content": content(), "token": uuid.uuid4(), "service": service}
        return services.make_referral(**{**values, **overrides})[0]

    return _send
