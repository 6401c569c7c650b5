"""axe-core over the befriending pages: cases, a case waiting for a match (suggestions with reasons), a matched case
with measures and check-ins, the forms, the befriender's own match and the impact page - desktop and phone width."""

from __future__ import annotations

import pytest

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def befriending_cases(geography, partner, personas):
    from datetime import timedelta

    from django.utils import timezone

    from communities.befriending import services
    from communities.people.models import Involvement, Person
    from tests.befriending.conftest import TS17, acting, make_befriender, make_befriending_role

    coordinator = acting(personas["volunteer_coordinator"], partner)
    role = make_befriending_role(partner)
    near = make_befriender(role, partner, "Nadia Axe", point=TS17, user=personas["volunteer"],
                           interests=["gardening"], slots=[(1, "afternoon")])
    make_befriender(role, partner, "Una Axe", checked=False)
    cases = []
    for first in ("Waiting", "Matched"):
        person = Person.objects.create(first_name=first, last_name="Axefriend", postcode="TS18 1AA",
                                       phone="07700 900111")
        Involvement.objects.create(person=person, organisation=partner, reason="befriending")
        cases.append(services.open_case(actor=coordinator, organisation=partner, person=person,
                                        referred_on=timezone.localdate() - timedelta(days=20),
                                        agreed_notes="Prefers afternoons"))
    services.update_needs(actor=coordinator, case=cases[0], interests=["Gardening"], languages=[],
                          communication=["phone"], preferred_slots=[[1, "afternoon"]], agreed_notes="Afternoons")
    services.confirm_match(actor=coordinator, case=cases[1], befriender=near, reasons=["Lives 0.6 miles away"])
    services.record_measure(actor=coordinator, case=cases[1], point="0", taken_on=timezone.localdate(), direct=2,
                            ucla={"companionship": 3, "left_out": 2, "isolated": 2})
    return [c.pk for c in cases]


def test_befriending_pages_are_accessible(browse, personas, befriending_cases, client):
    waiting, matched = (f"/befriending/cases/{pk}/" for pk in befriending_cases)
    urls = ["/befriending/cases/", waiting, matched, f"{waiting}needs/", f"{matched}meeting/", f"{matched}measure/",
            "/befriending/befrienders/",
            f"{matched}check-in/", f"{matched}end/", "/befriending/impact/"]
    client.force_login(personas["volunteer_coordinator"], backend="allauth.account.auth_backends.AuthenticationBackend")
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
    report = check_as_personas(browse, personas, {"volunteer_coordinator": urls,
                                                  "volunteer": ["/befriending/my-matches/"]})
    report += check_as_personas(browse, personas, {"volunteer_coordinator": urls[:3]},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the befriending pages")
