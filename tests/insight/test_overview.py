import csv
import io

import pytest
from django.urls import reverse

from communities.insight.models import AreaType, Indicator, IndicatorValue

from .conftest import make_indicator


@pytest.mark.parametrize("persona", ["analyst", "councillor", "officer", "admin"])
def test_overview_renders_for_insight_roles(persona, client_for, small_indicator):
    response = client_for(persona).get(reverse("insight:overview"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Smoking prevalence" in body
    assert "Compared with England" in body


@pytest.mark.parametrize("persona", ["worker", "volunteer", "driver", "editor"])
def test_overview_refused_to_other_roles(persona, client_for, small_indicator):
    assert client_for(persona).get(reverse("insight:overview")).status_code == 403
    assert client_for(persona).get(reverse("insight:overview_csv")).status_code == 403


def test_overview_with_the_demo_data(client_for, demo_indicators):
    response = client_for("councillor").get(reverse("insight:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="govuk-table__caption govuk-table__caption--m"') == 4  # the four key moves
    assert "synthetic" in body
    assert "Download the Cabinet report (PDF)" in body
    assert "Upload indicator data" not in body  # councillors do not import


def test_overview_shows_comparison_trend_and_variation(client_for, small_indicator):
    body = client_for("analyst").get(reverse("insight:overview")).content.decode()
    # borough 20% -> 16% (low is good) against England 14%: worse; falling significantly: improving
    assert "Worse" in body
    assert "Improving" in body
    assert "variation" in body.lower()


def test_overview_csv_is_neutralised(client_for, small_indicator):
    make_indicator(code="evil", name="=HYPERLINK(\"http://evil.example\")")
    response = client_for("analyst").get(reverse("insight:overview_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    names = [r[2] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\")" in names


def test_indicator_names_are_escaped(client_for, small_indicator):
    small_indicator.name = "<script>alert(1)</script>"
    small_indicator.save()
    IndicatorValue.objects.filter(indicator=small_indicator, area_type=AreaType.BOROUGH)
    for name in ("insight:overview",):
        body = client_for("analyst").get(reverse(name)).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert Indicator.objects.count() == 1


def test_dashboard_tile_and_navigation(client_for, small_indicator):
    body = client_for("councillor").get(reverse("core:dashboard")).content.decode()
    assert "What success looks like" in body
    assert f'href="{reverse("insight:overview")}"' in body
    body = client_for("worker").get(reverse("core:dashboard")).content.decode()
    assert "What success looks like" not in body
    assert f'href="{reverse("insight:overview")}"' not in body
