import csv
import io
import re

import pytest
from django.urls import reverse

PAGES = ["insight:indicator", "insight:wards", "insight:inequality", "insight:map"]
CSVS = ["insight:indicator_csv", "insight:wards_csv", "insight:inequality_csv"]


@pytest.mark.parametrize("persona", ["analyst", "councillor"])
def test_every_indicator_page_renders(persona, client_for, small_indicator):
    client = client_for(persona)
    for name in PAGES + CSVS:
        response = client.get(reverse(name, args=[small_indicator.code]))
        assert response.status_code == 200, name


def test_vcse_worker_is_refused(client_for, small_indicator):
    client = client_for("worker")
    for name in PAGES + CSVS:
        assert client.get(reverse(name, args=[small_indicator.code])).status_code == 403, name


def test_unknown_indicator_is_404(client_for, db, personas):
    assert client_for("analyst").get(reverse("insight:indicator", args=["nope"])).status_code == 404


def _svgs(body: str) -> list[str]:
    return re.findall(r"<svg[^>]*class=\"app-chart\".*?</svg>", body, flags=re.S)


def test_charts_have_accessible_names_and_tables(client_for, small_indicator):
    client = client_for("analyst")
    for name in PAGES:
        body = client.get(reverse(name, args=[small_indicator.code])).content.decode()
        svgs = _svgs(body)
        assert svgs, name
        for svg in svgs:
            assert 'role="img"' in svg
            ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
            for i in ids:
                assert f'id="{i}"' in svg
            assert "<title" in svg and "<desc" in svg
            assert "style=" not in svg and "<script" not in svg
        assert "<caption" in body
        assert "<script>" not in body.split("<main")[1].split("</main>")[0]


def test_pages_with_the_demo_data(client_for, demo_indicators):
    client = client_for("councillor")
    for code in ("smoking-prevalence", "alcohol-admissions", "life-expectancy-male", "carers-quality-of-life"):
        for name in PAGES:
            response = client.get(reverse(name, args=[code]))
            assert response.status_code == 200, (code, name)
    body = client.get(reverse("insight:inequality", args=["smoking-prevalence"])).content.decode()
    assert "Slope index of inequality (SII)" in body
    assert "Relative index of inequality (RII)" in body
    body = client.get(reverse("insight:map", args=["smoking-prevalence"])).content.decode()
    assert body.count("<path d=") >= 27  # every ward is drawn
    assert "Class 5" in body


def test_spc_marks_special_cause_points(client_for, small_indicator):
    body = client_for("analyst").get(reverse("insight:indicator", args=[small_indicator.code])).content.decode()
    assert "Upper process limit" in body or "Upper" in body
    assert "Mean" in body


def test_ward_csv_is_neutralised_and_names_are_escaped(client_for, small_indicator):
    small_indicator.name = "@SUM(1+1)<b>x</b>"
    small_indicator.save()
    client = client_for("analyst")
    rows = list(csv.reader(io.StringIO(client.get(reverse("insight:wards_csv", args=["smoking"])).content.decode())))
    assert rows[1][1] == "'@SUM(1+1)<b>x</b>"
    for name in PAGES:
        body = client.get(reverse(name, args=["smoking"])).content.decode()
        assert "<b>x</b>" not in body, name
        assert "&lt;b&gt;x&lt;/b&gt;" in body, name
