"""UKHSA weather-health alert types (heat, cold), their core seasons and colour levels, from
``data/alert_types.yaml``; and how a CAP alert says which type and level it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .cap import CapAlert, CapError, CapInfo

TYPES_FILE = Path(__file__).resolve().parent / "data" / "alert_types.yaml"
HAZARDS = ("heat", "cold")
LEVELS = ("green", "yellow", "amber", "red")
# Parameter names we read for the type and level, in this order. "awareness_level" and "awareness_type" are the
# names MeteoAlarm's CAP profile uses; alertType and alertLevel are ours (see tests/fixtures/cap/README.md).
TYPE_PARAMETERS = ("alertType", "hazard", "awareness_type")
LEVEL_PARAMETERS = ("alertLevel", "alertColour", "awareness_level")


@dataclass(frozen=True)
class Season:
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]

    def includes(self, day: date) -> bool:
        key = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= key <= self.end
        return key >= self.start or key <= self.end  # the cold season runs over the new year

    def describe(self) -> str:
        return f"{_day(self.start)} to {_day(self.end)}"


def _day(month_day: tuple[int, int]) -> str:
    return date(2000, *month_day).strftime("%-d %B")


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(TYPES_FILE.read_text(encoding="utf-8"))


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def season(hazard: str) -> Season:
    entry = _data()["types"][hazard]["season"]
    return Season(_month_day(entry["start"]), _month_day(entry["end"]))


def hazard_label(hazard: str) -> str:
    return _data()["types"][hazard]["label"]


def level_label(level: str) -> str:
    return _data()["levels"][level]["label"]


def opens_incident(level: str) -> bool:
    return bool(_data()["levels"][level]["opens_incident"])


def hazard_choices() -> list[tuple[str, str]]:
    return [(hazard, hazard_label(hazard)) for hazard in HAZARDS]


def level_choices() -> list[tuple[str, str]]:
    return [(level, level_label(level)) for level in LEVELS]


def in_season(hazard: str, day: date) -> bool:
    return season(hazard).includes(day)


def _word(text: str, words: tuple[str, ...]) -> str:
    lowered = text.lower()
    return next((word for word in words if word in lowered), "")


def classify(alert: CapAlert) -> tuple[CapInfo, str, str]:
    """The alert's first English info block, its hazard (heat/cold) and level (green..red).

    The parameters named above win; otherwise the event and headline must name them ("Amber Heat-Health Alert").
    """
    info = next((i for i in alert.infos if i.language.lower().startswith("en")), alert.infos[0])
    hazard = _word(info.parameter(*TYPE_PARAMETERS), HAZARDS) or _word(f"{info.event} {info.headline}", HAZARDS)
    if not hazard:
        raise CapError(f"<info><event> {info.event!r} does not say heat or cold, and no <parameter> alertType does: "
                       "we import only UKHSA heat-health and cold-health alerts")
    level = _word(info.parameter(*LEVEL_PARAMETERS), LEVELS) or _word(f"{info.event} {info.headline}", LEVELS)
    if not level:
        raise CapError("no alert level: add <parameter><valueName>alertLevel</valueName><value>amber</value>"
                       "</parameter>, or name the colour in <event>")
    return info, hazard, level


def spaces_searches(hazard: str) -> list[str]:
    """Find help searches for the places to keep cool (heat) or warm (cold)."""
    return list(_data()["types"][hazard].get("spaces_search") or [])
