"""The demo borough's volunteering, and the Done-means journey in it: the demo resident finds a litter pick near
TS18, signs up and logs hours; the demo volunteer coordinator approves them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.volunteering.models import CommunityEvent, HoursLog, Role, Volunteer

pytestmark = pytest.mark.django_db


def test_demo_volunteering_and_the_litter_pick_journey(settings, client):
    from communities.demo.generator import generate

    settings.DEMO_EXTENSIONS = ["communities.volunteering.demo.add_demo_volunteering"]
    with transaction.atomic():
        generate(seed=7, residents=400, council_code="E06000004")
        assert Volunteer.objects.count() >= 300
        assert HoursLog.objects.filter(status="approved").count() > 300
        assert CommunityEvent.objects.filter(kind="litter_pick", bags_collected__isnull=False).exists()
        assert CommunityEvent.objects.filter(kind="garden", area_covered_m2__isnull=False).exists()
        assert Role.objects.values("activity__organisation").distinct().count() >= 5

        resident = User.objects.get(email=demo_email("resident"))
        client.force_login(resident)
        listing = client.get(reverse("volunteering:opportunities"),
                             {"postcode": Volunteer.objects.get(user=resident).home_postcode, "within": "3",
                              "cause": "environment", "qualified_only": "on"}).content.decode()
        assert "Litter picker" in listing and "Befriender" not in listing
        pick = Role.objects.filter(title="Litter picker", activity__organisation__name__isnull=False,
                                   activity__organisation__memberships__user__email=demo_email(
                                       "volunteer-coordinator")).first()
        session = pick.sessions.filter(starts_at__gt=timezone.now()).first()
        client.post(reverse("volunteering:sign_up", kwargs={"vol_session_id": session.pk}))
        client.post(reverse("volunteering:log_hours"), {"role": str(pick.pk), "hours": "2",
                                                        "on_date": timezone.localdate().isoformat()})
        entry = HoursLog.objects.get(volunteer__user=resident)

        client.force_login(User.objects.get(email=demo_email("volunteer-coordinator")))
        from communities.accounts.mfa import has_totp

        assert has_totp(User.objects.get(email=demo_email("volunteer-coordinator")))
        client.post(reverse("volunteering:hours_decide", kwargs={"vol_hours_id": entry.pk}), {"decision": "approve"})
        entry.refresh_from_db()
        status = entry.status
        transaction.set_rollback(True)
    assert status == "approved"
