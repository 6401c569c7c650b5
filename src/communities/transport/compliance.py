"""Which driver checks a trip needs, and what stops a driver taking it (rules as data: data/compliance_rules.json).

``blockers(driver, vehicle, trip, on_date)`` is the contract the daily plan relies on: a list of plain-English
reasons, each naming the check, empty when the driver may take the trip. For many trips at once, load the checks
once with ``ComplianceBook.load(organisation, on_date)`` and ask ``book.blockers(...)`` (no further queries).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from .models import ComplianceItem, ComplianceKind, Driver, Trip, Vehicle

RULES_FILE = Path(__file__).parent / "data" / "compliance_rules.json"


@cache
def rules_data() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def regulated_purposes() -> frozenset[str]:
    return frozenset(rules_data()["regulated_purposes"]["purposes"])


def is_regulated(trip: Trip) -> bool:
    """Conveying an adult to or from health care, personal care or social work (see the rules file's source)."""
    return trip.purpose in regulated_purposes()


def rule_for(kind: str) -> dict:
    return next(rule for rule in rules_data()["rules"] if rule["kind"] == kind)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def years_on_road(vehicle: Vehicle, on_date: date) -> float:
    return (on_date - vehicle.first_registered).days / 365.25


def _needed(rule: dict, vehicle: Vehicle | None, trip: Trip, on_date: date) -> bool:
    if rule["needed_for"] == "regulated" and not is_regulated(trip):
        return False
    if rule["kind"] == ComplianceKind.MOT:
        return vehicle is not None and years_on_road(vehicle, on_date) > rule["vehicle_older_than_years"]
    return True


@dataclass
class ComplianceBook:
    """The checks of an organisation's drivers as they stood on one day, loaded once."""

    on_date: date
    by_driver: dict  # (driver_id, kind) -> [ComplianceItem]
    by_vehicle: dict  # vehicle_id -> [ComplianceItem] (MOTs)

    @classmethod
    def load(cls, organisation, on_date: date, drivers=None) -> ComplianceBook:
        items = ComplianceItem.objects.filter(driver__organisation=organisation, checked_on__lte=on_date)
        if drivers is not None:
            items = items.filter(driver__in=drivers)
        by_driver, by_vehicle = defaultdict(list), defaultdict(list)
        for item in items:
            by_driver[(item.driver_id, item.kind)].append(item)
            if item.vehicle_id:
                by_vehicle[item.vehicle_id].append(item)
        return cls(on_date, by_driver, by_vehicle)

    def _items(self, kind: str, driver: Driver, vehicle: Vehicle | None) -> list[ComplianceItem]:
        if kind == ComplianceKind.MOT:
            return [item for item in self.by_vehicle.get(vehicle.pk, []) if item.kind == kind]
        return self.by_driver.get((driver.pk, kind), [])

    def reason(self, kind: str, driver: Driver, vehicle: Vehicle | None, trip: Trip) -> str:
        """Why this check stops the trip, or "" when it does not."""
        rule = rule_for(kind)
        if not _needed(rule, vehicle, trip, self.on_date):
            return ""
        items = self._items(kind, driver, vehicle)
        if any(item.expires_on is None or item.expires_on >= self.on_date for item in items):
            return ""
        label = ComplianceKind(kind).label
        whose = f" for {vehicle.registration}" if kind == ComplianceKind.MOT else ""
        if items:
            expired = max(item.expires_on for item in items)
            return f"{label}{whose} expired on {long_date(expired)}: needed for {rule['needed_for_label']}"
        return f"No {label}{whose} recorded: needed for {rule['needed_for_label']}"

    def blockers(self, driver: Driver, vehicle: Vehicle | None, trip: Trip) -> list[str]:
        reasons = [self.reason(rule["kind"], driver, vehicle, trip) for rule in rules_data()["rules"]]
        if not driver.is_active:
            reasons.insert(0, f"{driver.name} is not an active driver")
        return [reason for reason in reasons if reason]


def blockers(driver: Driver, vehicle: Vehicle | None, trip: Trip, on_date: date) -> list[str]:
    """Plain-English reasons ``driver`` (in ``vehicle``) may not take ``trip`` on ``on_date``; empty if they may."""
    return ComplianceBook.load(driver.organisation_id and driver.organisation, on_date, drivers=[driver]).blockers(
        driver, vehicle, trip)
