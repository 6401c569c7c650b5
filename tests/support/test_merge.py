"""Merging two records of one resident keeps every support link: plans and caring move to the kept record; a
contact listed twice on one plan, or the same caring recorded twice, is resolved rather than refused."""

from __future__ import annotations

from datetime import date

import pytest

from communities.people.merge import MergeError, merge_people
from communities.support.models import CarerLink, EmergencyContact, SupportPlan
from communities.support.services import carers

from .conftest import contact_person, make_person

pytestmark = pytest.mark.django_db


def test_plans_and_caring_move_to_the_kept_record(plan, carer_link, partner, worker):
    duplicate = plan.person
    survivor = make_person(partner, "Maureen", "Planwright", date_of_birth=date(1944, 2, 3))
    merge_people(actor=worker, survivor=survivor, duplicate=duplicate, reason="Same person")
    assert SupportPlan.objects.get().person == survivor


def test_a_contact_listed_twice_and_caring_recorded_twice_are_resolved(emergency_plan, partner, worker):
    first = contact_person(partner, worker, 1)
    second = contact_person(partner, worker, 2)
    for person in (first, second):
        carers.add_contact(actor=worker, plan=emergency_plan, person=person, relationship="son",
                           arrives_within_hours=1, stays_for_hours=48)
    merge_people(actor=worker, survivor=first, duplicate=second, reason="Same person, two records")
    assert list(EmergencyContact.objects.values_list("person", flat=True)) == [first.pk]

    link = emergency_plan.link
    twin = make_person(partner, "Carol", "Carewell", date_of_birth=date(1960, 1, 1))
    carers.link_carer(actor=worker, organisation=partner, carer=twin, cared_for=link.cared_for, relationship="daughter")
    merge_people(actor=worker, survivor=link.carer, duplicate=twin, reason="Same carer")
    links = CarerLink.objects.filter(carer=link.carer)
    assert sorted(lk.ended_on is None for lk in links) == [False, True]
    assert links.filter(ended_on__isnull=True).get().pk == link.pk


def test_carer_and_cared_for_cannot_be_merged_into_one(carer_link, worker):
    with pytest.raises(MergeError, match="carer and cared-for of each other"):
        merge_people(actor=worker, survivor=carer_link.carer, duplicate=carer_link.cared_for, reason="Mistake")
    assert CarerLink.objects.get().cared_for_id != CarerLink.objects.get().carer_id
