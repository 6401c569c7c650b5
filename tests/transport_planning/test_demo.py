"""The demo: tomorrow is left to plan from the page; a later weekday is planned and published with a run for the demo
driver login, who sees only that run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.demo.generator import generate
from communities.demo.logins import demo_email
from communities.organisations.services import current_membership_state
from communities.scheduling import check_routes
from communities.transport.models import Driver, Trip
from communities.transport.planning.day import load_day
from communities.transport.planning.models import DayPlan, Run
from communities.transport.planning.services import current_sequences

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_plan_with_the_demo_drivers_run_and_tomorrow_left_to_plan(settings):
    settings.DEMO_EXTENSIONS = [e for e in settings.DEMO_EXTENSIONS if ".transport." in e]  # the rooms it needs
    generate(seed=3, residents=1500, council_code="E06000004")
    today = timezone.localdate()
    assert not DayPlan.objects.filter(service_date=today + timedelta(days=1)).exists()
    plan = DayPlan.objects.get(status="published")
    assert plan.service_date >= today + timedelta(days=2)
    driver = Driver.objects.get(user__email=demo_email("driver"))
    user = driver.user
    user.current_organisation, user.current_roles = current_membership_state(user, str(driver.organisation_id))
    assert list(Run.objects.visible_to(user)) == [Run.objects.get(plan=plan, driver=driver)]
    assert Trip.objects.filter(service_date=plan.service_date, status="scheduled").count() >= 20
    day = load_day(plan.organisation, plan.service_date, plan)
    report = check_routes(day.instance.problem, list(current_sequences(plan).items()), require_all_mandatory=False)
    assert report.feasible, report.errors[:3]
