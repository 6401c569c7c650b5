"""Importing police.uk street-level files: counts, bad rows with line and field, one transaction, the sample."""

from __future__ import annotations

import gzip

import pytest
from django.core.management import call_command

from communities.audit.models import AuditEvent
from communities.neighbourhoods.crime import MAX_ERRORS, CrimeFileError, import_files
from communities.neighbourhoods.models import CrimeCount, CrimeImport
from communities.neighbourhoods.synthetic import MONTHS, sample_files

from .conftest import TOWN_CENTRE_LSOA, crime_row, write_file

pytestmark = pytest.mark.django_db


def counts():
    return {(c.lsoa_id, c.crime_type): c.count for c in CrimeCount.objects.all()}


def test_rows_become_counts_per_month_lsoa_and_type(imported):
    assert counts() == {(TOWN_CENTRE_LSOA, "Burglary"): 2, (TOWN_CENTRE_LSOA, "Shoplifting"): 7,
                        (TOWN_CENTRE_LSOA, "Violence and sexual offences"): 40,
                        (TOWN_CENTRE_LSOA, "Anti-social behaviour"): 12}
    assert (imported.rows_read, imported.rows_counted) == (63, 61)
    assert (imported.rows_outside_area, imported.rows_without_location) == (1, 1)
    assert f"{imported.first_month:%Y-%m}" == "2026-01" and not imported.synthetic
    assert AuditEvent.objects.filter(object_type="neighbourhoods.CrimeImport", action="import").count() == 1


def test_importing_a_month_again_replaces_it(imported, small_counts_file):
    import_files([small_counts_file])
    assert counts()[(TOWN_CENTRE_LSOA, "Burglary")] == 2
    assert CrimeCount.objects.count() == 4


def test_bad_rows_are_named_by_file_line_and_field_and_nothing_is_written(tmp_path):
    path = write_file(tmp_path / "bad.csv", [
        crime_row(),
        crime_row(month="January 2026"),
        crime_row(crime_type="Jaywalking"),
        crime_row(lsoa="TS18 1AA"),
        crime_row(lat="north"),
    ])
    with pytest.raises(CrimeFileError) as caught:
        import_files([path])
    assert caught.value.errors == [
        "bad.csv line 3, Month: 'January 2026' is not a month like 2025-01",
        "bad.csv line 4, Crime type: 'Jaywalking' is not a police.uk crime type",
        "bad.csv line 5, LSOA code: 'TS18 1AA' is not an LSOA code like E01012187",
        "bad.csv line 6, Latitude: not a number",
    ]
    assert CrimeCount.objects.count() == 0 and CrimeImport.objects.count() == 0


def test_the_error_report_is_bounded(tmp_path):
    path = write_file(tmp_path / "many.csv", [crime_row(month="bad")] * (MAX_ERRORS + 30))
    with pytest.raises(CrimeFileError) as caught:
        import_files([path])
    assert len(caught.value.errors) == MAX_ERRORS and caught.value.total == MAX_ERRORS + 30
    assert "... and 30 more" in str(caught.value)


def test_a_file_that_is_not_police_uk_format_is_refused(tmp_path):
    path = write_file(tmp_path / "other.csv", [["x"]], header=["Month", "LSOA"])
    with pytest.raises(CrimeFileError, match="line 1, header: expected the police.uk columns"):
        import_files([path])


def test_a_2011_lsoa_code_is_followed_to_its_2021_successor(tmp_path):
    from communities.neighbourhoods.boundaries import _lsoa11_to_21
    from communities.places.models import LSOA

    split = next(code for code, kids in _lsoa11_to_21().items() if len(kids) == 2)
    kids = list(LSOA.objects.filter(code__in=_lsoa11_to_21()[split]).order_by("code"))
    near = kids[1]
    path = write_file(tmp_path / "old.csv", [crime_row(lsoa=split, lat=str(near.latitude), lon=str(near.longitude))])
    import_files([path])
    assert counts() == {(near.code, "Burglary"): 1}


def test_the_shipped_synthetic_sample_is_24_months_in_the_exact_format_and_labelled(capsys):
    files = sample_files()
    assert len(files) == MONTHS == 24 and all("SYNTHETIC" in f.name for f in files)
    with gzip.open(files[0], "rt", encoding="utf-8") as handle:
        header = handle.readline().strip()
    assert header == ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
                      "Crime type,Last outcome category,Context")
    call_command("import_police_crime", "--synthetic")
    batch = CrimeImport.objects.get()
    assert batch.synthetic and batch.rows_outside_area == 24 and batch.rows_without_location == 24
    assert CrimeCount.objects.values("month").distinct().count() == 24
    assert "Imported" in capsys.readouterr().out
