"""The plan pages as a coordinator uses them, and run sheets: a driver sees only their own run, and only once the
plan is published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.core import jobs
from communities.transport.planning.models import DayPlan, PlanStatus, Run, RunStop

from .conftest import HOMES

PASSWORDLESS = "allauth.account.auth_backends.AuthenticationBackend"


def planned(scheme, client) -> DayPlan:
    response = client.post(reverse("transport_planning:index"), {"day": scheme.day.isoformat()})
    plan = DayPlan.objects.get(service_date=scheme.day)
    assert response.status_code == 302 and response["Location"] == reverse("transport_planning:plan", args=[plan.pk])
    page = client.get(response["Location"])
    assert b"Planning: step 0 of 2" in page.content and b'http-equiv="refresh"' in page.content
    jobs.run(plan.job_id)
    plan.refresh_from_db()
    return plan


@pytest.mark.django_db
def test_a_coordinator_plans_a_day_moves_a_trip_and_publishes(scheme, client_for):
    client = client_for("coordinator")
    plan = planned(scheme, client)
    page = client.get(reverse("transport_planning:plan", args=[plan.pk])).content.decode()
    assert "Drivers&#x27; runs" in page or "Drivers' runs" in page
    assert "straight-line distance x 1.3" in page
    assert all(run.driver.name in page for run in Run.objects.filter(plan=plan))
    trip = scheme.trips[0]
    holder = RunStop.objects.get(trip=trip, kind="pickup").run.driver
    other = next(d for d in scheme.drivers if d != holder)
    url = reverse("transport_planning:change_trip", args=[plan.pk, trip.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": plan.version, "driver": str(other.pk)})
    assert response.status_code == 302
    assert RunStop.objects.get(trip=trip, kind="pickup").run.driver == other
    stale = client.post(url, {"version": plan.version, "driver": str(holder.pk)})
    assert stale.status_code == 200 and "Someone else changed this plan" in stale.content.decode()
    plan.refresh_from_db()
    kim = scheme.add_driver("Kim", HOMES[4], starts="10:35")
    refused = client.post(url, {"version": plan.version, "driver": str(kim.pk)})
    assert "after its 10:30 appointment" in refused.content.decode()
    client.post(reverse("transport_planning:publish", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED


@pytest.mark.django_db
def test_run_sheets_only_for_the_driver_whose_run_it_is_and_only_once_published(scheme, client, client_for):
    plan = planned(scheme, client_for("coordinator"))
    runs = list(Run.objects.filter(plan=plan))
    assert runs
    mine = runs[0]
    theirs = Run.objects.create(plan=plan, driver=next(d for d in scheme.drivers if d != mine.driver),
                                service_date=plan.service_date) if len(runs) == 1 else runs[1]
    client.force_login(mine.driver.user, backend=PASSWORDLESS)
    sheet = reverse("transport_planning:run_sheet", args=[mine.pk])
    assert client.get(sheet).status_code == 404  # not published yet
    plan.status = PlanStatus.PUBLISHED
    plan.save()
    page = client.get(sheet)
    assert page.status_code == 200 and "07700 900456" in page.content.decode()
    assert client.get(reverse("transport_planning:run_sheet", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("transport_planning:run_sheet_pdf", args=[theirs.pk])).status_code == 404
    pdf = client.get(reverse("transport_planning:run_sheet_pdf", args=[mine.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listed = client.get(reverse("transport_planning:my_runs")).content.decode()
    assert sheet in listed and reverse("transport_planning:run_sheet", args=[theirs.pk]) not in listed
    assert client.get(reverse("transport_planning:plan", args=[plan.pk])).status_code == 403
    partner_driver = client_for("driver")
    assert partner_driver.get(sheet).status_code == 404
