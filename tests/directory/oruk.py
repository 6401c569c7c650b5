"""Validate responses against the official ORUK 3.0 schemas in tests/fixtures/oruk (no network).

The published schemas reference each other by absolute URL; a ``referencing.Registry`` maps those URLs to the local
copies. Draft 2020-12 (the OpenAPI document's jsonSchemaDialect). Formats are checked: jsonschema's own uuid, email
and date checkers, plus uri and date-time checkers defined here because their optional packages are not installed.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "oruk"
SPEC = FIXTURES / "openreferraluk-org-3.0"
MOCKS = FIXTURES / "validator-mocks"
PREFIX = "https://openreferraluk.org/specifications/3.0/schema/"

checker = FormatChecker()
for name, function in Draft202012Validator.FORMAT_CHECKER.checkers.items():
    checker.checkers[name] = function


@checker.checks("uri")
def _uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    scheme_ok = re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme or "") is not None
    return scheme_ok and " " not in value


@checker.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", value):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time")
    datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    return True


def _retrieve(uri: str):
    if not uri.startswith(PREFIX):
        raise LookupError(f"Refusing to fetch {uri}: only the local ORUK schemas are used")
    return DRAFT202012.create_resource(json.loads((SPEC / "schema" / uri[len(PREFIX):]).read_text()))


REGISTRY = Registry(retrieve=_retrieve)


@cache
def validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SPEC / "schema" / schema_name).read_text())
    return Draft202012Validator(schema, registry=REGISTRY, format_checker=checker)


@cache
def openapi() -> dict:
    return json.loads((SPEC / "openapi.json").read_text())


def schema_for(path: str) -> str:
    """The response schema file the official OpenAPI names for a path such as '/services/{id}'."""
    ref = openapi()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def errors(path: str, body) -> list[str]:
    found = validator(schema_for(path)).iter_errors(body)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


# Which mock file answers which endpoint (validator-mocks/SOURCE.md).
MOCK_FOR = {
    "/": "api_details.json",
    "/services": "service_list.json",
    "/services/{id}": "service_full.json",
    "/service_at_locations": "service_at_location_list.json",
    "/service_at_locations/{id}": "service_at_location_full.json",
    "/organizations": "organization_list.json",
    "/organizations/{id}": "organization.json",
    "/taxonomies": "taxonomy_list.json",
    "/taxonomies/{id}": "taxonomy.json",
    "/taxonomy_terms": "taxonomy_term_list.json",
    "/taxonomy_terms/{id}": "taxonomy_term.json",
}


def mock(folder: str, path: str):
    file = MOCKS / folder / MOCK_FOR[path]
    if folder != "V3.0-UK-Default" and path == "/organizations/{id}":
        file = MOCKS / folder / "organization_full.json"
    return json.loads(file.read_text())
