"""Issue #19 item 4: the what-if page's pay hint comes from dated National Living Wage / National Minimum Wage tables
(GOV.UK, April 2025 and April 2026), picking the rates in force in the check's tax year, not a 2025 figure in code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from communities.money import pay

from .conftest import check_post

pytestmark = pytest.mark.django_db


def test_the_rates_in_force_in_each_tax_year():
    rates_2025, rates_2026 = pay.rates_for(2025), pay.rates_for(2026)
    assert rates_2025.starts == date(2025, 4, 1) and rates_2026.starts == date(2026, 4, 1)
    assert (rates_2025.aged_21_and_over, rates_2025.aged_18_to_20, rates_2025.under_18) == (
        Decimal("12.21"), Decimal("10.00"), Decimal("7.55"))
    assert (rates_2026.aged_21_and_over, rates_2026.aged_18_to_20, rates_2026.under_18, rates_2026.apprentice) == (
        Decimal("12.71"), Decimal("10.85"), Decimal("8.00"), Decimal("8.00"))
    assert [rates_2026.for_age(a) for a in (17, 18, 20, 21, 66)] == [Decimal(x) for x in (
        "8.00", "10.85", "10.85", "12.71", "12.71")]
    assert pay.rates_for(2030) == rates_2026  # the latest published rates until a new row is added
    assert "gov.uk/national-minimum-wage-rates" in rates_2026.source


def test_the_hint_names_the_rate_for_the_year():
    assert "£12.71" in pay.hint(2026) and "1 April 2026" in pay.hint(2026) and "£12.21" not in pay.hint(2026)
    assert "£12.21" in pay.hint(2025) and "£10.00" in pay.hint(2025)


def test_a_row_without_a_rate_is_refused_with_its_name(tmp_path):
    path = tmp_path / "pay.yaml"
    path.write_text("source: x\nrates:\n  - from: 2027-04-01\n    aged_21_and_over: 13\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="aged_18_to_20"):
        pay.all_rates(path)


def _whatif(client, year: int, age: int):
    data = check_post([{"age": age}], year=year, tenure="private_rent", rent="500", rent_period="month",
                      council_tax_per_year="1400")
    response = client.post(reverse("money:check_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    check_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return client.get(reverse("money:check_whatif", args=[check_id]))


def test_the_what_if_page_suggests_the_minimum_pay_of_the_checks_tax_year(client_for, engine):
    client = client_for("officer")
    page = _whatif(client, 2026, 30)
    html = page.content.decode()
    assert page.context["form"]["work_wage"].value() == Decimal("12.71")
    assert "£12.71 an hour" in html and "£12.21" not in html
    young = _whatif(client, 2026, 19)
    assert young.context["form"]["work_wage"].value() == Decimal("10.85")
    earlier = _whatif(client, 2025, 30)
    assert earlier.context["form"]["work_wage"].value() == Decimal("12.21")
    assert "£12.21 an hour" in earlier.content.decode()
