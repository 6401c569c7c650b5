"""Strict query-parameter parsing: a bad value is a 400 that names the parameter, never a 500 or a silent default."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from communities.places.geo import PostcodeError
from communities.places.services import PlaceNotFound, locate

from ..services.opening_times import DAY_NAMES, DAYS

MAX_TEXT = 200


class ParamError(ValueError):
    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


def text(query, name: str) -> str:
    value = query.get(name, "")
    if len(value) > MAX_TEXT:
        raise ParamError(name, f"{name} must be at most {MAX_TEXT} characters")
    return value.strip()


def integer(query, name: str, *, minimum: int = 0, maximum: int = 10**6, default: int | None = None) -> int | None:
    raw = query.get(name, "").strip()
    if raw == "":
        return default
    if not re.fullmatch(r"[+-]?\d{1,9}", raw):
        raise ParamError(name, f"{name} must be a whole number")
    value = int(raw)
    if value < minimum or value > maximum:
        raise ParamError(name, f"{name} must be between {minimum} and {maximum}")
    return value


def boolean(query, name: str) -> bool:
    raw = query.get(name, "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise ParamError(name, f"{name} must be true or false")


def uuid_param(query, name: str) -> uuid.UUID | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise ParamError(name, f"{name} must be a UUID") from exc


def uuid_list(query, name: str) -> list[uuid.UUID]:
    values = []
    for raw in query.getlist(name):
        for part in raw.split(","):
            if part.strip():
                try:
                    values.append(uuid.UUID(part.strip()))
                except ValueError as exc:
                    raise ParamError(name, f"{name} must be a UUID or a comma-separated list of UUIDs") from exc
    if len(values) > 20:
        raise ParamError(name, f"{name} takes at most 20 ids")
    return values


def moment(query, name: str) -> datetime | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            value = datetime(day.year, day.month, day.day) if day else None
    except ValueError:
        value = None
    if value is None:
        raise ParamError(name, f"{name} must be an ISO 8601 date or date-time, for example 2026-01-31T09:00:00Z")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def clock(query, name: str) -> time | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", raw)
    if not match or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
        raise ParamError(name, f"{name} must be a time like 09:30")
    return time(int(match[1]), int(match[2]))


def day(query, name: str = "day") -> str:
    raw = query.get(name, "").strip()
    if not raw:
        return ""
    upper = raw.upper()
    if upper in DAYS:
        return upper
    for code, full in zip(DAYS, DAY_NAMES, strict=True):
        if raw.lower() == full.lower():
            return code
    raise ParamError(name, f"{name} must be a day such as SA or Saturday")


def page_params(query) -> tuple[int, int]:
    page = integer(query, "page", minimum=1, maximum=10**6, default=1)
    per_page = integer(query, "per_page", minimum=1, maximum=10**9, default=50)
    return page, min(per_page, settings.DIRECTORY_API_MAX_PER_PAGE)


def output_format(query) -> str:
    value = query.get("format", "").strip().lower() or "json"
    if value not in ("json", "ndjson"):
        raise ParamError("format", "format must be json or ndjson")
    return value


def place(query, name: str = "postcode"):
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        return locate(raw)
    except (PostcodeError, PlaceNotFound) as exc:
        raise ParamError(name, str(exc)) from exc


def number(query, name: str, *, minimum: float = 0, maximum: float = 1e6) -> float | None:
    raw = query.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError as exc:
        raise ParamError(name, f"{name} must be a number") from exc
    if not (minimum <= value <= maximum):  # also refuses nan
        raise ParamError(name, f"{name} must be between {minimum:g} and {maximum:g}")
    return value
