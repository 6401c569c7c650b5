"""Caseload screening: all-or-nothing upload, background screening, campaigns, lawful basis, export and take-up."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.benefits.caseload import COLUMNS
from communities.benefits.screening import screen_caseload
from communities.core.models import JobRun
from communities.money.campaigns import campaign_take_up, extract_take_up
from communities.money.models import Campaign, CaseloadExtract, ScreenedHousehold

pytestmark = pytest.mark.django_db

PENSIONER_ALONE = {"claimant_age": "72", "state_pension_per_week": "169.50", "tenure": "private_rent",
                   "rent_per_week": "120", "council_tax_band": "A", "council_tax_per_year": "1300", "epc_band": "E"}
FAMILY = {"claimant_age": "34", "partner_age": "33", "children_ages": "3;7", "earnings_per_week": "350",
          "tenure": "social_rent_council", "rent_per_week": "95", "council_tax_band": "A",
          "council_tax_per_year": "1500"}
WELL_OFF = {"claimant_age": "45", "earnings_per_week": "1500", "tenure": "owner_mortgage",
            "council_tax_band": "E", "council_tax_per_year": "2600", "epc_band": "C"}


def extract_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return out.getvalue()


def upload(client, text: str, label: str = "November 2026"):
    file = SimpleUploadedFile("extract.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("money:screening"), {"file": file, "label": label, "year": "2025"})


def test_a_bad_upload_lists_every_error_and_imports_nothing(client_for):
    text = extract_csv([
        {"household_ref": "A1", **PENSIONER_ALONE, "claimant_age": "abc"},
        {"household_ref": "A2", **FAMILY},
        {"household_ref": "A3", **WELL_OFF, "tenure": "castle", "council_tax_band": "Z"},
        {"household_ref": "A2", **FAMILY},
    ])
    response = upload(client_for("officer"), text)
    assert response.status_code == 200
    errors = {(e.line, e.field) for e in response.context["errors"]}
    assert errors == {(2, "claimant_age"), (4, "tenure"), (4, "council_tax_band"), (5, "household_ref")}
    page = response.content.decode()
    assert "4 problems" in page and "Nothing has been imported" in page
    assert "<code>council_tax_band</code>" in page
    assert CaseloadExtract.objects.count() == 0 and ScreenedHousehold.objects.count() == 0


def _screen(client, rows, label):
    response = upload(client, extract_csv(rows), label)
    assert response.status_code == 302, response.context and response.context.get("errors")
    return CaseloadExtract.objects.get(label=label)


def test_a_good_upload_is_screened_into_campaign_lists(client_for, engine):
    client = client_for("officer")
    rows = [{"household_ref": "P1", **PENSIONER_ALONE}, {"household_ref": "F1", **FAMILY},
            {"household_ref": "W1", **WELL_OFF}]
    extract = _screen(client, rows, "Extract 1")
    assert extract.status == "done" and extract.processed == extract.row_count == 3
    assert extract.source_csv == ""  # the upload is not kept once screened
    expected = screen_caseload(pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in rows], dtype=str), 2025,
                               engine=engine)
    stored = {h.household_ref: h for h in extract.households.all()}
    for row in expected.itertuples():
        assert float(stored[row.household_ref].pension_credit) == pytest.approx(row.pension_credit, abs=0.01)
        assert stored[row.household_ref].likely_unclaimed_pension_credit == row.likely_unclaimed_pension_credit
    assert stored["P1"].likely_unclaimed_pension_credit and not stored["W1"].likely_unclaimed_pension_credit

    page = client.get(reverse("money:extract", args=[extract.pk]))
    counts = {c["kind"]: c["count"] for c in page.context["counts"]}
    assert counts["pension_credit"] == int(expected.likely_unclaimed_pension_credit.sum()) == 1
    assert counts["warm_homes"] == int(expected.warm_homes_likely.sum())

    url = reverse("money:campaign_new", args=[extract.pk])
    refused = client.post(url, {"kind": "pension_credit", "name": "Pension Credit winter", "lawful_basis": "",
                                "lawful_basis_detail": ""})
    assert refused.status_code == 200 and set(refused.context["form"].errors) == {"lawful_basis",
                                                                                   "lawful_basis_detail"}
    assert Campaign.objects.count() == 0
    response = client.post(url, {"kind": "pension_credit", "name": "Pension Credit winter",
                                 "lawful_basis": "public_task",
                                 "lawful_basis_detail": "Housing Benefit administration; DPIA 2026-14"})
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("money:campaign", args=[campaign.pk])
    assert [h.household_ref for h in campaign.members.all()] == ["P1"]
    event = AuditEvent.objects.get(action="create", object_type="money.Campaign")
    assert event.fields["lawful_basis"] == "public_task"


def test_progress_is_shown_while_screening(client_for, council):
    job = JobRun.objects.create(kind="money.screening", status="running", units_total=8, unit_size=500, units_done=2,
                                attempts=1, owner="worker-token", heartbeat_at=timezone.now())
    extract = CaseloadExtract.objects.create(organisation=council, label="Running", tax_year=2025, row_count=4000,
                                             processed=1000, status="running", job=job)
    page = client_for("officer").get(reverse("money:extract", args=[extract.pk])).content.decode()
    assert '<progress id="screening-progress" class="app-progress" max="4000" value="1000">25%</progress>' in page
    assert "1,000 of 4,000 households screened (25%)" in page
    assert '<meta http-equiv="refresh" content="3">' in page


def test_take_up_counts_flagged_households_that_claim_by_the_next_extract(client_for, engine):
    client = client_for("officer")
    first = _screen(client, [{"household_ref": "P1", **PENSIONER_ALONE}, {"household_ref": "P2", **PENSIONER_ALONE},
                             {"household_ref": "F1", **FAMILY}], "Extract 1")
    client.post(reverse("money:campaign_new", args=[first.pk]), {
        "kind": "pension_credit", "name": "PC", "lawful_basis": "public_task", "lawful_basis_detail": "HB admin"})
    campaign = Campaign.objects.get()
    assert campaign.member_count == 2
    assert campaign_take_up(campaign) == {"later": None}
    second = _screen(client, [{"household_ref": "P1", **PENSIONER_ALONE, "receiving_pc_per_week": "45"},
                              {"household_ref": "P2", **PENSIONER_ALONE},
                              {"household_ref": "F1", **FAMILY}], "Extract 2")
    result = campaign_take_up(campaign)
    assert (result["flagged"], result["found"], result["taken_up"], result["rate"]) == (2, 2, 1, 50.0)
    assert result["later"] == second
    pc = next(r for r in extract_take_up(second) if r["kind"] == "pension_credit")
    assert (pc["flagged"], pc["taken_up"]) == (2, 1)
    page = client.get(reverse("money:campaign", args=[campaign.pk])).content.decode()
    assert "<strong>1 of 2</strong>" in page


def test_campaign_export_is_neutralised_audited_and_permissioned(client_for, engine):
    client = client_for("officer")
    extract = _screen(client, [{"household_ref": "=HYPERLINK(\"http://x\")", **PENSIONER_ALONE}], "Extract 1")
    client.post(reverse("money:campaign_new", args=[extract.pk]), {
        "kind": "pension_credit", "name": "PC", "lawful_basis": "public_task", "lawful_basis_detail": "HB admin"})
    campaign = Campaign.objects.get()
    response = client.get(reverse("money:campaign_csv", args=[campaign.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"
    event = AuditEvent.objects.get(action="export", object_type="money.Campaign")
    assert event.fields["rows"] == 1 and event.actor_label == "officer@example.org"
    assert client_for("worker").get(reverse("money:campaign_csv", args=[campaign.pk])).status_code == 403
    assert client_for("outsider").get(reverse("money:campaign", args=[campaign.pk])).status_code == 403


def test_management_command_lists_errors_or_screens_with_progress(tmp_path, council, engine, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(extract_csv([{"household_ref": "A1", **PENSIONER_ALONE, "claimant_age": ""},
                                {"household_ref": "A2", **FAMILY, "rent_per_week": "x"}]))
    with pytest.raises(CommandError, match="2 problem"):
        call_command("money_import_caseload", str(bad), organisation=council.name, year=2025)
    err = capsys.readouterr().err
    assert "line 2, claimant_age" in err and "line 3, rent_per_week" in err
    assert CaseloadExtract.objects.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(extract_csv([{"household_ref": "A1", **PENSIONER_ALONE}, {"household_ref": "A2", **FAMILY}]))
    call_command("money_import_caseload", str(good), organisation=council.name, year=2025)
    out = capsys.readouterr().out
    assert "2/2 households" in out and "screened" in out
    assert CaseloadExtract.objects.get().households.count() == 2
