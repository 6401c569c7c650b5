"""Fixtures for volunteering: a partner organisation's activity and roles (an open litter pick near TS18 and a
DBS-gated befriender role), a resident volunteer with their own account, organisers acting for the partner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.accounts.models import User
from communities.volunteering.models import Activity, Role, Session, Volunteer

from ..conftest import PASSWORD


def acting(user):
    from communities.organisations.services import current_membership_state

    user.current_organisation, user.current_roles = current_membership_state(user, None)
    return user


@pytest.fixture
def organiser(personas):
    return acting(personas["volunteer_coordinator"])


@pytest.fixture
def activity(partner):
    return Activity.objects.create(organisation=partner, name="Tidy Stockton", cause="environment")


@pytest.fixture
def litter_pick(activity):
    return Role.objects.create(activity=activity, title="Litter picker", description="Pick litter on the high street",
                               kind="one_off", commitment="Two hours on a Saturday", hours_per_month=2,
                               apply_first=False, postcode="TS18 1AA", latitude=54.5657, longitude=-1.3181)


@pytest.fixture
def befriender(activity):
    return Role.objects.create(activity=activity, title="Befriender", description="Visit an older resident",
                               kind="ongoing", commitment="An hour a week", hours_per_month=4, minimum_age=18,
                               dbs_level="enhanced", barred_list="adults", training=["Safeguarding adults"])


def session_for(role, days=3, hours=2):
    start = (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
    return Session.objects.create(role=role, starts_at=start, ends_at=start + timedelta(hours=hours))


@pytest.fixture
def resident(db):
    user = User.objects.create_user(email="resident@example.org", password=PASSWORD, full_name="Rita Resident")
    return Volunteer.objects.create(user=user, first_name="Rita", last_name="Resident", email=user.email,
                                    date_of_birth=timezone.localdate() - timedelta(days=365 * 30))
