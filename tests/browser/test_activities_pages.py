"""axe-core over the activities pages: the public search (all, filtered, with an error), an activity's page, Find
help with activities beside its results, and the feeds' status page with skipped items - desktop and phone width."""

from __future__ import annotations

import pytest

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, check_pages, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def sample_activities(geography):
    from communities.activities.demo import add_demo_activities
    from communities.activities.models import Activity

    add_demo_activities()
    return Activity.objects.get(item_id="ss-1").pk


def test_activities_pages_are_accessible(browse, personas, sample_activities):
    public = ["/activities/", "/activities/?q=swimming&postcode=TS18+1AA&day=MO", "/activities/?postcode=ZZ1",
              f"/activities/{sample_activities}/", "/find-help/?q=swimming&postcode=TS18+1AA"]

    def steps(page):
        found: list[str] = []
        check_pages(page, public, found, set(), label="anonymous: ")
        assert "Activities and sessions" in page.content()  # the last page: Find help with activities beside
        return found

    report = browse(steps)
    report += browse(lambda page: _checked(page, public[:2]), viewport={"width": 375, "height": 812})
    report += check_as_personas(browse, personas, {"officer": ["/activities/feeds/"]})
    fail_if(report, "the activities pages")


def _checked(page, urls):
    found: list[str] = []
    check_pages(page, urls, found, set(), label="phone: ")
    return found
