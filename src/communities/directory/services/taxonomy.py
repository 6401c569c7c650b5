"""The default needs and activities taxonomy shipped in data/needs_taxonomy.json (see data/README.md)."""

from __future__ import annotations

import json
import uuid
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "needs_taxonomy.json"


@cache
def default_taxonomy_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


DEFAULT_TAXONOMY_ID = uuid.UUID(default_taxonomy_data()["taxonomy"]["id"])


def term_id(code: str) -> uuid.UUID:
    for term in default_taxonomy_data()["terms"]:
        if term["code"] == code:
            return uuid.UUID(term["id"])
    raise KeyError(f"No term {code!r} in the default taxonomy")


def load_default_taxonomy(taxonomy_model, term_model) -> None:
    """Create or update the default taxonomy (used by the data migration; safe to run again)."""
    data = default_taxonomy_data()
    t = data["taxonomy"]
    taxonomy, _ = taxonomy_model.objects.update_or_create(
        id=t["id"], defaults={"name": t["name"], "description": t["description"], "version": t["version"],
                              "source": "Communities default taxonomy"},
    )
    by_code = {}
    for term in data["terms"]:
        parent = by_code.get(term["parent"]) if term["parent"] else None
        obj, _ = term_model.objects.update_or_create(
            id=term["id"],
            defaults={"taxonomy": taxonomy, "code": term["code"], "name": term["name"],
                      "description": term["description"], "parent": parent, "source": "Communities default taxonomy"},
        )
        by_code[term["code"]] = obj
