"""axe-core over the pages issue 19's accessibility findings were about, in the states the newcomer saw them: the audit
trail with a table wider than a phone's screen, the change-organisation page, forms with GOV.UK date inputs shown
with errors, the people list, and the second-factor page after a wrong code and after the lock."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from communities.core.forms.dates import PARTS

from ..conftest import PASSWORD
from .conftest import BROWSER_DB, axe_violations, format_violations
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]
PHONE = {"viewport": {"width": 375, "height": 740}}


@pytest.fixture
def records(geography, council, partner, personas):
    from communities.audit.services import record
    from communities.money.models import SavedCheck
    from communities.people.models import Involvement, Person

    person = Person.objects.create(first_name="Robin", last_name="Axeworthy", date_of_birth=date(1948, 5, 17))
    Involvement.objects.create(person=person, organisation=council, reason="befriending")
    for number in range(3):
        record(actor=personas["admin"], action="view", object_type="people.Person", object_id=str(person.pk),
               reason=f"Reviewing the record after a call from the resident’s daughter ({number})",
               fields={"first_name": 1, "last_name": 1, "date_of_birth": 1})
    saved = SavedCheck.objects.create(person=person, organisation=council, tax_year=2025, result={"benefits": []})
    return {"person": person.pk, "saved": saved.pk}


def date_query(name: str, day: str, month: str, year: str) -> str:
    return "&".join(f"{name}_{part}={value}" for part, value in zip(PARTS, (day, month, year), strict=True))


def test_issue_19_pages_are_accessible_on_a_phone_and_a_desktop(browse, personas, records):
    person, saved = records["person"], records["saved"]
    visits = {
        "platform_admin": [
            "/audit/", "/audit/?" + date_query("date_from", "31", "2", "2026"),  # date input with an error
        ],
        "admin": [
            "/audit/", "/organisations/switch/", "/people/", f"/data-protection/people/{person}/new/",
        ],
        "officer": [f"/money/saved/{saved}/outcomes/add/", f"/people/{person}/change/"],
    }
    report = check_as_personas(browse, personas, visits)
    # On a phone the audit trail's and the wards' tables are wider than the screen and scroll in their wrappers.
    phone = {"platform_admin": ["/audit/"], "admin": ["/audit/", "/places/"]}
    report += [f"(375 px wide) {line}" for line in check_as_personas(browse, personas, phone, **PHONE)]
    fail_if(report, "the pages of issue 19")


def test_forms_with_errors_are_accessible(browse, personas, records):
    """Posted empty, each form shows its error summary and GOV.UK messages; axe checks the page with errors."""
    person, saved = records["person"], records["saved"]
    forms = {
        f"/data-protection/people/{person}/new/": "admin",
        f"/money/saved/{saved}/outcomes/add/": "officer",
        "/organisations/switch/": "admin",
    }
    report: list[str] = []
    for url, persona in forms.items():
        def steps(page, url=url):
            page.goto(url)
            page.locator("main form button[type=submit]").last.click()
            page.wait_for_load_state()
            summary = page.locator(".govuk-error-summary")
            assert summary.count() == 1, f"{url}: no error summary"
            assert "This field is required" not in summary.inner_text(), f"{url}: {summary.inner_text()}"
            return format_violations(f"{url} (with errors)", violations) if (violations := axe_violations(page)) \
                else ""

        found = browse(steps, user=personas[persona])
        report += [found] if found else []
    fail_if(report, "issue 19's forms with errors")


def test_the_second_factor_page_with_the_lock_message_is_accessible(browse, personas):
    sign_in = "main form button[type=submit]"

    def steps(page):
        report: list[str] = []
        page.goto("/accounts/login/")
        page.fill("input[name=login]", personas["officer"].email)
        page.fill("input[name=password]", PASSWORD)
        page.locator(sign_in).first.click()
        page.wait_for_load_state()
        assert "/2fa/authenticate/" in page.url, page.url
        box = page.locator("input[name=code]")
        assert box.get_attribute("inputmode") == "numeric"
        assert box.get_attribute("autocomplete") == "one-time-code"
        width = box.bounding_box()["width"]
        assert width < 300, f"the code box is {width}px wide"
        assert "govuk-button--secondary" in page.get_by_role("button", name="Cancel").get_attribute("class")
        for attempt in range(settings.MFA_FAILURE_LIMIT):
            box = page.locator("input[name=code]")
            box.fill(f"{100 + attempt:06d}")
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
            if attempt == 0 and (violations := axe_violations(page)):
                report.append(format_violations("second factor (a wrong code)", violations))
        summary = page.locator(".govuk-error-summary")
        assert "second factor is locked until" in summary.inner_text(), summary.inner_text()
        if violations := axe_violations(page):
            report.append(format_violations("second factor (locked)", violations))
        return report

    fail_if(browse(steps), "the second-factor page")
