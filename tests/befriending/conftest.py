"""Befriending fixtures: the partner's befriending role (enhanced DBS with the adults' barred list and safeguarding
training), befrienders with and without in-date checks, and a resident referred for befriending."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.befriending.models import Befriender, BefriendingCase
from communities.befriending.services import open_case
from communities.core import notify
from communities.organisations.models import Membership, Role
from communities.organisations.services import current_membership_state
from communities.people.models import Involvement, Person
from communities.volunteering.models import Activity, Availability, Volunteer, VolunteerCheck
from communities.volunteering.models import Role as VolunteerRole
from tests.conftest import make_user

TS18 = (54.561862, -1.313198)  # TS18 1AA
TS17 = (54.55766, -1.301378)  # TS17 6AD
TS23 = (54.613395, -1.299433)  # TS23 2AA


@pytest.fixture(autouse=True)
def _clean_outbox():
    notify.outbox.clear()
    yield
    notify.outbox.clear()


def acting(user, organisation):
    user.current_organisation, user.current_roles = current_membership_state(user, str(organisation.pk))
    return user


@pytest.fixture
def befriending_role(partner):
    return make_befriending_role(partner)


def make_befriending_role(partner):
    activity = Activity.objects.create(organisation=partner, name="Telephone and home befriending",
                                       cause="loneliness")
    return VolunteerRole.objects.create(
        activity=activity, title="Befriender", description="Visit or phone someone each week", kind="ongoing",
        commitment="An hour a week", minimum_age=18, dbs_level="enhanced", barred_list="adults",
        training=["Safeguarding adults"], touches_personal_data=True)


def make_befriender(role, organisation, name: str, *, point=TS18, checked=True, user=None, interests=(),
                    languages=("English",), communication=("phone",), slots=(), capacity=1) -> Befriender:
    first, last = name.split()
    volunteer = Volunteer.objects.create(user=user, first_name=first, last_name=last, latitude=point[0],
                                         longitude=point[1], date_of_birth=date(1980, 1, 1))
    if checked:
        verifier = Membership.objects.filter(organisation=organisation).first().user
        issued = timezone.localdate() - timedelta(days=30)
        VolunteerCheck.objects.create(volunteer=volunteer, kind="dbs_enhanced_barred_adults", issued_on=issued,
                                      verified_by=verifier, verified_at=timezone.now())
        VolunteerCheck.objects.create(volunteer=volunteer, kind="training", detail="Safeguarding adults",
                                      issued_on=issued, verified_by=verifier, verified_at=timezone.now())
    for weekday, part in slots:
        Availability.objects.create(volunteer=volunteer, weekday=weekday, part_of_day=part)
    return Befriender.objects.create(volunteer=volunteer, organisation=organisation, role=role,
                                     interests=list(interests), languages=list(languages),
                                     communication=list(communication), capacity=capacity)


@pytest.fixture
def befrienders(befriending_role, partner, personas):
    near = make_befriender(befriending_role, partner, "Nadia Near", point=TS17, user=personas["volunteer"],
                           interests=["gardening", "football"], communication=["phone", "in_person"],
                           slots=[(1, "afternoon")])
    far = make_befriender(befriending_role, partner, "Fred Far", point=TS23, interests=["gardening"],
                          languages=["English", "Polish"], user=make_user("fred@example.org"))
    Membership.objects.create(user=far.volunteer.user, organisation=partner, role=Role.VOLUNTEER)
    unchecked = make_befriender(befriending_role, partner, "Una Unchecked", point=TS18, checked=False,
                                interests=["gardening", "football", "reading"])
    return {"near": near, "far": far, "unchecked": unchecked}


@pytest.fixture
def resident(partner):
    person = Person.objects.create(first_name="Edna", last_name="Sample", postcode="TS18 1AA",
                                   phone="07700 900456", email="edna@example.org", notes="Private case note")
    Involvement.objects.create(person=person, organisation=partner, reason="befriending referral")
    return person


@pytest.fixture
def case(resident, partner, personas) -> BefriendingCase:
    coordinator = acting(personas["volunteer_coordinator"], partner)
    found = open_case(actor=coordinator, organisation=partner, person=resident,
                      referred_on=timezone.localdate() - timedelta(days=10),
                      agreed_notes="Ring the bell twice")
    found.interests, found.communication, found.preferred_slots = ["Gardening"], ["phone"], [[1, "afternoon"]]
    found.save()
    return found
