"""axe-core over the daily plan pages: choosing a day, a planned day with each driver's run and an unserved trip,
changing a trip (and the refusal naming the broken constraint), the published plan, and a driver's run sheets on a
phone's width."""

from __future__ import annotations

import pytest

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def planned_day(personas, council, settings):
    from datetime import timedelta

    from django.utils import timezone

    from communities.core import jobs
    from communities.transport.models import ComplianceKind
    from communities.transport.planning import services
    from communities.transport.planning.models import Run

    from ..transport_planning.conftest import CLUB, HOMES, Scheme

    settings.TRANSPORT_PLANNING_SLICES, settings.TRANSPORT_PLANNING_SECONDS = 1, 1
    scheme = Scheme(council, personas["coordinator"], timezone.localdate() + timedelta(days=1))
    sam = scheme.add_driver("Sam", HOMES[0])
    scheme.add_driver("Ria", HOMES[1], checks=[k for k in ComplianceKind.values if k != "enhanced_dbs"])
    scheme.add_trip(HOMES[2], "09:00", "09:30", "10:30", escorts=1)
    scheme.add_trip(HOMES[3], "11:00", "11:30", to=CLUB, purpose="social_group", wheelchair=True)
    scheme.add_trip(HOMES[4], "13:00", "13:30", to=CLUB, purpose="shopping")
    plan = services.start_planning(actor=scheme.coordinator, organisation=council, day=scheme.day)
    jobs.run(plan.job_id)
    plan.refresh_from_db()
    services.publish(actor=scheme.coordinator, plan=plan, version=plan.version)
    run = Run.objects.filter(plan=plan).first()
    return {"plan": plan, "trip": scheme.trips[0], "run": run, "driver": run.driver.user, "sam": sam}


def test_daily_plan_pages_are_accessible(browse, personas, planned_day, client):
    plan, trip, run = planned_day["plan"], planned_day["trip"], planned_day["run"]
    coordinator_urls = ["/transport/plans/", f"/transport/plans/{plan.pk}/",
                        f"/transport/plans/{plan.pk}/trips/{trip.pk}/", f"/transport/plans/runs/{run.pk}/"]
    driver_urls = ["/transport/plans/my-runs/", f"/transport/plans/runs/{run.pk}/"]
    client.force_login(personas["coordinator"], backend="allauth.account.auth_backends.AuthenticationBackend")
    assert {u: client.get(u).status_code for u in coordinator_urls} == dict.fromkeys(coordinator_urls, 200)
    people = {**personas, "run_driver": planned_day["driver"]}
    report = check_as_personas(browse, people, {"coordinator": coordinator_urls, "run_driver": driver_urls})
    report += check_as_personas(browse, people, {"coordinator": coordinator_urls[1:3], "run_driver": driver_urls},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the daily plan pages")
