"""The demo borough's Volunteer Driver Service: drivers, vehicles, a week's trips, checks near expiry, claims; the
demo driver login sees only their own trips."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.demo.generator import generate
from communities.demo.logins import demo_email
from communities.organisations.services import current_membership_state
from communities.transport.models import ComplianceItem, Driver, MileageClaim, Trip, Vehicle

pytestmark = pytest.mark.django_db


def test_the_demo_scheme_has_drivers_vehicles_trips_and_claims():
    generate(seed=3, residents=1500, council_code="E06000004")
    assert Driver.objects.count() == 40 and Vehicle.objects.count() == 15
    today = timezone.localdate()
    last_week = Trip.objects.filter(service_date__range=(today - timedelta(days=7), today - timedelta(days=1)))
    assert 300 <= last_week.count() <= 420
    assert Trip.objects.filter(service_date__gt=today, status="requested").exists()  # to plan from the page
    assert set(last_week.values_list("status", flat=True)) >= {"completed", "no_show", "turned_away"}
    soon = ComplianceItem.objects.filter(expires_on__range=(today, today + timedelta(days=30)))
    assert soon.exists()
    assert MileageClaim.objects.filter(status="approved").exists()
    demo_driver = Driver.objects.get(user__email=demo_email("driver"))
    user = demo_driver.user
    council = demo_driver.organisation
    user.current_organisation, user.current_roles = current_membership_state(user, str(council.pk))
    visible = Trip.objects.visible_to(user)
    assert visible.exists() and set(visible.values_list("driver", flat=True)) == {demo_driver.pk}
