"""Caseload upload (issue #12): a file with every row bad gives a bounded report and a small page; files over the
size or row limit are refused before any row is checked, naming the limit; the page states both limits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.core.uploads import Limits
from communities.money import upload as money_upload
from communities.money.models import CaseloadExtract

from .test_screening import FAMILY, extract_csv

pytestmark = pytest.mark.django_db


def _post(client, text: str):
    file = SimpleUploadedFile("extract.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("money:screening"), {"file": file, "label": "Bad extract", "year": "2025"})


def test_twenty_thousand_bad_rows_give_a_bounded_report_and_a_small_page(client_for):
    rows = [{"household_ref": f"H{i}", **FAMILY, "claimant_age": f"x{i}"} for i in range(20_000)]
    response = _post(client_for("officer"), extract_csv(rows))
    assert response.status_code == 200
    report = response.context["errors"]
    assert report.total == 20_000 and len(list(report)) == 100
    assert [(e.line, e.field) for e in report][:2] == [(2, "claimant_age"), (3, "claimant_age")]
    page = response.content.decode()
    assert "20,000 problems" in page
    assert "and 19,900 more rows with &#x27;claimant_age must be a whole number&#x27;" in page
    assert len(response.content) < 150_000  # 100 table rows and a summary, not 20,000
    assert CaseloadExtract.objects.count() == 0


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_checked(client_for, monkeypatch):
    monkeypatch.setattr(money_upload, "CASELOAD_LIMITS", Limits(max_bytes=1024 * 1024, max_rows=50))

    def must_not_run(*args, **kwargs):
        raise AssertionError("rows were checked")

    monkeypatch.setattr("communities.benefits.caseload.validate_row", must_not_run)
    monkeypatch.setattr(money_upload, "validate_row", must_not_run, raising=False)
    response = _post(client_for("officer"), extract_csv([{"household_ref": f"H{i}", **FAMILY} for i in range(51)]))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file has more than 50 rows: files may have at most 50 rows after the header. Split it into smaller files."]
    assert CaseloadExtract.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(client_for, monkeypatch):
    monkeypatch.setattr(money_upload, "CASELOAD_LIMITS", Limits(max_bytes=2 * 1024, max_rows=100_000))
    response = _post(client_for("officer"), extract_csv([{"household_ref": f"H{i}", **FAMILY} for i in range(60)]))
    assert "files may be at most 2 KB" in response.context["form"].errors["file"][0]


def test_the_page_states_both_limits(client_for):
    page = client_for("officer").get(reverse("money:screening")).content.decode()
    assert money_upload.CASELOAD_LIMITS.describe() in page
    assert "at most 20 MB and 100,000 rows" in page
