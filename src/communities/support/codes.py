"""Clinical codes the room records (data/codes.yaml), each with its source and date."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

CODES_FILE = Path(__file__).resolve().parent / "data" / "codes.yaml"


@lru_cache(maxsize=1)
def codes() -> dict[str, dict]:
    return yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))


def unpaid_carer() -> dict:
    """SNOMED CT 224484003 |Unpaid carer|, with its source."""
    return codes()["unpaid_carer"]
