"""The ORUK 3.0 API: every endpoint validated against the official schemas, parameters, errors, CORS and caps."""

from __future__ import annotations

import uuid

import pytest

from communities.directory.models import Funding, Language, ServiceArea
from communities.directory.services.taxonomy import DEFAULT_TAXONOMY_ID, term_id

from . import oruk
from .factories import BILLINGHAM, THORNABY, TOWN_CENTRE, make_service

API = "/api/directory"
LIST_PATHS = ["/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms"]
PAGE_FIELDS = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"]


@pytest.fixture
def listings(db):
    near = make_service("Roseworth Community Pantry", at=TOWN_CENTRE, days="SA", free=False, minimum_age=18)
    ServiceArea.objects.create(service=near, name="Stockton-on-Tees", extent_type="other")
    Language.objects.create(service=near, name="English", code="en")
    Funding.objects.create(service=near, source="Council grant")
    middle = make_service("Thornaby Warm Space", at=THORNABY, days="MO,TU,WE", category="warm-spaces")
    far = make_service("Billingham Carers Group", at=BILLINGHAM, days="TH", category="carers-support",
                       maximum_age=17)
    return {"near": near, "middle": middle, "far": far}


def _paths(listings):
    svc = listings["near"]
    return {
        "/": f"{API}/",
        "/services": f"{API}/services",
        "/services/{id}": f"{API}/services/{svc.pk}",
        "/service_at_locations": f"{API}/service_at_locations",
        "/service_at_locations/{id}": f"{API}/service_at_locations/{svc.service_at_locations.first().pk}",
        "/organizations": f"{API}/organizations",
        "/organizations/{id}": f"{API}/organizations/{svc.organization_id}",
        "/taxonomies": f"{API}/taxonomies",
        "/taxonomies/{id}": f"{API}/taxonomies/{DEFAULT_TAXONOMY_ID}",
        "/taxonomy_terms": f"{API}/taxonomy_terms",
        "/taxonomy_terms/{id}": f"{API}/taxonomy_terms/{term_id('food-pantry')}",
    }


def test_every_official_endpoint_is_served():
    assert set(oruk.openapi()["paths"]) == set(oruk.MOCK_FOR)


@pytest.mark.parametrize("path", sorted(oruk.MOCK_FOR))
def test_official_default_mocks_pass_and_fail_mocks_fail_the_checker(path):
    """The checker agrees with the ORUK validator's own mocks, so it can both pass and fail a response."""
    assert oruk.errors(path, oruk.mock("V3.0-UK-Default", path)) == []


@pytest.mark.parametrize("path", ["/", "/services", "/services/{id}", "/taxonomy_terms/{id}"])
def test_fail_mocks_fail_the_checker(path):
    assert oruk.errors(path, oruk.mock("V3.0-UK-Fail", path)) != []


@pytest.mark.parametrize("path", sorted(oruk.MOCK_FOR))
def test_each_endpoint_matches_the_official_schema(client, listings, path):
    for extra in ("", "?full=true", "?full_service=true"):
        response = client.get(_paths(listings)[path] + extra)
        assert response.status_code == 200, response.content
        body = response.json()
        assert oruk.errors(path, body) == [], (path, extra)
        mock = oruk.mock("V3.0-UK-Default", path)
        # Where the validator's passing mock has page fields, so do we (and of the same JSON types).
        for key in PAGE_FIELDS:
            if key in mock:
                assert type(body[key]) is type(mock[key]), key


def test_root_gives_version_profile_and_absolute_openapi_url(client, db):
    body = client.get(f"{API}/").json()
    assert body["version"] == "HSDS-UK-3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/api/directory/openapi.json"
    document = client.get(body["openapi_url"]).json()
    assert set(oruk.openapi()["paths"]) <= set(document["paths"])
    assert document["servers"][0]["url"] == "http://testserver/api/directory"
    assert "openreferraluk.org/specifications/3.0/schema" not in str(document)


def test_full_service_carries_nested_records_and_omits_empty_fields(client, listings):
    body = client.get(f"{API}/services/{listings['near'].pk}").json()
    assert body["schedules"][0]["byday"] == "SA" and body["schedules"][0]["opens_at"] == "10:00:00"
    assert body["cost_options"][0]["amount"] == 3.5
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "TS18 1AB"
    assert body["attributes"][0]["taxonomy_term"]["name"] == "Community pantries and food clubs"
    assert body["languages"][0]["code"] == "en" and body["funding"][0]["source"] == "Council grant"
    assert "alert" not in body and "maximum_age" not in body  # empty optional fields are left out
    assert body["minimum_age"] == 18


def test_page_object(client, listings):
    body = client.get(f"{API}/services?per_page=2&page=2").json()
    assert {k: body[k] for k in PAGE_FIELDS} == {
        "total_items": 3, "total_pages": 2, "page_number": 2, "size": 1, "first_page": False, "last_page": True,
        "empty": False,
    }
    beyond = client.get(f"{API}/services?per_page=2&page=9").json()
    assert beyond["empty"] is True and beyond["contents"] == []


