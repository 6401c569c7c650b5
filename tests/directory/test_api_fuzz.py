"""Schemathesis over the OpenAPI document we serve: no generated request may cause a server error, and every 200
must match the official ORUK schema. Bounded (a few examples per operation) so it runs in seconds."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from communities.directory.api.openapi import build_openapi

from . import oruk
from .factories import THORNABY, make_service

schema = schemathesis.openapi.from_dict(build_openapi("http://testserver/api/directory"))


@pytest.fixture
def some_listings(db):
    make_service("Fuzz Pantry")
    make_service("Fuzz Warm Space", at=THORNABY, category="warm-spaces", days="MO")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors(case, client, some_listings):
    path = "/api/directory" + case.formatted_path
    response = client.get(path, data=case.query or {})
    assert response.status_code < 500, (path, case.query, response.content[:500])
    if response.status_code == 200 and not response.get("Content-Type", "").startswith("application/x-ndjson"):
        template = case.operation.path
        assert oruk.errors(template, response.json()) == [], (path, case.query)
    elif response.status_code in (400, 404):
        assert "error" in response.json()
