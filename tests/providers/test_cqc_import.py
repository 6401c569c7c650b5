"""The CQC's open data files: read as published, matched to local providers (location id, provider id, name and
postcode), all or nothing with errors by line and column, and audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from communities.audit.models import AuditEvent
from communities.providers import cqc, services
from communities.providers.models import CqcImport, Provider

from .conftest import DIRECTORY_SAMPLE, RATINGS_SAMPLE

pytestmark = pytest.mark.django_db


def _import(officer, council, path=RATINGS_SAMPLE, text=None):
    return services.import_cqc(actor=officer, commissioner=council, text=text or path.read_text(encoding="utf-8-sig"),
                               file_name=path.name, local_authority="Stockton-on-Tees")


def test_the_latest_ratings_sample_is_read_as_published():
    parsed = cqc.read(RATINGS_SAMPLE.read_text(encoding="utf-8-sig"))
    assert parsed.format == cqc.LATEST_RATINGS
    assert parsed.rows == 19
    meadowbank = next(loc for loc in parsed.locations if loc.location_id == "1-9000000001")
    assert (meadowbank.rating, meadowbank.published, meadowbank.postcode) == (
        "Requires improvement", date(2025, 3, 5), "TS18 1NR")
    assert meadowbank.ratings == {"Safe": "Inadequate", "Effective": "Good", "Caring": "Good", "Responsive": "Good",
                                  "Well-led": "Requires improvement"}
    assert meadowbank.care_home is True and meadowbank.provider_id == "1-9000000100"


def test_the_care_directory_sample_is_read_with_its_title_block():
    parsed = cqc.read(DIRECTORY_SAMPLE.read_text(encoding="utf-8-sig"))
    assert parsed.format == cqc.DIRECTORY
    assert parsed.produced_on == "This data was produced on 01 December 2026"
    assert [loc.line for loc in parsed.locations] == [6, 7, 8, 9, 10]  # the header is on line 5
    assert parsed.locations[0].published == date(2025, 3, 4)


def test_matching_by_location_id_then_provider_id_then_name_and_postcode(officer, council, partner):
    by_location = Provider.objects.create(commissioner=council, name="Riverside (our name)", postcode="TS17 0RP",
                                          cqc_location_id="1-9000000002")
    by_name = Provider.objects.create(commissioner=council, name="SYNTHETIC MEADOWBANK CARE-HOME",
                                      postcode="TS18 1NR")
    by_provider = Provider.objects.create(commissioner=council, name="Fairfield", postcode="TS22 5DR",
                                          cqc_provider_id="1-9000000100")
    other_council = Provider.objects.create(commissioner=partner, name="Synthetic Meadowbank Care Home",
                                            postcode="TS18 1NR")
    run = _import(officer, council)
    assert (run.matched, run.created, run.ambiguous, run.skipped) == (3, 0, 0, 1)  # Darlington skipped
    assert {row["name"]: row["how"] for row in run.report["matched"]} == {
        "Synthetic Meadowbank Care Home": "name and postcode", "Synthetic Riverside Home Care": "location id",
        "Synthetic Fairfield Lodge": "provider id and postcode"}
    by_name.refresh_from_db()
    assert (by_name.cqc_location_id, by_name.cqc_rating, by_name.cqc_ratings["Safe"]) == (
        "1-9000000001", "Requires improvement", "Inadequate")
    by_location.refresh_from_db()
    assert by_location.name == "Riverside (our name)" and by_location.cqc_rating == "Good"
    by_provider.refresh_from_db()
    assert by_provider.cqc_location_id == "1-9000000006"
    other_council.refresh_from_db()
    assert other_council.cqc_location_id == ""  # another commissioner's providers are never touched


def test_new_social_care_services_are_added_as_not_commissioned_and_others_skipped(officer, council):
    run = _import(officer, council, DIRECTORY_SAMPLE)
    assert (run.matched, run.created, run.ambiguous) == (0, 3, 0)
    assert run.report["skipped"] == {"in another local authority than Stockton-on-Tees": 1,
                                     "not an adult social care service (and not one of ours)": 1}
    kinds = dict(Provider.objects.filter(commissioner=council).values_list("name", "kind"))
    assert kinds == {"Synthetic Meadowbank Care Home": "care_home_nursing",
                     "Synthetic Riverside Home Care": "home_care", "Synthetic Elm House": "supported_living"}
    assert not Provider.objects.filter(commissioned=True).exists()
    again = _import(officer, council, DIRECTORY_SAMPLE)  # a second upload of the same file matches, adds nothing
    assert (again.matched, again.created) == (3, 0)


def test_two_local_providers_with_the_same_name_and_postcode_are_ambiguous_and_left_alone(officer, council):
    for _ in range(2):
        Provider.objects.create(commissioner=council, name="Synthetic Meadowbank Care Home", postcode="TS18 1NR")
    run = _import(officer, council)
    assert run.ambiguous == 1
    assert run.report["ambiguous"][0]["location_id"] == "1-9000000001"
    assert len(run.report["ambiguous"][0]["candidates"]) == 2
    assert not Provider.objects.filter(cqc_location_id="1-9000000001").exists()


def test_a_rating_change_is_reported(officer, council):
    Provider.objects.create(commissioner=council, name="X", postcode="TS22 5DR", cqc_location_id="1-9000000006",
                            cqc_rating="Good")
    run = _import(officer, council)
    assert [(r["from"], r["to"]) for r in run.report["rating_changes"]] == [("Good", "Outstanding")]


def test_one_bad_row_writes_nothing_and_names_line_and_column(officer, council):
    lines = RATINGS_SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace("TS18 1NR", "NOT A POSTCODE").replace("Good", "Very good")
    lines[8] = lines[8].replace("19/11/2024", "31/02/2024")
    with pytest.raises(cqc.CqcFileError) as caught:
        _import(officer, council, text="\n".join(lines))
    assert caught.value.errors == [
        "Line 4, Location Post Code: Enter a real postcode, like TS18 1AA (got 'NOT A POSTCODE')",
        "Line 4, Latest Rating: 'Very good' is not a CQC rating (Outstanding, Good, Requires improvement, "
        "Inadequate)",
        "Line 9, Publication Date: '31/02/2024' is not a date (for example 05/11/2025)",
    ]
    assert not Provider.objects.exists() and not CqcImport.objects.exists()


def test_a_file_that_is_not_a_cqc_file_is_refused():
    with pytest.raises(cqc.CqcFileError, match="not a CQC file we recognise"):
        cqc.read("name,postcode\nA,TS18 1AA\n")
    header = RATINGS_SAMPLE.read_text(encoding="utf-8-sig").splitlines()[0].replace(",Provider ID,", ",")
    with pytest.raises(cqc.CqcFileError, match="has no column\\(s\\) Provider ID"):
        cqc.read(header + "\n")


def test_row_limit_is_checked_before_any_row(monkeypatch):
    monkeypatch.setattr(cqc, "LIMITS", cqc.Limits(max_bytes=10_000_000, max_rows=3))
    with pytest.raises(cqc.CqcFileError, match="more than 3 rows"):
        cqc.read(RATINGS_SAMPLE.read_text(encoding="utf-8-sig"))


def test_the_import_is_audited(officer, council):
    run = _import(officer, council, DIRECTORY_SAMPLE)
    event = AuditEvent.objects.get(object_type="providers.CqcImport", object_id=str(run.pk))
    assert event.actor == officer and event.fields["new"] == 3
    assert AuditEvent.objects.filter(object_type="providers.Provider", action="create").count() == 3


def test_management_command(council, capsys):
    call_command("import_cqc", str(DIRECTORY_SAMPLE), "--local-authority", "Stockton-on-Tees")
    out = capsys.readouterr().out
    assert "CQC care directory): 5 rows; 0 matched, 3 new, 0 ambiguous, 2 skipped" in out
    event = AuditEvent.objects.get(object_type="providers.CqcImport")
    assert event.actor is None and "import_cqc" not in event.reason and "CQC import" in event.reason


def test_management_command_reports_errors(council, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("hello\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_cqc", str(bad), "--local-authority", "Stockton-on-Tees")
