"""checks.unmet_requirements: DBS levels and barred lists, expiry, verification, training, licence, age."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from communities.volunteering.availability import part_of_day, weekly_slots
from communities.volunteering.checks import Requirements, unmet_requirements
from communities.volunteering.models import Availability, VolunteerCheck

TODAY = date(2026, 12, 7)
ADULTS = Requirements(dbs_level="enhanced", barred_list="adults")


def check(volunteer, kind, *, verified_by, issued=TODAY - timedelta(days=30), expires=None, detail="", clear=True):
    return VolunteerCheck.objects.create(volunteer=volunteer, kind=kind, issued_on=issued, expires_on=expires,
                                         detail=detail, is_clear=clear, verified_by=verified_by)


@pytest.mark.django_db
def test_no_requirements_means_everyone_qualifies(resident):
    assert unmet_requirements(resident, Requirements(), TODAY) == []


@pytest.mark.django_db
def test_dbs_level_must_reach_the_role_and_include_its_barred_list(resident, organiser):
    check(resident, "dbs_enhanced", verified_by=organiser)
    assert unmet_requirements(resident, Requirements(dbs_level="standard"), TODAY) == []
    assert unmet_requirements(resident, ADULTS, TODAY) == [
        "You need an in-date enhanced DBS check including the adults' barred list, verified by the organisation."]
    check(resident, "dbs_enhanced_barred_children", verified_by=organiser)
    assert unmet_requirements(resident, ADULTS, TODAY)  # the children's list is not the adults'
    check(resident, "dbs_enhanced_barred_both", verified_by=organiser)
    assert unmet_requirements(resident, ADULTS, TODAY) == []


@pytest.mark.django_db
def test_a_basic_check_does_not_meet_a_standard_requirement(resident, organiser):
    check(resident, "dbs_basic", verified_by=organiser)
    assert len(unmet_requirements(resident, Requirements(dbs_level="standard"), TODAY)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("problem", ["expired", "unverified", "not_clear", "future"])
def test_expired_unverified_not_clear_or_future_checks_do_not_count(resident, organiser, problem):
    options = {"expired": {"expires": TODAY - timedelta(days=1)}, "unverified": {"verified_by": None},
               "not_clear": {"clear": False}, "future": {"issued": TODAY + timedelta(days=1)}}[problem]
    check(resident, "dbs_enhanced_barred_adults", **{"verified_by": organiser, **options})
    assert len(unmet_requirements(resident, ADULTS, TODAY)) == 1


@pytest.mark.django_db
def test_a_check_counts_up_to_and_including_its_renewal_date(resident, organiser):
    check(resident, "dbs_enhanced_barred_adults", verified_by=organiser, expires=TODAY)
    assert unmet_requirements(resident, ADULTS, TODAY) == []
    assert unmet_requirements(resident, ADULTS, TODAY + timedelta(days=1))


@pytest.mark.django_db
def test_training_licence_and_age(resident, organiser):
    needs = Requirements(training=("Safeguarding adults", "First aid"), needs_driving_licence=True, minimum_age=40)
    check(resident, "training", verified_by=organiser, detail="safeguarding ADULTS ")
    assert unmet_requirements(resident, needs, TODAY) == [
        "This role is for people aged 40 or over.", "You need in-date training in First aid.",
        "You need a driving licence checked by the organisation."]
    resident.date_of_birth = None
    assert unmet_requirements(resident, Requirements(minimum_age=16), TODAY) == [
        "This role is for people aged 16 or over; add your date of birth."]


@pytest.mark.django_db
def test_role_requirements_and_their_words(befriender):
    assert befriender.requirements == Requirements(dbs_level="enhanced", barred_list="adults",
                                                   training=("Safeguarding adults",), minimum_age=18)
    assert befriender.requirements.describe() == [
        "An enhanced DBS check including the adults' barred list", "Training: Safeguarding adults",
        "Aged 18 or over"]


@pytest.mark.django_db
def test_weekly_slots(resident):
    Availability.objects.create(volunteer=resident, weekday=5, part_of_day="morning")
    Availability.objects.create(volunteer=resident, weekday=0, part_of_day="evening")
    assert weekly_slots(resident) == {(5, "morning"), (0, "evening")}


def test_part_of_day_boundaries():
    from datetime import datetime

    assert [part_of_day(datetime(2026, 1, 1, h)) for h in (11, 12, 16, 17)] == [
        "morning", "afternoon", "afternoon", "evening"]
