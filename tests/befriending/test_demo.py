"""The befriending demo: every stage present, and the 3-month loneliness score on the impact page."""

from __future__ import annotations

import numpy as np
import pytest

from communities.befriending.demo import add_demo_befriending
from communities.befriending.impact import impact
from communities.befriending.models import Befriender, BefriendingCase, Stage
from communities.demo.logins import demo_email
from communities.organisations.models import Membership, Organisation, OrganisationKind, Role
from communities.people.models import Involvement, Person
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self, vcse):
        self.rng, self.partners = np.random.default_rng(7), [vcse]


def test_demo_befriending_has_every_stage_and_measures(client):
    vcse = Organisation.objects.create(name="Demo Befrienders", kind=OrganisationKind.VCSE)
    for local, role in (("volunteer-coordinator", Role.VOLUNTEER_COORDINATOR), ("volunteer", Role.VOLUNTEER)):
        Membership.objects.create(user=make_user(demo_email(local)), organisation=vcse, role=role)
    for n in range(40):
        person = Person.objects.create(first_name=f"Resident{n}", last_name="Demo", postcode="TS18 1AA")
        Involvement.objects.create(person=person, organisation=vcse, reason="demo")
    add_demo_befriending(Context(vcse))
    assert Befriender.objects.count() == 40
    stages = set(BefriendingCase.objects.values_list("stage", flat=True))
    assert stages == {Stage.REFERRED, Stage.MATCHED, Stage.MEETING}
    figures = impact()
    assert figures.median_days is not None and figures.completion[0].done > 0 and figures.completion[1].done > 0
    assert figures.change[0].pairs > 0
    client.force_login(Membership.objects.get(role=Role.VOLUNTEER_COORDINATOR).user,
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    page = client.get("/befriending/impact/").content.decode()
    assert "3 months" in page and str(figures.change[0].mean_then) in page
