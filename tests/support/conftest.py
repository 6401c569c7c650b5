"""Fixtures for the support room: residents the partner supports, consents, a plan and a carer with a plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.people.models import ConsentPurpose, HowGiven, Involvement, LawfulBasis, Person
from communities.people.services import record_consent


def make_person(organisation, first="Pat", last="Resident", **extra) -> Person:
    person = Person.objects.create(first_name=first, last_name=last, **extra)
    Involvement.objects.create(person=person, organisation=organisation, reason="support")
    return person


def consent(person, purpose, organisation, by):
    return record_consent(person=person, purpose=purpose, lawful_basis=LawfulBasis.CONSENT,
                          how_given=HowGiven.VERBAL_IN_PERSON, given_at=timezone.now() - timedelta(days=1),
                          organisation=organisation, by=by)


def acting(user, organisation):
    """The user as the middleware leaves them: acting for ``organisation`` with their roles there."""
    from communities.organisations.services import current_membership_state

    user.current_organisation, user.current_roles = current_membership_state(user, None)
    assert user.current_organisation == organisation
    return user


@pytest.fixture
def worker(personas, partner):
    return acting(personas["worker"], partner)


@pytest.fixture
def resident(partner, worker):
    person = make_person(partner, "Maureen", "Planwright", date_of_birth=date(1944, 2, 3), postcode="TS18 1AU")
    consent(person, ConsentPurpose.SUPPORT_PLAN, partner, worker)
    return person


@pytest.fixture
def plan(resident, partner, worker):
    from communities.support.services import plans

    made = plans.create_plan(actor=worker, organisation=partner, person=resident,
                             what_matters="I want to get to the market on a Saturday, like I used to.",
                             written_by="person", next_review_on=timezone.localdate() + timedelta(days=10),
                             started_on=timezone.localdate() - timedelta(days=60))
    plans.add_goal(actor=worker, plan=made, description="Get to the market",
                   action={"description": "Book community transport", "who": "person", "who_name": "",
                           "by_when": timezone.localdate() + timedelta(days=14)})
    return made


@pytest.fixture
def carer_link(partner, worker):
    from communities.support.services import carers

    carer = make_person(partner, "Carol", "Carewell", date_of_birth=date(1960, 1, 1), phone="01632 960001")
    cared_for = make_person(partner, "Colin", "Carewell", date_of_birth=date(1938, 5, 5))
    return carers.link_carer(actor=worker, organisation=partner, carer=carer, cared_for=cared_for,
                             relationship="daughter")


PLAN_DATA = {
    "needs": "Dementia; needs help to eat and dress.", "medication": "Donepezil 10 mg at night",
    "gp": "Synthetic Road Surgery, 01632 960123", "access_to_home": "Key safe by the back door",
    "tasks": "Meals at 8, 12:30 and 5", "pets": "A cat",
}


@pytest.fixture
def emergency_plan(carer_link, worker):
    from communities.support.services import carers

    return carers.save_emergency_plan(actor=worker, link=carer_link, key_safe_code="C#4721",
                                      data={**PLAN_DATA, "next_review_on": timezone.localdate() + timedelta(days=90)})


def contact_person(partner, worker, n: int, *, consented=True, email=""):
    person = make_person(partner, f"Contact{n}", "Helper", date_of_birth=date(1970, 1, n), phone=f"01632 96010{n}",
                         email=email)
    if consented:
        consent(person, ConsentPurpose.CARER_CONTACT, partner, worker)
    return person
