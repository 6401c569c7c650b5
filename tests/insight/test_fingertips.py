"""Import of the CSV Fingertips exports (issue #19 item 5: "analysts cannot load the real figures they download from
Fingertips"). The sample tests/fixtures/fingertips/fingertips_export_synthetic.csv has Fingertips' exact columns
and synthetic values (every row's Value note says so)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.insight import fingertips
from communities.insight.importer import ImportError_
from communities.insight.models import AreaType, Indicator, IndicatorValue

from ..stats._ref import FIXTURES
from .conftest import make_indicator

SAMPLE = (FIXTURES / "fingertips" / "fingertips_export_synthetic.csv").read_text(encoding="utf-8")
#: The header Fingertips writes (CsvBuilderIndicatorDataHeaderWriter, github.com/ukhsa-collaboration/fingertips-open),
#: with a region as the parent area type.
FINGERTIPS_HEADER = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age",
    "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
    "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to Region value or percentiles", "Time period Sortable",
    "New data", "Compared to goal",
]


def _value(code: str, area: str, period: str) -> IndicatorValue:
    return IndicatorValue.objects.get(indicator__code=code, area_code=area, period=period)


def _replace(text: str, line: int, column: str, new: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    rows[line - 1][rows[0].index(column)] = new
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_the_sample_has_fingertips_exact_columns_and_is_marked_synthetic():
    rows = list(csv.reader(io.StringIO(SAMPLE)))
    assert rows[0] == FINGERTIPS_HEADER
    assert all(len(r) == len(FINGERTIPS_HEADER) for r in rows)
    assert all(r[FINGERTIPS_HEADER.index("Value note")].startswith("SYNTHETIC") for r in rows[1:])
    assert fingertips.is_fingertips(SAMPLE)
    assert not fingertips.is_fingertips("code,name,key_move\n")


def test_import_loads_stockton_england_north_east_and_wards_as_published(db):
    result = fingertips.import_fingertips(SAMPLE)
    assert sorted(result.indicators_created) == [
        "fingertips-90366-female-all-ages", "fingertips-90366-male-all-ages", "fingertips-92443"]
    assert result.other_areas == 7  # Middlesbrough: 5 smoking rows and 2 life expectancy rows
    assert result.categories == 1
    smoking = _value("fingertips-92443", "E06000004", "2023")
    assert (smoking.area_type, smoking.value, smoking.lower, smoking.upper) == (AreaType.BOROUGH, 11.7, 8.5, 14.9)
    assert smoking.year == 2023 and smoking.ci_method == "As published (Fingertips)"
    assert smoking.numerator == 17550 and smoking.denominator == 150000
    assert _value("fingertips-92443", "E92000001", "2019").area_type == AreaType.ENGLAND
    assert _value("fingertips-92443", "E12000001", "2021").area_type == AreaType.REGION
    male = _value("fingertips-90366-male-all-ages", "E05014878", "2020 - 22")
    assert (male.area_type, male.value, male.area_name) == (AreaType.WARD, 80.4, "Ropner")
    suppressed = _value("fingertips-90366-female-all-ages", "E05014882", "2020 - 22")
    assert suppressed.value is None and suppressed.lower is None
    ind = Indicator.objects.get(code="fingertips-90366-female-all-ages")
    assert (ind.name, ind.fingertips_id, ind.fingertips_sex, ind.fingertips_age) == (
        "Life expectancy at birth (Female, All ages)", 90366, "Female", "All ages")
    assert not IndicatorValue.objects.filter(area_code="E06000002").exists()
    assert result.created == IndicatorValue.objects.count() == 35 - 7 - 1
    assert AuditEvent.objects.filter(object_type="insight.IndicatorValue").exists()
    again = fingertips.import_fingertips(SAMPLE)
    assert (again.created, again.updated, again.indicators_created) == (0, 27, [])


def test_matched_synthetic_indicator_gets_the_real_values_instead(db):
    ind = make_indicator(code="smoking-prevalence", synthetic=True, fingertips_id=92443, measure="score",
                         multiplier=1)
    IndicatorValue.objects.create(indicator=ind, area_type=AreaType.BOROUGH, area_code="E06000004",
                                  period="2015/16", year=2015, value=20.0)
    result = fingertips.import_fingertips(SAMPLE)
    assert "fingertips-92443" not in result.indicators_created
    ind.refresh_from_db()
    assert not ind.synthetic
    assert list(ind.values.filter(area_type=AreaType.BOROUGH).values_list("period", "value")) == [
        ("2019", 16.8), ("2020", 14.6), ("2021", 15.9), ("2022", 12.4), ("2023", 11.7)]


def test_one_indicator_cannot_take_two_sexes(db):
    make_indicator(code="life-expectancy", fingertips_id=90366)
    with pytest.raises(ImportError_) as exc:
        fingertips.import_fingertips(SAMPLE)
    assert any("Sex 'Female' and Age 'All ages' of Fingertips indicator 90366 would go to life-expectancy" in e
               for e in exc.value.errors)
    assert IndicatorValue.objects.count() == 0


def test_sex_specific_definitions_take_their_rows(db):
    male = make_indicator(code="le-male", fingertips_id=90366, fingertips_sex="Male")
    female = make_indicator(code="le-female", fingertips_id=90366, fingertips_sex="Female")
    fingertips.import_fingertips(SAMPLE)
    assert male.values.get(area_code="E06000004").value == 77.2
    assert female.values.get(area_code="E06000004").value == 81.0


def test_bad_rows_are_named_by_line_and_column_and_nothing_is_saved(db):
    text = _replace(SAMPLE, 3, "Value", "abc")
    text = _replace(text, 4, "Time period Sortable", "2021")
    text = _replace(text, 12, "Lower CI 95.0 limit", "99")
    with pytest.raises(ImportError_) as exc:
        fingertips.import_fingertips(text)
    assert exc.value.errors[:3] == [
        "Line 3: Value must be a number, not 'abc'",
        "Line 4: Time period Sortable must be 8 digits starting with the year, such as 20230000, not '2021'",
        "Line 12: Lower CI 95.0 limit must not be more than Upper CI 95.0 limit",
    ]
    assert Indicator.objects.count() == 0 and IndicatorValue.objects.count() == 0


def test_a_file_without_the_fingertips_columns_is_refused(db):
    with pytest.raises(ImportError_) as exc:
        fingertips.import_fingertips("Indicator ID,Indicator Name,Area Code,Colour\n92443,x,E06000004,red\n")
    assert exc.value.errors[0].startswith("Line 1: the header is missing the Fingertips column(s) Area Name, Sex")
    assert exc.value.errors[1] == "Line 1: unknown column(s) Colour: is this a Fingertips data download?"


def test_analyst_uploads_the_download_and_the_overview_shows_its_values(client_for):
    client = client_for("analyst")
    response = client.post(reverse("insight:upload"), {
        "kind": "values", "file": SimpleUploadedFile("indicators-data.csv", SAMPLE.encode(), content_type="text/csv"),
    })
    assert response.status_code == 302
    page = client.get(reverse("insight:overview")).content.decode()
    assert "Smoking Prevalence in adults (18+) - current smokers (APS)" in page
    assert "11.7" in page and "(8.5 to 14.9)" in page.replace("–", " to ")
    assert "Life expectancy at birth (Male, All ages)" in page
    upload_page = client.get(reverse("insight:upload")).content.decode()
    assert "Data downloaded from Fingertips" in upload_page


def test_the_download_replaces_the_demo_figures_of_the_same_indicators(demo_indicators):
    result = fingertips.import_fingertips(SAMPLE)
    assert result.indicators_created == []  # smoking and both life expectancies are demo indicators with their IDs
    smoking = Indicator.objects.get(code="smoking-prevalence")
    assert not smoking.synthetic
    assert smoking.values.get(area_type=AreaType.BOROUGH, period="2023").value == 11.7
    assert not smoking.values.filter(area_type=AreaType.IMD_DECILE).exists()  # no synthetic figures left behind
    female = Indicator.objects.get(code="life-expectancy-female")
    assert female.values.get(area_code="E06000004").value == 81.0
    assert Indicator.objects.filter(synthetic=True).count() == Indicator.objects.count() - 3
