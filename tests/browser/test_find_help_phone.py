"""Find help on a phone: the answer first. At 375 px wide the first result is within the first screen, the search
and filters fold into a section that opens without JavaScript, and the pages pass axe-core (phone and desktop),
as do the editors' freshness page with its "Send reminders now" button and a listing's edit page with its category
checkboxes."""

from __future__ import annotations

import pytest

from .conftest import BROWSER_DB, axe_violations, format_violations
from .test_accessibility import check_as_personas, fail_if, watch_console

pytestmark = [pytest.mark.browser, BROWSER_DB]

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
SEARCH = "/find-help/?q=pantry&postcode=TS18+1AU&day=SA"


@pytest.fixture
def listings(geography, partner):
    from tests.directory.factories import make_service

    return [make_service(f"Phone Test Pantry {n}", platform_organisation=partner) for n in range(5)]


def _first_result_top(page) -> float:
    box = page.locator("main .app-result").first.bounding_box()
    assert box is not None, "no result shown"
    return box["y"]


def test_first_result_within_the_first_screen_on_a_phone(browse, listings):
    def steps(page):
        page.goto(SEARCH)
        top = _first_result_top(page)
        height = page.viewport_size["height"]
        form_visible = page.locator("main form input[name=q]").is_visible()
        return top, height, form_visible

    top, height, form_visible = browse(steps, **PHONE)
    print(f"first result at {top:.0f} px of a {height} px screen")
    assert top + 60 <= height, f"the first result starts {top:.0f} px down a {height} px screen"
    assert not form_visible, "the search form should be folded away once there are results"


def test_filters_open_without_javascript(browse, listings):
    def steps(page):
        page.goto(SEARCH)
        page.locator("main details summary").first.click()
        page.fill("main input[name=q]", "warm")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        return page.url, page.locator("main input[name=q]").input_value()

    url, value = browse(steps, java_script_enabled=False, **PHONE)
    assert "q=warm" in url and value == "warm"


def test_find_help_pages_pass_axe_on_a_phone_and_a_desktop(browse, listings):
    pages = [SEARCH, "/find-help/", "/find-help/?postcode=nowhere", "/find-help/?q=zzzz",
             f"/find-help/services/{listings[0].pk}/"]

    def steps(page):
        found = []
        console = watch_console(page)
        for url in pages:
            page.goto(url)
            if violations := axe_violations(page):
                found.append(format_violations(url, violations))
            page.goto(url)
            if page.locator("main details").count():
                page.locator("main details summary").first.click()
                if violations := axe_violations(page):
                    found.append(format_violations(f"{url} (search and filters open)", violations))
        return found + console

    report = browse(steps, **PHONE) + browse(steps)
    fail_if(report, "Find help on a phone and a desktop")


def test_editor_pages_changed_for_issue_13_pass_axe(browse, personas, listings):
    from communities.directory.models import Attribute
    from communities.directory.services.taxonomy import term_id
    from tests.directory.factories import make_service

    service = make_service("Axe Category Hub", platform_organisation=None)
    Attribute.objects.create(taxonomy_term_id=term_id("warm-spaces"), service=service, link_type="category")
    visits = {"editor": ["/directory/freshness/", f"/directory/services/{service.pk}/change/"]}
    fail_if(check_as_personas(browse, personas, visits), "the freshness and edit pages")
    fail_if(check_as_personas(browse, personas, visits, **PHONE), "the freshness and edit pages on a phone")
