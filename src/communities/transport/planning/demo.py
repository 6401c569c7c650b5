"""Demo borough extension (settings.DEMO_EXTENSIONS, after the transport room's): one published day plan.

Tomorrow is left requested so the coordinator can plan it from the page. The first weekday after tomorrow on which
the demo driver login is free with a car is planned here (a 10-second search: the demo is built once) and published,
so the driver sees their own run sheet on a phone; if the plan gave the demo driver nothing, one trip is moved to them
by hand, through the same checked service the coordinator uses.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.transport.models import Driver

from . import services
from .day import load_day, travel_assumption
from .models import DayPlan, PlanStatus, Run, RunStop
from .solving import plan_slice, sequences

DEMO_SEARCH_SECONDS = 10


def publish_demo_plan(ctx) -> DayPlan | None:
    coordinator = User.objects.filter(email=demo_email("coordinator")).first()
    driver = Driver.objects.filter(user__email=demo_email("driver"), organisation=ctx.council_org).first()
    if coordinator is None or driver is None:
        return None
    today = timezone.localdate()
    for offset in range(2, 14):
        day = today + timedelta(days=offset)
        if day.weekday() < 5:
            data = load_day(ctx.council_org, day)
            if str(driver.pk) in data.vehicles and data.trips:
                break
    else:
        return None
    solution = plan_slice(data.instance.problem, None, DEMO_SEARCH_SECONDS)
    with transaction.atomic():
        plan = DayPlan.objects.create(organisation=ctx.council_org, service_date=day, created_by=coordinator,
                                      status=PlanStatus.PLANNING, search_seconds=DEMO_SEARCH_SECONDS,
                                      travel_assumption=travel_assumption(), draft={"routes": sequences(solution)})
        services.finish_planning(plan, data)
    plan.refresh_from_db()
    if not Run.objects.filter(plan=plan, driver=driver).exists():
        _give_the_demo_driver_a_trip(plan, driver, coordinator)
    services.publish(actor=coordinator, plan=plan, version=plan.version)
    return plan


def _give_the_demo_driver_a_trip(plan: DayPlan, driver, coordinator) -> None:
    unserved = [u.trip for u in plan.unserved.select_related("trip")]
    planned = [s.trip for s in RunStop.objects.filter(run__plan=plan, kind="pickup").select_related("trip")]
    for trip in unserved + planned:
        try:
            services.move_trip(actor=coordinator, plan=plan, trip=trip, driver=driver, version=plan.version)
            return
        except ValidationError:
            plan.refresh_from_db()
