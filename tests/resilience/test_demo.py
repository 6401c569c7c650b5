"""The demo borough's emergencies: a register that leans to older people in more deprived areas, data holders, and a
past exercise with outcomes that the demo planner sees and the demo volunteer does not."""

from __future__ import annotations

import pytest

from communities.demo.generator import generate
from communities.demo.logins import demo_email
from communities.people.models import Involvement
from communities.resilience.models import DataHolder, Incident, RegisterEntry
from communities.resilience.progress import report

pytestmark = pytest.mark.django_db


def test_demo_register_holders_and_past_exercise(client, settings):
    from communities.accounts.models import User

    settings.DEMO_EXTENSIONS = ["communities.resilience.demo.add_demo_emergencies"]  # this room's part alone
    generate(seed=7, residents=2000, council_code="E06000004")
    entries = RegisterEntry.objects.select_related("person", "lsoa")
    assert entries.count() > 100
    adults = [i.person for i in Involvement.objects.select_related("person") if (i.person.age or 0) >= 18]
    register_age = sum(e.person.age for e in entries) / entries.count()
    assert register_age > sum(p.age for p in adults) / len(adults) + 5  # older than the people it was drawn from
    assert RegisterEntry.objects.lapsed().exists() and RegisterEntry.objects.current().exists()
    assert DataHolder.objects.filter(kind="utility_psr").count() == 3
    exercise = Incident.objects.get(exercise=True)
    assert not exercise.is_open
    after = report(exercise)
    assert after.calls > 0 and 0 < after.attempted_within_target <= after.calls
    client.force_login(User.objects.get(email=demo_email("planner")),
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    assert "Exercise Heatwave (demo)" in client.get("/emergencies/").content.decode()
    client.force_login(User.objects.get(email=demo_email("volunteer")),
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(f"/emergencies/incidents/{exercise.pk}/").status_code == 403
    assert "no calls in an open incident" in client.get("/emergencies/my-calls/").content.decode()
