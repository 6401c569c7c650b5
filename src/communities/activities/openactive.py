"""One RPDE item of an OpenActive feed read into what Find help shows (fields listed in docs/openactive.md).

Kinds read: ``SessionSeries`` (an activity with a weekly ``eventSchedule``), ``ScheduledSession`` (a dated session
of the series named by ``superEvent``, or an activity of its own when it has no series) and ``FacilityUse`` (a
bookable facility with ``hoursAvailable``). Anything wrong with an item raises :class:`ItemProblem` naming the item
and the field; the importer reports it and goes on with the next item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from communities.places.geo import PostcodeError, normalise_postcode

KINDS = ("SessionSeries", "ScheduledSession", "FacilityUse")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CANCELLED = ("EventCancelled", "EventPostponed")
_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?")


class ItemProblem(ValueError):
    def __init__(self, item_id: str, field_name: str, message: str, page: int | None = None):
        super().__init__(message)
        self.item_id, self.field, self.message, self.page = item_id, field_name, message, page
        self.line = item_id  # core.uploads counts problems by "line": here, the item

    def __str__(self) -> str:
        where = f"page {self.page}, " if self.page is not None else ""
        return f"{where}item {self.item_id or '(no id)'}: {self.field}: {self.message}"

    def as_dict(self) -> dict:
        return {"page": self.page, "item": self.item_id, "field": self.field, "message": self.message}


@dataclass
class ItemRead:
    kind: str
    item_id: str
    modified: int
    deleted: bool = False
    activity: dict | None = None  # Activity fields; None for a session of a series
    sessions: list[dict] = field(default_factory=list)  # Session fields
    series_ref: str = ""
    cancelled: bool = False


def read_item(item) -> ItemRead:
    if not isinstance(item, dict):
        raise ItemProblem("", "item", "is not a JSON object")
    item_id = item.get("id")
    if isinstance(item_id, bool) or not isinstance(item_id, str | int) or str(item_id).strip() == "":
        raise ItemProblem("", "id", "is missing")
    item_id = str(item_id)[:300]
    modified = item.get("modified")
    if isinstance(modified, bool) or not isinstance(modified, int) or modified < 0:
        raise ItemProblem(item_id, "modified", "must be a whole number (a timestamp or change number)")
    state, kind = item.get("state"), item.get("kind")
    if state not in ("updated", "deleted"):
        raise ItemProblem(item_id, "state", "must be 'updated' or 'deleted'")
    if kind not in KINDS:
        raise ItemProblem(item_id, "kind", f"must be one of {', '.join(KINDS)}")
    if state == "deleted":
        return ItemRead(kind=kind, item_id=item_id, modified=modified, deleted=True)
    data = item.get("data")
    if not isinstance(data, dict):
        raise ItemProblem(item_id, "data", "is missing from an updated item")
    if _get(data, "type") not in (kind, None):
        raise ItemProblem(item_id, "data.@type", f"is {_get(data, 'type')!r} but the item's kind is {kind}")
    return _Reader(item_id, data).read(kind, modified)


def _get(data: dict, name: str):
    """JSON-LD names with or without '@' (OpenActive 2.0 uses '@type' and '@id'; 1.0 used 'type' and 'id')."""
    return data.get("@" + name, data.get(name))


def _label(uri_or_name: str) -> str:
    return str(uri_or_name).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]


class _Reader:
    def __init__(self, item_id: str, data: dict):
        self.item_id, self.data = item_id, data

    def problem(self, field_name: str, message: str) -> ItemProblem:
        return ItemProblem(self.item_id, field_name, message)

    def read(self, kind: str, modified: int) -> ItemRead:
        read = ItemRead(kind=kind, item_id=self.item_id, modified=modified)
        read.cancelled = _label(self.data.get("eventStatus", "")) in CANCELLED
        if kind == "ScheduledSession":
            read.sessions = [self.dated_session()]
            read.series_ref = self.super_event()
            if read.series_ref:
                return read
        elif kind == "SessionSeries":
            read.sessions = self.weekly("eventSchedule")
        else:
            read.sessions = self.weekly("hoursAvailable")
        read.activity = self.activity(kind)
        return read

    def text(self, name: str, limit: int, required: bool = False) -> str:
        value = self.data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.problem(name, "must be text")
        value = value.strip()
        if required and not value:
            raise self.problem(name, "is missing")
        return value[:limit]

    def super_event(self) -> str:
        value = self.data.get("superEvent")
        if isinstance(value, dict):
            value = _get(value, "id")
        if value is not None and not isinstance(value, str):
            raise self.problem("superEvent", "must be the series' @id or an object with one")
        return (value or "")[:1000]

    def activity(self, kind: str) -> dict:
        minimum, maximum = self.age_range()
        prices, lowest = self.prices()
        place = self.place()
        organiser = self.data.get("organizer") or self.data.get("provider") or {}
        url = self.text("url", 1000)
        if url and not url.startswith(("https://", "http://")):
            raise self.problem("url", "must start with https:// or http://")
        return {
            "kind": kind, "data_id": str(_get(self.data, "id") or "")[:1000],
            "name": self.text("name", 300, required=True), "description": self.text("description", 5000),
            "activity_names": ", ".join(self.concepts("activity"))[:500],
            "organiser": str(organiser.get("name", ""))[:300] if isinstance(organiser, dict) else "",
            "minimum_age": minimum, "maximum_age": maximum, "prices": prices, "lowest_price": lowest, "url": url,
            "accessibility": self.concepts("accessibilitySupport") + place.pop("features"),
            "accessibility_information": self.text("accessibilityInformation", 2000),
            **place,
        }

    def concepts(self, name: str) -> list[str]:
        value = self.data.get(name) or []
        if not isinstance(value, list):
            raise self.problem(name, "must be a list of concepts")
        labels = []
        for concept in value:
            label = concept.get("prefLabel") if isinstance(concept, dict) else None
            if not isinstance(label, str) or not label.strip():
                raise self.problem(name, "each concept needs a prefLabel")
            labels.append(label.strip()[:100])
        return labels

    def age_range(self) -> tuple[int | None, int | None]:
        ages = self.data.get("ageRange")
        if ages is None:
            return None, None
        if not isinstance(ages, dict):
            raise self.problem("ageRange", "must be a QuantitativeValue with minValue and maxValue")
        values = []
        for name in ("minValue", "maxValue"):
            value = ages.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120):
                raise self.problem(f"ageRange.{name}", "must be a whole number of years from 0 to 120")
            values.append(value)
        if values[0] is not None and values[1] is not None and values[1] < values[0]:
            raise self.problem("ageRange.maxValue", "must not be less than minValue")
        return values[0], values[1]

    def prices(self) -> tuple[list[dict], Decimal | None]:
        offers = self.data.get("offers") or []
        if not isinstance(offers, list):
            raise self.problem("offers", "must be a list of Offers")
        prices = []
        for offer in offers[:20]:
            price = offer.get("price") if isinstance(offer, dict) else None
            try:
                amount = Decimal(str(price)).quantize(Decimal("0.01"))
            except (InvalidOperation, ValueError):
                raise self.problem("offers.price", "must be a number of pounds, such as 4.50") from None
            if isinstance(price, bool) or not amount.is_finite() or amount < 0 or amount > 10000:
                raise self.problem("offers.price", "must be a number of pounds, such as 4.50")
            currency = offer.get("priceCurrency", "GBP")
            if currency != "GBP":
                raise self.problem("offers.priceCurrency", "must be GBP")
            prices.append({"name": str(offer.get("name", ""))[:100], "price": str(amount)})
        lowest = min((Decimal(p["price"]) for p in prices), default=None)
        return prices, lowest

    def place(self) -> dict:
        location = self.data.get("location") or {}
        if not isinstance(location, dict):
            raise self.problem("location", "must be a Place")
        address = location.get("address") or {}
        if isinstance(address, str):
            address = {"streetAddress": address}
        postcode = address.get("postalCode") or ""
        if postcode:
            try:
                postcode = normalise_postcode(postcode)
            except PostcodeError:
                raise self.problem("location.address.postalCode", "is not a UK postcode") from None
        lines = [address.get(n) for n in ("streetAddress", "addressLocality") if isinstance(address.get(n), str)]
        latitude, longitude = self.coordinates(location.get("geo"))
        features = [str(f.get("name") or _label(_get(f, "type") or ""))[:100]
                    for f in location.get("amenityFeature") or [] if isinstance(f, dict) and f.get("value") is True]
        return {"venue": str(location.get("name") or "")[:300], "address": ", ".join(lines)[:500],
                "postcode": postcode, "latitude": latitude, "longitude": longitude, "features": features}

    def coordinates(self, geo) -> tuple[float | None, float | None]:
        if not geo:
            return None, None
        try:
            latitude, longitude = float(geo["latitude"]), float(geo["longitude"])
        except (TypeError, KeyError, ValueError):
            raise self.problem("location.geo", "needs latitude and longitude as numbers") from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise self.problem("location.geo", "latitude or longitude is out of range")
        return latitude, longitude

    def weekly(self, name: str) -> list[dict]:
        entries = self.data.get(name) or []
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            raise self.problem(name, "must be a list")
        sessions = []
        for entry in entries[:50]:
            if not isinstance(entry, dict):
                raise self.problem(name, "each entry must be an object")
            days = entry.get("byDay", entry.get("dayOfWeek", []))
            days = days if isinstance(days, list) else [days]
            start = self.clock(entry.get("startTime", entry.get("opens")), f"{name}.startTime")
            end = self.clock(entry.get("endTime", entry.get("closes")), f"{name}.endTime", required=False)
            for day in days:
                sessions.append({"weekday": self.weekday(day, f"{name}.byDay"), "start_time": start,
                                 "end_time": end, "on_date": None})
        return sessions

    def weekday(self, value, field_name: str) -> int:
        label = _label(value) if isinstance(value, str) else ""
        ical = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
        if label in DAY_NAMES:
            return DAY_NAMES.index(label)
        if label in ical:
            return ical[label]
        raise self.problem(field_name, "must be a day such as https://schema.org/Monday")

    def clock(self, value, field_name: str, required: bool = True) -> time | None:
        if value in (None, "") and not required:
            return None
        match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
        if not match:
            raise self.problem(field_name, "must be a time such as 18:30")
        return time(int(match[1]), int(match[2]))

    def dated_session(self) -> dict:
        start = self.moment("startDate")
        end = self.moment("endDate", required=False)
        if end is not None and end < start:
            raise self.problem("endDate", "is before startDate")
        places = self.data.get("remainingAttendeeCapacity")
        if places is not None and (isinstance(places, bool) or not isinstance(places, int) or places < 0):
            raise self.problem("remainingAttendeeCapacity", "must be a whole number, 0 or more")
        return {"weekday": start.weekday(), "start_time": start.time().replace(second=0, microsecond=0),
                "end_time": end.time().replace(second=0, microsecond=0) if end else None,
                "on_date": start.date(), "remaining_places": places}

    def moment(self, name: str, required: bool = True) -> datetime | None:
        value = self.data.get(name)
        if value in (None, "") and not required:
            return None
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise self.problem(name, "must be a date and time such as 2026-12-12T10:00:00Z") from None
        if timezone.is_naive(moment):
            raise self.problem(name, "must include a time zone (Z or +00:00)")
        return timezone.localtime(moment)


def describe_day(weekday: int, on: date | None) -> str:
    return f"{DAY_NAMES[weekday]} {on:%-d %B}" if on else f"Every {DAY_NAMES[weekday]}"
