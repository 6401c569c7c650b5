"""CSV import: line-numbered errors naming the field, all or nothing, re-import updates; the management command."""

import pytest
from django.core.management import CommandError, call_command

from communities.audit.models import AuditEvent
from communities.insight import importer
from communities.insight.models import Indicator, IndicatorValue

DEFINITIONS = """code,name,key_move,measure,multiplier,polarity,unit,source
smoking,Smoking prevalence,healthy_lives,proportion,100,low_is_good,%,APS
crime,Total crime,safe_connected,rate,1000,low_is_good,per 1000,Police
"""
VALUES = """indicator_code,area_type,area_code,area_name,period,year,numerator,denominator
smoking,borough,E06000004,Stockton-on-Tees,2023/24,2023,2000,10000
smoking,england,E92000001,England,2023/24,2023,1400000,10000000
crime,borough,E06000004,Stockton-on-Tees,2023/24,2023,15000,197000
"""


@pytest.fixture
def defined(db):
    importer.import_definitions(DEFINITIONS)
    return Indicator.objects.get(code="smoking")


def test_definitions_and_values_import(defined):
    result = importer.import_values(VALUES)
    assert (result.created, result.updated) == (3, 0)
    row = IndicatorValue.objects.get(indicator=defined, area_type="borough")
    assert row.value == pytest.approx(20.0)
    assert row.lower == pytest.approx(19.2276, abs=1e-3)
    assert AuditEvent.objects.filter(object_type="insight.IndicatorValue").exists()


def test_reimport_updates(defined):
    importer.import_values(VALUES)
    changed = VALUES.replace("2000,10000", "2500,10000")
    result = importer.import_values(changed)
    assert (result.created, result.updated) == (0, 3)
    assert IndicatorValue.objects.get(indicator=defined, area_type="borough").value == pytest.approx(25.0)
    assert IndicatorValue.objects.count() == 3


def test_bad_rows_name_line_and_field_and_nothing_is_written(defined):
    bad = VALUES + (
        "smoking,ward,E05014878,,2023/24,2023,50,40\n"  # line 5: numerator > denominator
        "nope,borough,E06000004,,2023/24,2023,1,2\n"  # line 6: unknown indicator
        "smoking,parish,X,,2023/24,twenty,1,2\n"  # line 7: area type and year
        "crime,borough,E06000004,,2022/23,2022,abc,197000\n"  # line 8: numerator not a number
    )
    with pytest.raises(importer.ImportError_) as caught:
        importer.import_values(bad)
    errors = caught.value.errors
    assert any(e.startswith("Line 5:") and "numerator" in e for e in errors)
    assert any(e.startswith("Line 6:") and "indicator_code" in e for e in errors)
    assert any(e.startswith("Line 7:") and "area_type" in e for e in errors)
    assert any(e.startswith("Line 7:") and "year" in e for e in errors)
    assert any(e.startswith("Line 8:") and "numerator must be a number" in e for e in errors)
    assert IndicatorValue.objects.count() == 0  # the good rows were not written either


def test_missing_columns_are_reported_on_line_1(db):
    with pytest.raises(importer.ImportError_) as caught:
        importer.import_values("indicator_code,area_code\nx,y\n")
    assert caught.value.errors[0].startswith("Line 1:")
    assert "area_type" in caught.value.errors[0]


def test_bad_definition_names_the_field(db):
    with pytest.raises(importer.ImportError_) as caught:
        importer.import_definitions(DEFINITIONS + "bad code!,X,healthy_lives,ratio,0,up,,\n")
    errors = caught.value.errors
    assert any(e.startswith("Line 4:") and "code" in e for e in errors)
    assert any(e.startswith("Line 4:") and "measure" in e for e in errors)
    assert any(e.startswith("Line 4:") and "polarity" in e for e in errors)
    assert any(e.startswith("Line 4:") and "multiplier" in e for e in errors)
    assert Indicator.objects.count() == 0


def test_management_command(tmp_path, db):
    (tmp_path / "defs.csv").write_text(DEFINITIONS)
    (tmp_path / "values.csv").write_text(VALUES)
    call_command("import_indicators", definitions=tmp_path / "defs.csv", values=tmp_path / "values.csv")
    assert IndicatorValue.objects.count() == 3
    (tmp_path / "bad.csv").write_text(VALUES.replace("E92000001", ""))
    with pytest.raises(CommandError, match="Line 3: area_code"):
        call_command("import_indicators", values=tmp_path / "bad.csv")


def test_twenty_thousand_bad_rows_give_a_hundred_in_full_then_counts_per_kind(defined):
    """Issue #12: bounded reports. Before, the import stopped at 50 errors and said nothing of the rest."""
    bad = VALUES.splitlines()[0] + "\n" + "".join(
        f"smoking,borough,E06000004,,p{i},twenty,1,10\n" for i in range(20_000))
    with pytest.raises(importer.ImportError_) as caught:
        importer.import_values(bad)
    errors = caught.value.errors
    assert caught.value.report.total == 20_000
    assert errors[0] == "Line 2: year must be a whole number, not 'twenty'" and errors[99].startswith("Line 101:")
    assert errors[100:] == ["and 19,900 more rows with 'year must be a whole number'"]
    assert IndicatorValue.objects.count() == 0


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_checked(defined, monkeypatch):
    from communities.core.uploads import Limits

    monkeypatch.setattr(importer, "LIMITS", Limits(max_bytes=importer.LIMITS.max_bytes, max_rows=2))
    monkeypatch.setattr(importer, "_number", lambda *a, **k: pytest.fail("a row was checked"))
    with pytest.raises(importer.ImportError_) as caught:
        importer.import_values(VALUES)
    assert caught.value.errors == [
        "The file has more than 2 rows: files may have at most 2 rows after the header. Split it into smaller files."]
