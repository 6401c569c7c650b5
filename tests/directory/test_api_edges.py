"""The ORUK API's edges: methods it does not take (405, not a CSRF page), CORS on every answer (404, 405, 301
included), JSON errors for unknown addresses."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from .factories import make_service

API = "/api/directory"
pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_like():
    """A client that checks CSRF tokens as a real browser request would be checked."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/services", "/", "/taxonomies", "/services/00000000-0000-0000-0000-000000000000"])
def test_writes_are_refused_with_405_and_allow(browser_like, method, path):
    response = getattr(browser_like, method)(f"{API}{path}", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["status"] == 405 and "GET" in body["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_address_is_a_json_404_with_cors(client):
    response = client.get(f"{API}/no_such_thing")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content) == {"status": 404, "error": "Not found"}


def test_missing_service_is_a_404_with_cors(client):
    response = client.get(f"{API}/services/not-a-uuid")
    assert response.status_code == 404 and response["Access-Control-Allow-Origin"] == "*"


def test_redirect_to_the_slash_carries_cors(client):
    response = client.get(API)
    assert response.status_code == 301
    assert response["Location"].endswith(f"{API}/")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_preflight_and_get_still_work(client):
    make_service("CORS Pantry")
    preflight = client.options(f"{API}/services", HTTP_ORIGIN="https://partner.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    response = client.get(f"{API}/services")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["total_items"] == 1


def test_find_help_forms_still_need_their_csrf_token(browser_like):
    service = make_service("Token Pantry")
    assert browser_like.post("/find-help/my-list/add/", {"service_id": str(service.pk)}).status_code == 403
