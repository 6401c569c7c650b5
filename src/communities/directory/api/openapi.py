"""The OpenAPI document this installation serves: the published ORUK 3.0 document (api/oruk/, unchanged copy) made
self-contained (schemas inlined under components), pointed at this server, with our extra filters documented.

Fixes applied to the copy as served: the format name ``datetime`` becomes ``date-time``; absolute schema URLs become
local ``#/components/schemas/...`` references; 400 and 404 responses are documented.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

ORUK_DIR = Path(__file__).resolve().parent / "oruk"
SCHEMA_PREFIX = "https://openreferraluk.org/specifications/3.0/schema/"

EXTRA_SERVICE_PARAMETERS = [
    {"name": "postcode", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "Order results by distance from this postcode's centroid (postcodes in the council's area)."},
    {"name": "proximity", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "With postcode: only services within this many metres."},
]
EXTRA_FILTERS = [
    {"name": "age", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0, "maximum": 150},
     "description": "Only services open to a person of this age."},
    {"name": "minimum_age", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 0, "maximum": 150},
     "description": "Only services whose minimum age is at most this (uk-profile draft parameter)."},
    {"name": "maximum_age", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 0, "maximum": 150},
     "description": "Only services whose maximum age is at least this (uk-profile draft parameter)."},
    {"name": "day", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]},
     "description": "Only services with a session on this day (RFC 5545 day code; full day names also accepted)."},
    {"name": "start_time", "in": "query", "required": False, "schema": {"type": "string", "pattern": "^\\d{2}:\\d{2}$"},
     "description": "Only sessions still open after this time (HH:MM)."},
    {"name": "end_time", "in": "query", "required": False, "schema": {"type": "string", "pattern": "^\\d{2}:\\d{2}$"},
     "description": "Only sessions opening before this time (HH:MM)."},
    {"name": "free", "in": "query", "required": False, "schema": {"type": "boolean"},
     "description": "Only services that are free to use."},
]
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"status": {"type": "integer"}, "error": {"type": "string"}, "parameter": {"type": "string"}},
    "required": ["status", "error"],
}


def _rewrite(node):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(SCHEMA_PREFIX):
                out[key] = "#/components/schemas/" + value[len(SCHEMA_PREFIX):].removesuffix(".json")
            elif key == "format" and value == "datetime":
                out[key] = "date-time"
            else:
                out[key] = _rewrite(value)
        return out
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


@cache
def _base() -> dict:
    document = json.loads((ORUK_DIR / "openapi.json").read_text(encoding="utf-8"))
    schemas = {}
    for path in sorted((ORUK_DIR / "schema").glob("*.json")):
        if path.stem in ("open_api", "empy_list_response"):
            continue
        schemas[path.stem] = _rewrite(json.loads(path.read_text(encoding="utf-8")))
    document = _rewrite(document)
    document.setdefault("components", {}).setdefault("schemas", {}).update(schemas)
    document["components"]["schemas"]["Error"] = ERROR_SCHEMA
    error = {"description": "A parameter is not valid; `parameter` names it.",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    missing = {"description": "No such record.",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, item in document["paths"].items():
        operation = item["get"]
        operation.pop("name", None)  # not an OpenAPI 3.0 operation field
        if path in ("/services", "/service_at_locations"):
            names = {p.get("name") for p in operation.get("parameters", []) if "name" in p}
            extra = [p for p in EXTRA_SERVICE_PARAMETERS if p["name"] not in names and path == "/services"]
            operation.setdefault("parameters", []).extend(extra + copy.deepcopy(EXTRA_FILTERS))
        if path != "/":
            operation["responses"]["400"] = error
        if "{" in path:
            operation["responses"]["404"] = missing
    document["info"]["description"] = (
        document["info"].get("description", "")
        + "\n\nServed by Communities (AGPL-3.0). Read-only; any origin may call it (CORS). per_page is capped."
    )
    return document


def build_openapi(base_url: str) -> dict:
    document = copy.deepcopy(_base())
    document["servers"] = [{"url": base_url, "description": "This installation"}]
    return document
