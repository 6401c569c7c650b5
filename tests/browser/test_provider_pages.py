"""axe-core over the provider quality pages (issue #14 item 5): the list, a provider with its RAG history, concerns
and visits, a concern, the forms (empty and posted with errors), the CQC upload page with an import's errors, and an
import report; on a desktop and on a phone's width."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import BROWSER_DB, axe_violations, format_violations
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]
PHONE = {"viewport": {"width": 375, "height": 740}}
SAMPLE = "tests/fixtures/providers/cqc_latest_ratings_locations_sample.csv"


@pytest.fixture
def provider_records(geography, council, personas):


    from communities.providers import services
    from communities.providers.models import Provider

    officer = personas["officer"]
    officer.current_organisation = council
    provider = services.save_provider(actor=officer, provider=Provider(
        name="Synthetic Meadowbank Care Home", postcode="TS18 1NR", kind="care_home", address="1 Example Road"))
    services.change_rag(actor=officer, provider=provider, status="amber", reason="Two medication errors in a month")
    services.change_rag(actor=officer, provider=provider, status="red", reason="Unannounced visit findings")
    concern = services.record_concern(actor=officer, provider=provider, data={
        "raised_on": date.today() - timedelta(days=3), "raised_by_kind": "family", "raised_by_name": "A Relative",
        "category": "medication", "severity": "high", "summary": "Evening medication not given", "status": "open"})
    services.record_visit(actor=officer, provider=provider, data={
        "visited_on": date.today() - timedelta(days=1), "kind": "unannounced", "visited_by": "Olu Officer",
        "findings": "Charts incomplete", "recommended_rag": "red"})
    run = services.import_cqc(actor=officer, commissioner=council, text=Path(SAMPLE).read_text(encoding="utf-8-sig"),
                              file_name="ratings.csv", local_authority="Stockton-on-Tees")
    return {"provider": provider.pk, "concern": concern.pk, "import": run.pk}


def test_provider_pages_are_accessible_on_a_desktop_and_a_phone(browse, personas, provider_records, client):
    p, c, i = provider_records["provider"], provider_records["concern"], provider_records["import"]
    pages = ["/providers/", "/providers/?q=TS18&rag=red", f"/providers/{p}/", f"/providers/concerns/{c}/",
             f"/providers/{p}/rag/", f"/providers/{p}/concerns/add/", f"/providers/{p}/visits/add/",
             f"/providers/{p}/change/", "/providers/add/", "/providers/cqc/", f"/providers/cqc/{i}/",
             "/providers/concerns/", "/providers/concerns/?show=all"]
    client.force_login(personas["officer"], backend="allauth.account.auth_backends.AuthenticationBackend")
    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)
    report = check_as_personas(browse, personas, {"officer": pages})
    phone = {"officer": ["/providers/", f"/providers/{p}/", f"/providers/cqc/{i}/", "/providers/concerns/"]}
    report += [f"(375 px wide) {line}" for line in check_as_personas(browse, personas, phone, **PHONE)]
    fail_if(report, "the provider quality pages")


def test_provider_forms_with_errors_are_accessible(browse, personas, provider_records, tmp_path):
    p = provider_records["provider"]
    bad = tmp_path / "bad.csv"
    bad.write_text(Path(SAMPLE).read_text(encoding="utf-8").replace("TS18 1NR", "NOPE"), encoding="utf-8")
    report: list[str] = []
    for url in (f"/providers/{p}/rag/", f"/providers/{p}/concerns/add/", f"/providers/{p}/visits/add/",
                "/providers/add/", "/providers/cqc/"):
        def steps(page, url=url):
            page.goto(url)
            if url == "/providers/cqc/":
                page.set_input_files("input[type=file]", str(bad))
            page.locator("main form button[type=submit]").last.click()
            page.wait_for_load_state()
            summary = page.locator(".govuk-error-summary")
            assert summary.count() >= 1, f"{url}: no error summary"
            assert "This field is required" not in summary.first.inner_text(), url
            if url == "/providers/cqc/":
                assert "Line 2, Location Post Code" in summary.first.inner_text()
            violations = axe_violations(page)
            return format_violations(f"{url} (with errors)", violations) if violations else ""

        found = browse(steps, user=personas["officer"])
        report += [found] if found else []
    fail_if(report, "the provider quality forms with errors")
