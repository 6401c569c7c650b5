"""Sessions are added with the GOV.UK date input and two 24-hour times (no single date-and-time box), and the
service's refusals land on the time fields."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.volunteering.models import Session

pytestmark = pytest.mark.django_db


def _post(client, role, day, starts="10:00", ends="12:30"):
    url = reverse("volunteering:session_add", kwargs={"vol_role_id": role.pk})
    return client.post(url, {"on_day": day.day, "on_month": day.month, "on_year": day.year,
                             "starts_at": starts, "ends_at": ends, "weekly_for": "2", "places": "10"})


def test_an_organiser_adds_weekly_sessions_with_a_date_and_two_times(client_for, litter_pick):
    day = timezone.localdate() + timedelta(days=5)
    response = _post(client_for("volunteer_coordinator"), litter_pick, day)
    assert response.status_code == 302, response.content.decode()[:2000]
    sessions = list(Session.objects.filter(role=litter_pick).order_by("starts_at"))
    assert len(sessions) == 2
    first = timezone.localtime(sessions[0].starts_at)
    assert (first.date(), first.hour, first.minute) == (day, 10, 0)
    assert timezone.localtime(sessions[0].ends_at).hour == 12
    assert sessions[1].starts_at - sessions[0].starts_at == timedelta(weeks=1)


def test_an_end_before_the_start_is_refused_on_the_end_time(client_for, litter_pick):
    day = timezone.localdate() + timedelta(days=5)
    response = _post(client_for("volunteer_coordinator"), litter_pick, day, starts="14:00", ends="09:00")
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["The end must be after the start"]
    assert not Session.objects.filter(role=litter_pick).exists()


def test_a_missing_date_and_a_bad_time_say_what_to_do(client_for, litter_pick):
    url = reverse("volunteering:session_add", kwargs={"vol_role_id": litter_pick.pk})
    response = client_for("volunteer_coordinator").post(url, {"starts_at": "25:99", "ends_at": "12:00",
                                                              "weekly_for": "1"})
    errors = response.context["form"].errors
    assert errors["on"] == ["Enter the date"]
    assert errors["starts_at"] == ["Enter start time as a 24-hour time, like 09:30"]