def test_per_page_is_capped(client, listings, settings):
    settings.DIRECTORY_API_MAX_PER_PAGE = 2
    body = client.get(f"{API}/services?per_page=100000").json()
    assert body["size"] == 2 and body["total_pages"] == 2


def _names(client, query: str, path: str = "/services") -> list[str]:
    response = client.get(f"{API}{path}?{query}")
    assert response.status_code == 200, response.content
    contents = response.json()["contents"]
    return [c["service"]["name"] if "service" in c else c["name"] for c in contents]


def test_filters(client, listings):
    assert _names(client, "search=warm") == ["Thornaby Warm Space"]
    assert _names(client, "search=pantries") == ["Roseworth Community Pantry"]  # matches the category name
    assert _names(client, f"taxonomy_term_id={term_id('carers-support')}") == ["Billingham Carers Group"]
    assert _names(client, f"taxonomy_term_id={term_id('food')}") == ["Roseworth Community Pantry"]  # parent term
    assert len(_names(client, f"taxonomy_id={DEFAULT_TAXONOMY_ID}")) == 3
    assert _names(client, f"organization_id={listings['far'].organization_id}") == ["Billingham Carers Group"]
    assert _names(client, "day=SA") == ["Roseworth Community Pantry"]
    assert _names(client, "day=saturday&start_time=11:30") == ["Roseworth Community Pantry"]
    assert _names(client, "day=SA&start_time=12:30") == []
    assert _names(client, "age=10") == ["Billingham Carers Group", "Thornaby Warm Space"]
    assert _names(client, "free=true") == ["Billingham Carers Group", "Thornaby Warm Space"]
    assert _names(client, "modified_after=2999-01-01") == []
    assert len(_names(client, "modified_after=2000-01-01T00:00:00Z")) == 3


def test_postcode_orders_by_distance_and_proximity_limits(client, listings):
    order = ["Roseworth Community Pantry", "Thornaby Warm Space", "Billingham Carers Group"]
    assert _names(client, "postcode=TS18 1AU") == order
    assert _names(client, "postcode=TS18 1AU", "/service_at_locations") == order
    assert _names(client, "postcode=TS181AU&proximity=1500", "/service_at_locations") == order[:1]


def test_minimal_and_ndjson(client, listings):
    body = client.get(f"{API}/services?minimal=true").json()
    assert set(body["contents"][0]) == {"id", "name", "status", "last_modified"}
    assert oruk.errors("/services", body) == []
    response = client.get(f"{API}/services?format=ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert response["Content-Type"] == "application/x-ndjson" and len(lines) == 3


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("page=0", "page"), ("page=abc", "page"), ("per_page=-1", "per_page"), ("full=maybe", "full"),
        ("taxonomy_term_id=nope", "taxonomy_term_id"), ("organization_id=1", "organization_id"),
        ("modified_after=yesterday", "modified_after"), ("postcode=NOTAPOSTCODE", "postcode"),
        ("postcode=SW1A 1AA", "postcode"), ("proximity=100", "proximity"), ("postcode=TS18 1AU&proximity=far",
                                                                            "proximity"),
        ("day=Caturday", "day"), ("start_time=25:00", "start_time"), ("format=xml", "format"), ("age=-3", "age"),
        ("search=" + "x" * 300, "search"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, listings, query, parameter):
    response = client.get(f"{API}/services?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_or_malformed_ids_are_json_404(client, listings):
    for path in ("services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms"):
        for value in (uuid.uuid4(), "not-a-uuid"):
            response = client.get(f"{API}/{path}/{value}")
            assert response.status_code == 404 and response.json()["status"] == 404


def test_inactive_services_are_not_published(client, listings):
    listings["near"].status = "defunct"
    listings["near"].save()
    assert "Roseworth Community Pantry" not in _names(client, "")
    assert client.get(f"{API}/services/{listings['near'].pk}").status_code == 404


def test_cors_any_origin_and_preflight(client, listings):
    response = client.get(f"{API}/services", HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(f"{API}/services", HTTP_ORIGIN="https://elsewhere.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post(f"{API}/services").status_code == 405


def test_api_is_public(client, listings):
    for path in _paths(listings).values():
        assert client.get(path).status_code == 200


def test_a_burst_is_throttled_not_an_error(client, listings, settings):
    settings.DIRECTORY_API_RATE_PER_MINUTE = 5
    statuses = [client.get(f"{API}/taxonomies?page={n}").status_code for n in range(1, 9)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3
    response = client.get(f"{API}/services")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert response["Access-Control-Allow-Origin"] == "*" and "error" in response.json()


def test_answers_are_cached_for_everyone_until_a_listing_changes(client, listings, django_assert_max_num_queries):
    path = f"{API}/services/{listings['far'].pk}"
    first = client.get(path)
    assert "max-age=60" in first["Cache-Control"]
    with django_assert_max_num_queries(1):  # the revision only
        again = client.get(path)
    assert again.content == first.content and again["Access-Control-Allow-Origin"] == "*"
    listings["far"].name = "Renamed"
    listings["far"].save()
    assert client.get(path).json()["name"] == "Renamed"
