"""Fixtures for impact assessments: the council's officer and approver acting for the council, two wards, and an
assessment made through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.impact import services
from communities.places.models import Ward


def acting(user, organisation):
    """The user as the middleware leaves them: acting for ``organisation`` with their roles there."""
    from communities.organisations.services import current_membership_state

    user.current_organisation, user.current_roles = current_membership_state(user, None)
    assert user.current_organisation == organisation
    return user


@pytest.fixture
def officer(personas, council):
    return acting(personas["officer"], council)


@pytest.fixture
def approver(personas, council):
    return acting(personas["approver"], council)


@pytest.fixture
def two_wards(db):
    return list(Ward.objects.order_by("name")[:2])


def details(**changes) -> dict:
    today = timezone.localdate()
    return {"title": "Mobile library route", "kind": "service_change", "summary": "Fewer stops, longer visits",
            "population": "Library users", "decision_maker": "Cabinet", "decision_on": today + timedelta(days=20),
            "review_on": today + timedelta(days=380)} | changes


@pytest.fixture
def make_assessment(officer, council, two_wards):
    def make(**changes):
        return services.create_assessment(actor=officer, organisation=council, details=details(**changes),
                                          wards=two_wards)
    return make


def complete(officer, assessment, *, negative=("age",)):
    """Write every group (negative impacts with mitigation) and one action, as an officer would before sign-off."""
    for c in assessment.considerations.all():
        bad = c.characteristic in negative
        services.save_consideration(actor=officer, assessment=assessment, characteristic=c.characteristic, answers={
            "impact": "negative" if bad else "neutral", "impact_detail": "Checked against the evidence",
            "mitigation": "Home delivery offered" if bad else ""})
    services.add_action(actor=officer, assessment=assessment, action={
        "description": "Offer home delivery", "owner": "Library Services Manager",
        "due_on": timezone.localdate() + timedelta(days=30), "characteristic": "age"})
    return assessment


@pytest.fixture
def ready(officer, make_assessment):
    """An assessment sent for sign-off."""
    assessment = complete(officer, make_assessment())
    return services.submit_for_sign_off(actor=officer, assessment=assessment)
