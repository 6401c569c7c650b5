"""Loading a council's geography from the shipped England-wide files."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from communities.places.loader import LoadError, load_council
from communities.places.models import LSOA, Council, Postcode, Ward

pytestmark = pytest.mark.django_db


def test_stockton_is_loaded_in_full():
    # Figures from the reference data's own checks (shared/data/geography and imd READMEs).
    assert Ward.objects.filter(council_id="E06000004").count() == 27
    assert LSOA.objects.filter(council_id="E06000004").count() == 124
    assert Postcode.objects.filter(council_id="E06000004").count() == 5493
    assert sum(LSOA.objects.filter(council_id="E06000004").values_list("population", flat=True)) == 196590
    deciles = Counter(LSOA.objects.filter(council_id="E06000004").values_list("imd2025_decile", flat=True))
    assert [deciles[d] for d in range(1, 11)] == [24, 17, 10, 8, 4, 9, 6, 11, 21, 14]
    worst = LSOA.objects.filter(council_id="E06000004").order_by("imd2025_rank").first()
    assert (worst.code, worst.imd2025_rank) == ("E01012286", 40)
    assert LSOA.objects.filter(council_id="E06000004", imd2019_decile__isnull=True).count() == 0
    assert LSOA.objects.filter(council_id="E06000004", latitude__isnull=True).count() == 0


def test_split_lsoas_inherit_their_parents_2019_rank():
    # E01033477 (2011) was the most deprived Stockton LSOA in IoD2019, rank 74; 2021 codes carrying it have that rank.
    assert LSOA.objects.filter(imd2019_rank=74).exists()


def test_loading_again_updates_without_duplicates():
    report = load_council("E06000004")
    assert (report.wards, report.lsoas, report.postcodes) == (27, 124, 5493)
    assert LSOA.objects.filter(council_id="E06000004").count() == 124
    assert Council.objects.filter(code="E06000004").count() == 1


def test_another_council_loads_by_code_without_postcodes():
    report = load_council("e06000001")  # Hartlepool; codes are case-insensitive
    assert report.council.startswith("Hartlepool")
    assert report.lsoas == LSOA.objects.filter(council_id="E06000001").count() > 50
    assert report.postcodes == 0
    assert "No postcode file is shipped" in report.notes[0]


def test_unknown_council_code_is_a_clear_error():
    with pytest.raises(CommandError, match="No local authority with ONS code 'W06000099'"):
        call_command("load_council", "W06000099")


def test_bad_postcode_file_names_line_and_field_and_writes_nothing(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text(
        "postcode,latitude,longitude,lsoa21cd\n"
        "TS23 1AA,54.6,-1.3,E01011949\n"
        "NOT A POSTCODE,54.6,-1.3,E01011949\n"
    )
    with pytest.raises(LoadError, match=r"postcodes.csv, line 3, field postcode"):
        load_council("E06000001", path)
    assert not Council.objects.filter(code="E06000001").exists()


def test_postcode_in_another_area_is_refused(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,latitude,longitude,lsoa21cd\nTS23 1AA,abc,-1.3,E01011949\n")
    with pytest.raises(LoadError, match="line 2, field latitude: 'abc' is not a number"):
        load_council("E06000001", path)
    path.write_text("postcode,latitude,longitude,lsoa21cd\nTS18 1AA,54.5,-1.3,E01012286\n")
    with pytest.raises(LoadError, match="field lsoa21cd: 'E01012286' is not an LSOA of Hartlepool"):
        load_council("E06000001", path)


def test_postcode_without_coordinates_takes_the_lsoa_centre(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,latitude,longitude,lsoa21cd\nts241aa,,,E01011949\n")
    load_council("E06000001", path)
    postcode = Postcode.objects.get(postcode="TS24 1AA")
    assert (postcode.latitude, postcode.longitude) == (postcode.lsoa.latitude, postcode.lsoa.longitude)
