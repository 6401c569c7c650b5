"""The two loneliness measures befriending records: the ONS direct question (shipped by the support room) and the
UCLA 3-item scale (shipped here, data/instruments/ucla3.yaml, read with the support room's parser so it has the same
shape, source and date as every other outcome measure). The UCLA score is the sum, 3 (least) to 9 (most lonely)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from communities.support.instruments import Instrument, instrument, parse

UCLA_FILE = Path(__file__).resolve().parent / "data" / "instruments" / "ucla3.yaml"
DIRECT = "ons_loneliness"
DIRECT_ITEM = "how_often_lonely"


@lru_cache(maxsize=1)
def ucla3() -> Instrument:
    return parse(yaml.safe_load(UCLA_FILE.read_text(encoding="utf-8")), UCLA_FILE.name)


def direct_question() -> Instrument:
    return instrument(DIRECT)


def check_answers(direct: int | None, ucla: dict) -> dict[str, str]:
    """Problems by form field name ('direct', 'ucla_<item>'); empty when every answer given is allowed."""
    problems = {}
    if direct is not None and (message := direct_question().item(DIRECT_ITEM).check(direct)):
        problems["direct"] = message
    scale = ucla3()
    for code in ucla:
        if code not in {i.code for i in scale.items}:
            problems[f"ucla_{code}"] = f"{code} is not a question of the UCLA 3-item scale"
    for item in scale.items:
        value = ucla.get(item.code)
        if value is not None and (message := item.check(value)):
            problems[f"ucla_{item.code}"] = message
    return problems
