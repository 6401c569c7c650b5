"""axe-core over the volunteering pages: the public listing (with results near TS18 and with an error), a role's
page, community action, registering; a resident's own pages (no second factor: their role touches no personal
data); an organiser's pages with an application, hours to approve, an event with outcomes; the impact page - on a
desktop, and the resident's journey pages on a phone's width."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def volunteering(geography, partner, personas):
    from communities.accounts.models import User
    from communities.organisations.services import current_membership_state
    from communities.volunteering.models import (
        Activity,
        Application,
        CommunityGroup,
        HoursLog,
        Idea,
        IdeaLogEntry,
        Role,
        Session,
        SessionSignup,
        Volunteer,
    )
    from communities.volunteering.services import community

    coordinator = personas["volunteer_coordinator"]
    coordinator.current_organisation, coordinator.current_roles = current_membership_state(coordinator, None)
    activity = Activity.objects.create(organisation=partner, name="Tidy Stockton", cause="environment")
    pick = Role.objects.create(activity=activity, title="Litter picker", description="Pick litter", kind="one_off",
                               commitment="Two hours", apply_first=False, postcode="TS18 1AA", latitude=54.5657,
                               longitude=-1.3181, accessibility="Flat pavements")
    befriender = Role.objects.create(activity=activity, title="Befriender", description="Visit", kind="ongoing",
                                     commitment="An hour a week", dbs_level="enhanced", barred_list="adults")
    start = timezone.now() + timedelta(days=3)
    session = Session.objects.create(role=pick, starts_at=start, ends_at=start + timedelta(hours=2), places=10)
    user = User.objects.create_user(email="rita.axe@example.org", password="correct horse battery staple")
    resident = Volunteer.objects.create(user=user, first_name="Rita", last_name="Axe", home_postcode="TS18 1AA")
    SessionSignup.objects.create(session=session, volunteer=resident, signed_up_by=user)
    application = Application.objects.create(volunteer=resident, role=befriender, message="I like people")
    HoursLog.objects.create(volunteer=resident, role=pick, on_date=timezone.localdate(), hours=2)
    HoursLog.objects.create(volunteer=resident, role=pick, on_date=timezone.localdate() - timedelta(days=7),
                            hours=3, status="approved")
    group = CommunityGroup.objects.create(organisation=partner, name="Friends of the park")
    event = community.create_event(actor=coordinator, group=group, role=pick, kind="litter_pick",
                                   starts_at=start + timedelta(days=7), ends_at=start + timedelta(days=7, hours=2),
                                   meeting_point="Park gates", kit="Gloves")
    idea = Idea.objects.create(title="Planters", description="Flowers", proposed_by=user)
    IdeaLogEntry.objects.create(idea=idea, stage="proposed", note="Flowers", by=user, by_description="Resident")
    return {"resident": user, "role": pick.pk, "befriender": befriender.pk, "session": session.pk,
            "application": application.pk, "volunteer": resident.pk, "event": event.pk, "idea": idea.pk}


def test_volunteering_pages_are_accessible(browse, personas, volunteering, client):
    v = volunteering
    client.force_login(v["resident"])
    assert client.get("/volunteering/mine/").status_code == 200  # loads every room's URLs before the browser's 10 s
    public = ["/volunteering/", "/volunteering/?postcode=TS18+1AA&within=3", "/volunteering/?postcode=XX",
              f"/volunteering/roles/{v['role']}/", "/volunteering/community-action/", "/volunteering/register/"]
    resident = [*public[:4], f"/volunteering/roles/{v['befriender']}/", "/volunteering/mine/",
                "/volunteering/mine/details/", "/volunteering/mine/availability/", "/volunteering/mine/hours/",
                "/volunteering/mine/certificate/", f"/volunteering/roles/{v['role']}/apply/", "/volunteering/ideas/",
                f"/volunteering/ideas/{v['idea']}/"]
    organiser = ["/volunteering/organise/", f"/volunteering/organise/roles/{v['role']}/",
                 f"/volunteering/organise/roles/{v['role']}/sessions/new/",
                 f"/volunteering/organise/sessions/{v['session']}/add-volunteer/",
                 f"/volunteering/organise/applications/{v['application']}/",
                 f"/volunteering/organise/volunteers/{v['volunteer']}/",
                 f"/volunteering/organise/volunteers/{v['volunteer']}/checks/new/",
                 "/volunteering/organise/activities/new/", "/volunteering/organise/roles/new/",
                 "/volunteering/organise/groups/new/", "/volunteering/organise/events/new/",
                 f"/volunteering/organise/events/{v['event']}/"]
    people = {**personas, "resident": v["resident"]}
    report = check_as_personas(browse, {"anonymous": None, **people}, {
        "resident": resident, "volunteer_coordinator": organiser, "councillor": ["/volunteering/impact/",
                                                                                 f"/volunteering/ideas/{v['idea']}/log/"]})
    report += check_as_personas(browse, people, {"resident": resident[5:7] + resident[:2]},
                                viewport={"width": 375, "height": 812})

    def anonymous(page):
        from .test_accessibility import check_pages

        found: list[str] = []
        check_pages(page, public, found, set(), label="anonymous: ")
        return found

    report += browse(anonymous)
    fail_if(report, "the volunteering pages")
