"""Checks through the web pages: amounts equal the benefits core's, scoped people, what if, save, outcomes, report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.benefits.results import check_household
from communities.money import checks as session_checks
from communities.money.adapter import build_household
from communities.money.models import Outcome, SavedCheck
from communities.money.templatetags.money_tags import pounds

from .conftest import check_post, person_for

pytestmark = pytest.mark.django_db

PENSIONER = [{"age": 70, "state_pension": "173.08"}]


def _run(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    check_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return check_id, session_checks.as_check(session_checks.CheckDraft.objects.get(pk=check_id))


def test_anonymous_check_shows_the_cores_amounts(client_for, engine):
    client = client_for("officer")
    data = check_post(PENSIONER, tenure="private_rent", rent="600", rent_period="month", council_tax_band="B",
                      council_tax_per_year="1920.13")
    check_id, check = _run(client, reverse("money:check_new"), data)
    answers = check["answers"]
    assert answers["rent_per_year"] == 7200.0 and answers["members"][0]["state_pension_per_year"] == 9000.16
    expected = check_household(build_household(answers), 2025, engine=engine)
    page = client.get(reverse("money:check_result", args=[check_id])).content.decode()
    for key in ("pension_credit", "housing_benefit", "council_tax_reduction"):
        b = expected.get(key)
        assert b.entitled_per_year > 0, key
        assert pounds(b.per_month) in page and pounds(b.per_week) in page and pounds(b.entitled_per_year) in page
    assert pounds(expected.total_unclaimed_per_year / 12) in page
    assert "Not due: people over State Pension age claim Pension Credit instead." in page
    assert check["result"]["total_entitled_per_year"] == expected.total_entitled_per_year
    assert check["result"]["seconds"] < 5

    plan = client.get(reverse("money:check_plan", args=[check_id])).content.decode()
    assert "Claim Pension Credit" in plan and "https://www.gov.uk/pension-credit/how-to-claim" in plan
    assert "Benefits advice and help to claim" in plan  # the core's support pointer, even with no directory listing


def test_receiving_a_benefit_reduces_what_is_unclaimed(client_for, engine):
    client = client_for("officer")
    data = check_post(PENSIONER, tenure="owner_outright", council_tax_per_year="1500",
                      receiving_pension_credit="20")
    _, check = _run(client, reverse("money:check_new"), data)
    pc = next(b for b in check["result"]["benefits"] if b["key"] == "pension_credit")
    assert pc["receiving_per_year"] == 1040.0
    assert pc["unclaimed_per_year"] == round(max(0.0, pc["entitled_per_year"] - 1040.0), 2)


def test_invalid_household_is_explained_on_the_field(client_for):
    client = client_for("officer")
    data = check_post([{"age": 40}, {"relationship": "child", "age": 17}])
    response = client.post(reverse("money:check_new"), data)
    assert response.status_code == 200
    assert "Add people aged 16 or over as another adult" in response.content.decode()


def test_check_for_a_person_on_record_is_scoped_saved_and_audited(client_for, council, engine):
    person = person_for(council, date_of_birth=dt.date(1950, 3, 1), has_disability=True)
    client = client_for("officer")
    form = client.get(reverse("money:check_person", args=[person.pk]))
    assert form.status_code == 200 and 'value="76"' in form.content.decode()
    data = check_post([{"age": 76, "state_pension": "120", "disabled": True, "attendance_allowance": "LOWER"}],
                      tenure="social_rent_council", rent="95", rent_period="week", council_tax_per_year="1400")
    check_id, check = _run(client, reverse("money:check_person", args=[person.pk]), data)
    assert check["person_id"] == str(person.pk)

    response = client.post(reverse("money:check_save", args=[check_id]))
    saved = SavedCheck.objects.get(person=person)
    assert response["Location"] == reverse("money:saved_check", args=[saved.pk])
    assert float(saved.total_entitled_per_year) == check["result"]["total_entitled_per_year"]
    event = AuditEvent.objects.get(action="create", object_type="money.SavedCheck")
    assert event.object_id == str(saved.pk) and event.fields["person"] == str(person.pk)

    page = client.get(reverse("money:saved_check", args=[saved.pk]))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="view", object_type="money.SavedCheck", object_id=str(saved.pk)).exists()
    # someone whose organisation does not support the person sees nothing
    outsider = client_for("outsider")
    assert outsider.get(reverse("money:saved_check", args=[saved.pk])).status_code == 404
    assert outsider.post(reverse("money:check_person", args=[person.pk]), data).status_code == 404


def test_what_if_shows_scenarios_side_by_side(client_for, engine):
    client = client_for("officer")
    data = check_post([{"age": 30}], tenure="private_rent", rent="500", rent_period="month",
                      council_tax_per_year="1400")
    check_id, check = _run(client, reverse("money:check_new"), data)
    response = client.post(reverse("money:check_whatif", args=[check_id]), {
        "work_member": "0", "work_hours": "16", "work_wage": "12.21", "partner_age": "32", "partner_earnings": "1500",
    })
    page = response.content.decode()
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert len(comparison["titles"]) == 3
    working = dict(check["answers"])
    working["members"] = [{**check["answers"]["members"][0], "earnings_per_year": round(16 * 12.21 * 52, 2),
                           "hours_per_week": 16.0}]
    uc_working = check_household(build_household(working), 2025, engine=engine).get("universal_credit")
    uc_now = check_household(build_household(check["answers"]), 2025, engine=engine).get("universal_credit")
    row = next(r for r in comparison["rows"] if r["label"] == "Universal Credit")
    assert row["values"][:2] == [uc_now.per_month, uc_working.per_month]
    assert uc_working.per_month < uc_now.per_month
    assert pounds(uc_working.per_month) in page
    assert comparison["earnings"][1] == round(16 * 12.21 * 52 / 12, 2)


def test_outcomes_report_totals_by_benefit_and_month(client_for, council, engine):
    person = person_for(council)
    client = client_for("officer")
    check_id, _ = _run(client, reverse("money:check_person", args=[person.pk]),
                       check_post(PENSIONER, tenure="owner_outright", council_tax_per_year="1500"))
    client.post(reverse("money:check_save", args=[check_id]))
    saved = SavedCheck.objects.get(person=person)
    url = reverse("money:outcome_add", args=[saved.pk])
    assert client.post(url, {"benefit": "pension_credit", "status": "awarded", "amount_period": "week",
                             "occurred_on": "2026-09-14"}).status_code == 200  # amount required for an award
    for benefit, amount, period, day in (
        ("pension_credit", "50", "week", "2026-09-14"),
        ("council_tax_reduction", "1200", "year", "2026-10-02"),
        ("pension_credit", "100", "month", "2026-10-20"),
    ):
        response = client.post(url, {"benefit": benefit, "status": "awarded", "amount": amount,
                                     "amount_period": period, "occurred_on": day})
        assert response.status_code == 302
    client.post(url, {"benefit": "attendance_allowance", "status": "claimed", "amount_period": "week",
                      "occurred_on": "2026-10-21"})
    assert Outcome.objects.count() == 4
    assert AuditEvent.objects.filter(action="create", object_type="money.Outcome").count() == 4

    response = client.get(reverse("money:report"))
    html = response.content.decode()
    assert '<th scope="row" class="govuk-table__header">2026-09</th>' in html
    assert '<th scope="row" class="govuk-table__header">Pension Credit</th>' in html
    report = response.context["report"]
    by_benefit = {r["benefit"]: r for r in report["by_benefit"]}
    assert by_benefit["pension_credit"]["awards"] == 2 and float(by_benefit["pension_credit"]["per_year"]) == 3800.0
    assert float(by_benefit["council_tax_reduction"]["per_year"]) == 1200.0
    assert [(m["month"], float(m["per_year"])) for m in report["by_month"]] == [("2026-09", 2600.0),
                                                                                ("2026-10", 2400.0)]
    assert float(report["total_per_year"]) == 5000.0
    csv_text = client.get(reverse("money:report_csv")).content.decode()
    assert "2026-10,Council Tax Reduction,1,1200.00" in csv_text
    assert AuditEvent.objects.filter(action="export", object_type="money.Outcome").exists()


def test_action_plan_lists_directory_services_for_the_needs(client_for, partner, engine):
    from tests.directory.factories import make_service

    make_service("Tees Benefits Advice Line", platform_organisation=partner, category="benefits-advice",
                 description="Free help to claim.")
    client = client_for("worker")
    check_id, _ = _run(client, reverse("money:check_new"),
                       check_post(PENSIONER, tenure="owner_outright", council_tax_per_year="1500"))
    response = client.get(reverse("money:check_plan", args=[check_id]))
    assert response.context["has_local_services"]
    benefits_advice = next(n for n in response.context["local_help"] if n["key"] == "benefits_advice")
    assert [s["name"] for s in benefits_advice["services"]] == ["Tees Benefits Advice Line"]
    assert "Tees Benefits Advice Line" in response.content.decode()


def test_person_check_is_prefilled_from_the_household_record(client_for, council):
    from decimal import Decimal

    from communities.money.models import HouseholdMoney
    from communities.people.models import Household

    household = Household.objects.create(tenure="private", council_tax_band="C")
    HouseholdMoney.objects.create(household=household, rent_per_week=Decimal("95.00"),
                                  current_benefits={"pension_credit": 1040.0}, epc_band="E")
    person = person_for(council, household=household, date_of_birth=dt.date(1948, 1, 1), is_carer=True)
    person_for(council, household=household, first_name="Bo", date_of_birth=dt.date(1950, 6, 1))
    response = client_for("officer").get(reverse("money:check_person", args=[person.pk]))
    form, members = response.context["form"], response.context["members"]
    assert form.initial["tenure"] == "private_rent" and form.initial["council_tax_band"] == "C"
    assert form.initial["rent"] == Decimal("95.00") and form.initial["receiving_pension_credit"] == 20.0
    assert [m["relationship"] for m in members.initial] == ["you", "partner"]
    assert members.initial[0]["carer"] is True


def test_local_help_falls_back_to_the_cores_pointers_without_the_directory(monkeypatch):
    from communities.money import plan

    monkeypatch.setattr(plan.apps, "is_installed", lambda name: False)
    result = {"benefits": [{"key": "pension_credit", "eligible": True, "receiving_per_year": 0, "status": "entitled",
                            "kind": "amount", "unclaimed_per_year": 100.0}],
              "total_unclaimed_per_year": 100.0, "home_energy": {}}
    needs = plan.local_help(result, {"members": [{"carer": True}]})
    assert [n["key"] for n in needs] == ["benefits_advice", "household_support_fund", "food_support",
                                         "carer_support", "debt_advice"]
    assert all(n["services"] == [] for n in needs)


def test_engine_prewarm_starts_once_per_process(monkeypatch):
    import threading

    from communities.benefits import engine as core_engine
    from communities.money import adapter

    built = threading.Event()
    monkeypatch.setattr(core_engine, "get_engine", lambda years: built.set())
    monkeypatch.setattr(adapter, "_prewarm_started", False)
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    assert adapter.prewarm_engine_in_background() is True
    assert built.wait(5)
    assert adapter.prewarm_engine_in_background() is False
    monkeypatch.setattr(adapter, "_prewarm_started", False)
    monkeypatch.setenv("MONEY_PREWARM_ENGINE", "0")
    assert adapter.prewarm_engine_in_background() is False


def test_the_person_search_of_the_benefits_check_is_audited(client_for, council):
    """A search that lists residents is a read of their personal data: one event naming everyone shown."""
    from communities.people.services import views_of

    person = person_for(council, first_name="Searchable")
    response = client_for("officer").get(reverse("money:index"), {"q": "Testperson"})
    assert "Searchable" in response.content.decode()
    event = views_of(person).get()
    assert event.fields["shown"] == [str(person.pk)] and event.fields["where"] == "benefits check search"
