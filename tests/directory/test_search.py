"""Search that understands people (issue #13 item 4) and the two query bugs of item 5, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from communities.directory.models import Schedule, SearchSynonym, ServiceArea
from communities.directory.services import text_search
from communities.directory.services.search import Filters, byday_tokens, search_services

from .factories import BILLINGHAM, THORNABY, TOWN_CENTRE, make_service

pytestmark = pytest.mark.django_db
API = "/api/directory"


def _names(client, query: str) -> list[str]:
    response = client.get(f"{API}/services?{query}")
    assert response.status_code == 200, response.content
    return [c["name"] for c in response.json()["contents"]]


@pytest.fixture
def food(db):
    return {
        "bank": make_service("Norton Food Bank", at=BILLINGHAM, category="food-bank",
                             description="Three days of food for people in a crisis."),
        "one_word": make_service("Hardwick Foodbank", at=THORNABY, category="community-centres",
                                 description="Drop in for a cuppa."),
        "parcels": make_service("Parish Hall Help", at=TOWN_CENTRE, category="community-centres",
                                description="We hand out food parcels on Fridays."),
        "other": make_service("Roseworth Walking Group", at=TOWN_CENTRE, category="physical-activity",
                              description="Gentle walks."),
    }


def test_foodbank_food_bank_and_food_banks_find_the_same_services(client, food):
    expected = {"Norton Food Bank", "Hardwick Foodbank", "Parish Hall Help"}
    for words in ("foodbank", "food bank", "food banks", "Food-Bank", "FOODBANKS"):
        assert set(_names(client, f"search={words}")) == expected, words


def test_a_councils_own_synonyms_apply_and_other_councils_do_not(client, food, settings):
    assert _names(client, "search=stroll") == []
    SearchSynonym.objects.create(council_code="E06000001", phrases="stroll, walking group")
    assert _names(client, "search=stroll") == []  # another council's list
    SearchSynonym.objects.create(council_code=settings.COUNCIL_CODE, phrases="stroll, walking group",
                                 rationale="Test")
    assert _names(client, "search=stroll") == ["Roseworth Walking Group"]


def test_shipped_synonyms_carry_their_rationale():
    data = json.loads((Path(text_search.__file__).parents[1] / "data" / "search_synonyms.json").read_text())
    assert data["source"] and all(g["rationale"] and len(g["phrases"]) >= 2 for g in data["groups"])
    assert SearchSynonym.objects.filter(phrases__contains="warm hub").exists()  # loaded by the migration


def test_relevance_first_then_distance(client, food):
    # Title matches (name, category) rank above a mention in the description, each tier nearest first.
    names = _names(client, "search=food bank&postcode=TS18 1AU")
    assert names == ["Hardwick Foodbank", "Norton Food Bank", "Parish Hall Help"]
    page = client.get("/find-help/", {"q": "food bank", "postcode": "TS18 1AU"}).content.decode()
    assert page.index("Hardwick Foodbank") < page.index("Norton Food Bank") < page.index("Parish Hall Help")


def test_a_misspelt_word_suggests_the_nearest_term(client, food):
    html = client.get("/find-help/", {"q": "foodbnak"}).content.decode()
    assert "Did you mean" in html and "q=foodbank" in html
    html = client.get("/find-help/", {"q": "walkng"}).content.decode()
    assert "Did you mean" in html and "q=walking" in html
    assert "Did you mean" not in client.get("/find-help/", {"q": "food bank"}).content.decode()


def test_search_words_are_not_sql_or_query_syntax(client, food):
    for words in ('food" OR "x', "food & !bank", "a:b (c", "NEAR(food bank)", "' or 1=1 --", "*"):
        assert client.get(f"{API}/services", {"search": words}).status_code == 200, words
        assert client.get("/find-help/", {"q": words}).status_code == 200, words


def test_search_text_follows_edits(client, food):
    svc = food["other"]
    svc.name = "Roseworth Rambling Club"
    svc.save()
    assert _names(client, "search=rambling") == ["Roseworth Rambling Club"]
    svc.delete()
    assert _names(client, "search=rambling") == []


# Item 5: a postcode search ignores service_area.
@pytest.mark.parametrize("area,covers_ts18", [
    ({"name": "Billingham", "extent": "TS22, TS23", "extent_type": "text"}, False),
    ({"name": "Stockton town centre", "extent": "TS18", "extent_type": "text"}, True),
    ({"name": "Box round Billingham", "extent_type": "geojson", "extent": json.dumps({"type": "Polygon",
        "coordinates": [[[-1.33, 54.59], [-1.25, 54.59], [-1.25, 54.63], [-1.33, 54.63], [-1.33, 54.59]]]})}, False),
    ({"name": "Box round Stockton", "extent_type": "geojson", "extent": json.dumps({"type": "Polygon",
        "coordinates": [[[-1.35, 54.55], [-1.29, 54.55], [-1.29, 54.59], [-1.35, 54.59], [-1.35, 54.55]]]})}, True),
    ({"name": "Another council", "uri": "http://statistics.data.gov.uk/id/statistical-geography/E06000001"}, False),
    ({"name": "Stockton-on-Tees", "uri": "http://statistics.data.gov.uk/id/statistical-geography/E06000004"}, True),
    ({"name": "North East England and beyond", "extent_type": "text"}, True),  # cannot tell: shown
])
def test_a_service_with_an_area_is_found_only_where_it_covers_the_postcode(client, area, covers_ts18):
    svc = make_service("Area Service", at=BILLINGHAM)
    ServiceArea.objects.create(service=svc, **area)
    make_service("Everywhere Service", at=BILLINGHAM)
    found = "Area Service" in _names(client, "postcode=TS18 1AU")
    assert found is covers_ts18
    assert "Area Service" in _names(client, "")  # without a postcode the area does not matter
    sal = "Area Service" in [c["service"]["name"] for c in
                             client.get(f"{API}/service_at_locations?postcode=TS18 1AU").json()["contents"]]
    assert sal is covers_ts18
    page = client.get("/find-help/", {"postcode": "TS18 1AU"}).content.decode()
    assert ("Area Service" in page) is covers_ts18


# Item 5: "first Saturday of the month" sessions match every Saturday.
def test_byday_tokens_know_first_and_last_weekdays():
    assert byday_tokens(date(2026, 12, 5)) == ["SA", "1SA", "+1SA"]
    assert byday_tokens(date(2026, 12, 26)) == ["SA", "4SA", "+4SA", "-1SA"]


@pytest.mark.parametrize("today,first_saturday", [
    (date(2026, 12, 1), True),  # a Tuesday: the next Saturday is 5 December, the first of the month
    (date(2026, 12, 7), False),  # the next Saturday is 12 December, the second
])
def test_first_saturday_sessions_match_only_first_saturdays(client, monkeypatch, today, first_saturday):
    monthly = make_service("Monthly Litter Pick", days="")
    Schedule.objects.create(service=monthly, freq="MONTHLY", interval=1, byday="1SA")
    make_service("Weekly Pantry", days="SA")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    names = _names(client, "day=SA")
    assert ("Monthly Litter Pick" in names) is first_saturday and "Weekly Pantry" in names
    page = client.get("/find-help/", {"day": "SA"}).content.decode()
    assert ("Monthly Litter Pick" in page) is first_saturday and "Weekly Pantry" in page


def test_search_services_keeps_its_interface_for_other_rooms(food):
    found = search_services(Filters(search="food bank", latitude=TOWN_CENTRE[0], longitude=TOWN_CENTRE[1]))
    assert len(found) == 3 and found.count() == 3
    assert [s.name for s in found[:2]] == ["Hardwick Foodbank", "Norton Food Bank"]
    assert found[0].name == "Hardwick Foodbank"
    assert len(list(found.iterator(chunk_size=2))) == 3


def test_a_miss_costs_a_fixed_number_of_queries(client, food, django_assert_max_num_queries, settings):
    settings.DIRECTORY_CACHE_SECONDS = 0
    settings.DIRECTORY_REVISION_CHECK_SECONDS = 60  # as in production: the revision is read once a second at most
    # Lists kept per process and revision (synonyms, service areas, categories) are read by the first request.
    client.get(f"{API}/services", {"search": "walk", "postcode": "TS18 1AU"})
    client.get("/find-help/", {"q": "walk"})
    # The postcode, the revision (each time in tests), the count, the page's ids, the page's records.
    with django_assert_max_num_queries(5):
        client.get(f"{API}/services", {"search": "food bank", "postcode": "TS18 1AU", "per_page": 20})
    with django_assert_max_num_queries(8):  # and what a result shows: sessions, costs, places
        client.get("/find-help/", {"q": "food bank", "postcode": "TS18 1AU", "day": "SA"})


def test_directory_editors_change_the_synonyms_and_searches_use_them_at_once(client, client_for, food):
    from communities.audit.models import AuditEvent

    assert _names(client, "search=ramble") == []
    editor = client_for("editor")
    page = editor.get("/directory/search-words/").content.decode()
    assert "warm hub" in page and "Words that mean the same" in page
    bad = editor.post("/directory/search-words/", {"phrases": "ramble", "rationale": ""}).content.decode()
    assert "Enter at least two words or phrases" in bad
    assert editor.post("/directory/search-words/", {"phrases": "Ramble, walking group, ramble",
                                                    "rationale": "Walkers say ramble"}).status_code == 302
    group = SearchSynonym.objects.get(phrases="ramble, walking group")
    assert AuditEvent.objects.filter(object_id=str(group.pk), action="create").exists()
    client.logout()
    assert _names(client, "search=rambles") == ["Roseworth Walking Group"]
    editor = client_for("editor")
    assert editor.post("/directory/search-words/", {"group": str(group.pk), "action": "delete"}).status_code == 302
    assert not SearchSynonym.objects.filter(pk=group.pk).exists()
    client.logout()
    assert _names(client, "search=ramble") == []


def test_only_directory_editors_change_the_synonyms(client_for):
    for persona in ("volunteer", "officer"):
        response = client_for(persona).get("/directory/search-words/")
        assert response.status_code in (302, 403, 404), persona


def test_nearest_first_by_rings_gives_the_same_order_as_ordering_every_candidate(db, monkeypatch):
    import random

    from communities.directory.services import search
    from communities.directory.services.search import Ranked

    monkeypatch.setattr(search, "RINGS_FROM", 1)

    pick = random.Random(5)
    for n in range(30):
        at = (TOWN_CENTRE[0] + pick.uniform(-0.15, 0.15), TOWN_CENTRE[1] + pick.uniform(-0.25, 0.25))
        make_service(f"Place {n:02d}", at=at)
    make_service("Nowhere", at=(None, None))
    for point in (TOWN_CENTRE, THORNABY, BILLINGHAM):
        found = search_services(Filters(latitude=point[0], longitude=point[1]))
        assert isinstance(found, Ranked) and found._rings
        every = list(found._ordered.values_list("id", flat=True))
        assert len(every) == found.count() == 31 and every[-1] == found.fetch.get(name="Nowhere").pk
        for window in (slice(0, 1), slice(0, 5), slice(3, 8), slice(0, 20), slice(20, 31), slice(25, 40)):
            assert [s.pk for s in found[window]] == every[window], (point, window)
