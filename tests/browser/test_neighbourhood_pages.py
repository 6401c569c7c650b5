"""axe-core over neighbourhood profiles: the index, a public LSOA, ward (current and before May 2023), chosen
neighbourhood and borough profile with small numbers withheld, the postcode lookup leading to them; the partner view
and the form to choose a neighbourhood - on a desktop and on a phone's width."""

from __future__ import annotations

import pytest

from tests.neighbourhoods.conftest import TOWN_CENTRE_LSOA, crime_row, write_file

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, check_pages, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def profile_data(geography, tmp_path, client):
    from communities.neighbourhoods.crime import import_files
    from communities.neighbourhoods.models import Neighbourhood
    from communities.places.models import Postcode

    rows = [crime_row(crime_type="Burglary")] * 2 + [crime_row(crime_type="Violence and sexual offences")] * 30
    import_files([write_file(tmp_path / "2026-01-cleveland-street.csv", rows)])
    hood = Neighbourhood.objects.create(name="Axe estate")
    hood.lsoas.set([TOWN_CENTRE_LSOA, "E01035197"])
    postcode = Postcode.objects.filter(lsoa_id=TOWN_CENTRE_LSOA).first().postcode
    client.get("/neighbourhoods/")  # imports the project's URLs once (seconds under load) before the browser's timeout
    return {"hood": hood.pk, "postcode": postcode.replace(" ", "+")}


def test_public_profiles_are_accessible(browse, profile_data):
    urls = ["/neighbourhoods/", f"/neighbourhoods/lsoa/{TOWN_CENTRE_LSOA}/", "/neighbourhoods/ward/E05014882/",
            "/neighbourhoods/ward/E05001527/", f"/neighbourhoods/neighbourhood/{profile_data['hood']}/",
            "/neighbourhoods/borough/E06000004/", f"/places/postcode/?postcode={profile_data['postcode']}"]

    def steps(page):
        found: list[str] = []
        check_pages(page, urls, found, set())
        page.goto(urls[-1])
        page.get_by_role("link", name="Profile of this neighbourhood").click()
        assert "fewer than 5" in page.content()
        return found

    fail_if(browse(steps), "the public neighbourhood profiles")
    fail_if(browse(lambda page: (check_pages(page, urls[1:3], found := [], set()), found)[1],
                   viewport={"width": 375, "height": 812}), "the public profiles on a phone")


def test_partner_pages_are_accessible(browse, personas, profile_data):
    partner = [f"/neighbourhoods/partner/lsoa/{TOWN_CENTRE_LSOA}/", "/neighbourhoods/partner/ward/E05014882/"]
    report = check_as_personas(browse, personas, {"safety_partner": partner,
                                                  "officer": [*partner, "/neighbourhoods/new/"]})
    fail_if(report, "the partner view and choosing a neighbourhood")
