from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "providers"
DIRECTORY_SAMPLE = FIXTURES / "cqc_care_directory_sample.csv"
RATINGS_SAMPLE = FIXTURES / "cqc_latest_ratings_locations_sample.csv"


@pytest.fixture
def officer(personas, council):
    user = personas["officer"]
    user.current_organisation = council
    return user


@pytest.fixture
def provider(council):
    from communities.providers.models import Provider

    return Provider.objects.create(commissioner=council, name="Meadowbank Care Home", postcode="TS18 1NR",
                                   kind="care_home")
