"""Issue #19 item 4: the demo borough's income-gained report is not empty before anyone records an outcome: the money
demo extension gives some low-income residents the council supports a saved check from the past year with outcomes
(claims, then awards or refusals), deterministic for the seed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from communities.accounts.models import User
from communities.demo.generator import generate
from communities.demo.logins import demo_email
from communities.money.models import Outcome, SavedCheck
from communities.money.report import outcomes_report
from communities.people.models import Involvement

pytestmark = pytest.mark.django_db
DEMO_TODAY = dt.date(2026, 4, 1)  # the demo borough's fixed "today"


def _outcomes(seed: int) -> list[tuple]:
    with transaction.atomic():
        generate(seed=seed, residents=400, council_code="E06000004")
        rows = sorted(Outcome.objects.values_list(
            "saved_check__person__first_name", "saved_check__person__last_name", "benefit", "status",
            "amount_per_year", "occurred_on"))
        transaction.set_rollback(True)
    return rows


def test_demo_outcomes_are_deterministic_for_the_seed(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    first, again, other = _outcomes(4), _outcomes(4), _outcomes(5)
    assert first and first == again
    assert first != other


def test_the_demo_report_shows_income_gained_from_the_start(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    generate(seed=4, residents=400, council_code="E06000004")
    saved = SavedCheck.objects.select_related("organisation")
    assert 5 <= saved.count() <= 40  # 400 residents: only a few low-income households the council supports
    for check in saved:  # checks of residents the council supports, saved over the past year
        assert Involvement.objects.filter(person=check.person, organisation=check.organisation).exists()
        assert DEMO_TODAY - dt.timedelta(days=366) <= check.created_at.date() <= DEMO_TODAY
        assert float(check.total_entitled_per_year) == pytest.approx(
            sum(b["entitled_per_year"] for b in check.result["benefits"]), abs=0.01)
    awarded = Outcome.objects.filter(status=Outcome.Status.AWARDED)
    assert awarded.count() >= 3 and Outcome.objects.filter(status=Outcome.Status.CLAIMED).count() >= awarded.count()
    for outcome in awarded:
        assert 100 <= outcome.amount_per_year <= 13000, outcome  # a plausible award, £ a year
        assert outcome.occurred_on <= DEMO_TODAY and outcome.occurred_on > outcome.saved_check.created_at.date()
    report = outcomes_report()
    assert report["total_per_year"] > 0 and len(report["by_month"]) >= 4
    client.force_login(User.objects.get(email=demo_email("officer")),
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    page = client.get(reverse("money:report"))
    assert page.status_code == 200 and page.context["report"]["total_awards"] == awarded.count()
    assert client.get(reverse("money:saved_check", args=[saved.first().pk])).status_code == 200  # the page renders
