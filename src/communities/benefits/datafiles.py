"""Load the package's YAML data files (parameters with sources)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str) -> dict[str, Any]:
    """Parsed ``data/<name>.yaml`` (cached; treat as read-only)."""
    text = files("communities.benefits").joinpath("data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"data/{name}.yaml: expected a mapping at the top level")
    return data
