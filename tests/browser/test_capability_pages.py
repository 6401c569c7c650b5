"""axe-core over the capability pages behind the navigation: Insight's charts and report, Money's check and
screening pages, the directory's editors' pages and Find help with results. Seeded with the demo extensions so
every chart, table and list has content."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, check_pages, fail_if, watch_console

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def seeded(geography, council, partner):
    from communities.directory.demo import add_demo_services
    from communities.insight.demo import add_demo_indicators
    from communities.insight.models import Indicator
    from communities.places.models import LSOA, Council

    stockton = Council.objects.get(code="E06000004")
    ctx = SimpleNamespace(
        rng=np.random.default_rng(3), council_org=council, partners=[partner], council=stockton,
        lsoas=list(LSOA.objects.filter(council=stockton).order_by("code")), today=date(2026, 4, 1),
        people=[], households=[],
    )
    add_demo_indicators(ctx)
    add_demo_services(ctx)
    return Indicator.objects.order_by("code").first().code


def test_capability_pages_are_accessible(browse, personas, seeded):
    code = seeded
    visits = {
        "analyst": [
            "/insight/", f"/insight/indicators/{code}/", f"/insight/indicators/{code}/wards/",
            f"/insight/indicators/{code}/inequality/", f"/insight/indicators/{code}/map/",
            "/insight/cabinet-report/", "/insight/upload/", "/money/report/",
        ],
        "officer": ["/money/", "/money/check/", "/money/screening/"],
        "editor": [
            "/directory/", "/directory/approvals/", "/directory/freshness/", "/directory/reports/",
            "/directory/import/",
        ],
    }
    report = check_as_personas(browse, personas, visits)

    def find_help(page):
        found: list[str] = []
        console = watch_console(page)
        check_pages(page, ["/find-help/?postcode=TS18+1AU&day=SA"], found, set(), label="public: ")
        link = page.locator("main a[href*='/find-help/services/']").first
        check_pages(page, [link.get_attribute("href")], found, set(), label="public: ")
        return found + console

    report += browse(find_help)
    fail_if(report, "the capability pages")
