"""Matching: ranked by distance, interests, language, ways of keeping in touch and availability, with reasons;
only befrienders with room whose checks meet the befriending role's requirements; enforced in the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.befriending.matching import rank
from communities.befriending.models import Stage
from communities.befriending.services import BefriendingError, confirm_match
from communities.people.models import Assignment

from .conftest import acting

pytestmark = pytest.mark.django_db


def test_suggestions_are_ranked_with_reasons_and_unchecked_befrienders_left_out(case, befrienders):
    ranking = rank(case)
    names = [s.befriender.volunteer.full_name for s in ranking.suggestions]
    assert names == ["Nadia Near", "Fred Far"]
    near = ranking.suggestions[0]
    assert near.reasons[0].startswith("Lives 0.") and "Shares interests: Gardening" in near.reasons
    assert "Happy with phone calls" in near.reasons and "Free Tuesday afternoons" in near.reasons
    assert ranking.left_out == {"checks or training not in date for the befriending role": 1}


def test_language_counts_when_the_person_asks_for_one(case, befrienders):
    case.languages = ["Polish"]
    case.save()
    first = rank(case).suggestions[0]
    assert first.befriender == befrienders["far"] and "Speaks Polish" in first.reasons
    assert "Does not speak Polish" in rank(case).suggestions[1].reasons


def test_an_expired_check_takes_a_befriender_out(case, befrienders):
    befrienders["near"].volunteer.checks.filter(kind="training").update(
        expires_on=timezone.localdate() - timedelta(days=1))
    assert [s.befriender for s in rank(case).suggestions] == [befrienders["far"]]


def test_confirming_a_match_assigns_the_person_to_the_befriender(case, befrienders, personas, partner):
    coordinator = acting(personas["volunteer_coordinator"], partner)
    suggestion = rank(case).suggestions[0]
    matched = confirm_match(actor=coordinator, case=case, befriender=suggestion.befriender,
                            reasons=suggestion.reasons)
    assert matched.stage == Stage.MATCHED and matched.match_reasons == suggestion.reasons
    assignment = Assignment.objects.get(person=case.person, user=personas["volunteer"])
    assert assignment.kind == "befriending" and matched.assignment == assignment
    assert matched.checkins.get().due_on == timezone.localdate() + timedelta(days=case.checkin_every_days)
    assert rank(case).suggestions == [] or matched.stage != Stage.REFERRED  # full: capacity 1


def test_the_service_refuses_a_befriender_whose_checks_are_not_met_whatever_page_calls(case, befrienders, personas,
                                                                                       partner):
    coordinator = acting(personas["volunteer_coordinator"], partner)
    with pytest.raises(BefriendingError, match="cannot befriend yet"):
        confirm_match(actor=coordinator, case=case, befriender=befrienders["unchecked"], reasons=[])
    case.refresh_from_db()
    assert case.stage == Stage.REFERRED and not Assignment.objects.filter(person=case.person).exists()


def test_a_befriender_at_capacity_is_not_suggested_or_matched(case, befrienders, personas, partner, resident):
    from communities.befriending.services import open_case

    coordinator = acting(personas["volunteer_coordinator"], partner)
    confirm_match(actor=coordinator, case=case, befriender=befrienders["near"], reasons=[])
    second = open_case(actor=coordinator, organisation=partner, person=resident, referred_on=timezone.localdate())
    ranking = rank(second)
    assert befrienders["near"] not in [s.befriender for s in ranking.suggestions]
    assert ranking.left_out["no room: befriending as many people as they can"] == 1
    with pytest.raises(BefriendingError, match="as many people as they can"):
        confirm_match(actor=coordinator, case=second, befriender=befrienders["near"], reasons=[])
