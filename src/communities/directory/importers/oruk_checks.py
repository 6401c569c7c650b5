"""Checks of an ORUK feed that the ORUK schema cannot make, run before anything is written (issue #12).

1. Web addresses: every url-like field (``url``, ``website``, ``uri``, ``logo``, ``term_uri``, ``schedule_link``,
   at any depth) must be blank or start http:// or https:// — a ``javascript:`` or ``data:`` link would otherwise be
   stored and shown as a link on Find help.
2. Nested ids: ORUK records keep the feed's ids. Re-importing a service deletes and recreates its own schedules,
   phones, contacts… (and a location its own addresses…), so an id is safe when the row that has it today belongs to
   the same owner. An id held by another service, location or organisation, or used twice in the feed under
   different owners, would stop the import with a database error or move another listing's record: each one is
   reported with the record and field instead.
"""

from __future__ import annotations

import urllib.parse

from ..models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    DirectoryOrganisation,
    Funding,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from . import Problem

URL_FIELDS = frozenset({"url", "website", "uri", "logo", "term_uri", "schedule_link", "openapi_url", "profile"})
WEB_ONLY = "must be a web address starting http:// or https://"


def url_problems(data, where: str, label: str, path: str = "") -> list[Problem]:
    """Every url-like field anywhere in ``data`` that is not blank and not an http(s) address."""
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}" if path else str(key)
            if key in URL_FIELDS and isinstance(value, str) and value.strip() and not _is_web(value):
                problems.append(Problem(where, label, here, WEB_ONLY))
            elif isinstance(value, dict | list):
                problems.extend(url_problems(value, where, label, here))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            problems.extend(url_problems(item, where, label, f"{path}.{index}"))
    return problems


def _is_web(value: str) -> bool:
    parts = urllib.parse.urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and value == value.strip()


# --- nested ids -------------------------------------------------------------------------------------------------

def _service_children(data: dict, service: str):
    """(model, id, field path, owner) for each record that a re-import of the service deletes and recreates."""
    owner = ("service", service)
    for index, s in enumerate(data.get("schedules") or []):
        yield Schedule, s, f"schedules.{index}", owner
    yield from _phones(data.get("phones"), "phones", owner)
    for index, c in enumerate(data.get("contacts") or []):
        yield Contact, c, f"contacts.{index}", owner
        yield from _phones(c.get("phones") if isinstance(c, dict) else None, f"contacts.{index}.phones", owner)
    for key, model in (("cost_options", CostOption), ("languages", Language), ("service_areas", ServiceArea),
                       ("funding", Funding), ("attributes", Attribute)):
        for index, item in enumerate(data.get(key) or []):
            yield model, item, f"{key}.{index}", owner
    for index, sal in enumerate(data.get("service_at_locations") or []):
        if not isinstance(sal, dict):
            continue
        yield ServiceAtLocation, sal, f"service_at_locations.{index}", owner
        for number, s in enumerate(sal.get("schedules") or []):
            yield Schedule, s, f"service_at_locations.{index}.schedules.{number}", owner


def _phones(items, path: str, owner):
    for index, phone in enumerate(items or []):
        yield Phone, phone, f"{path}.{index}", owner
        for number, lang in enumerate((phone.get("languages") if isinstance(phone, dict) else None) or []):
            yield Language, lang, f"{path}.{index}.languages.{number}", owner


def _location_records(location: dict, path: str, organisation: str):
    yield Location, location, path, ("organisation", organisation)
    owner = ("location", str(location["id"]))
    for key, model in (("addresses", Address), ("accessibility", Accessibility), ("attributes", Attribute),
                       ("schedules", Schedule)):
        for index, item in enumerate(location.get(key) or []):
            yield model, item, f"{path}.{key}.{index}", owner
    yield from _phones(location.get("phones"), f"{path}.phones", owner)


def _records(data: dict):
    """(model, id, path, owner, occurrence) for every nested record of one full service."""
    service = str(data["id"])
    organisation = str((data.get("organization") or {}).get("id") or data.get("organization_id") or "")
    for model, item, path, owner in _service_children(data, service):
        if isinstance(item, dict) and item.get("id"):
            yield model, str(item["id"]), f"{path}.id", owner, service
    for index, sal in enumerate(data.get("service_at_locations") or []):
        location = sal.get("location") if isinstance(sal, dict) else None
        if not isinstance(location, dict) or not location.get("id"):
            continue
        occurrence = f"{service}/{index}"  # a location met again is rewritten in full: its ids may repeat
        for model, item, path, owner in _location_records(location, f"service_at_locations.{index}.location",
                                                          organisation):
            if isinstance(item, dict) and item.get("id"):
                yield model, str(item["id"]), f"{path}.id", owner, occurrence


def collisions(services: list[tuple[str, dict]], where: str) -> list[Problem]:
    """Nested ids used twice in the feed under different owners, or already held by another owner's record."""
    problems, first = [], {}
    for label, data in services:
        if not isinstance(data, dict) or not data.get("id"):
            continue
        for model, ident, path, owner, occurrence in _records(data):
            key = (model, ident)
            if key not in first:
                first[key] = (owner, occurrence, label)
                continue
            seen_owner, seen_occurrence, seen_label = first[key]
            if seen_owner != owner or (seen_occurrence == occurrence and model is not Location):
                problems.append(Problem(where, label, path, f"{_noun(model)} id '{ident}' is also used by "
                                                            f"{_short(seen_label)} for another record"))
    problems.extend(_held_elsewhere(services, first, where))
    return problems


def _held_elsewhere(services, first: dict, where: str) -> list[Problem]:
    by_model: dict = {}
    for (model, ident), (owner, _occurrence, label) in first.items():
        by_model.setdefault(model, {})[ident] = (owner, label)
    paths = _paths(services)
    problems = []
    for model, wanted in by_model.items():
        for row in _existing(model, list(wanted)):
            owner, label = wanted[str(row.pk)]
            held_by = _owner_of(row)
            if held_by != owner:
                problems.append(Problem(where, label, paths[(model, str(row.pk))],
                                        f"{_noun(model)} id '{row.pk}' already belongs to {_describe(held_by)}"))
    return problems


def _paths(services) -> dict:
    paths = {}
    for _label, data in services:
        if isinstance(data, dict) and data.get("id"):
            for model, ident, path, _owner, _occurrence in _records(data):
                paths.setdefault((model, ident), path)
    return paths


def _existing(model, ids: list[str]):
    related = {Phone: ["contact"], Language: ["phone__contact"], Schedule: ["service_at_location"]}.get(model, [])
    return model.objects.filter(pk__in=ids).select_related(*related)


def _owner_of(row) -> tuple[str, str] | None:
    """Who a stored record belongs to, in the same terms as the feed's owners."""
    if isinstance(row, Location):
        return ("organisation", str(row.organization_id)) if row.organization_id else None
    if isinstance(row, ServiceAtLocation):
        return ("service", str(row.service_id))
    if isinstance(row, Language) and row.phone_id and not (row.location_id or row.service_id):
        return _owner_of(row.phone)
    if getattr(row, "location_id", None):
        return ("location", str(row.location_id))
    if getattr(row, "service_id", None):
        return ("service", str(row.service_id))
    if isinstance(row, Phone) and row.contact_id and row.contact.service_id:
        return ("service", str(row.contact.service_id))
    if isinstance(row, Schedule) and row.service_at_location_id:
        return ("service", str(row.service_at_location.service_id))
    return None


def _describe(owner) -> str:
    if owner is None:
        return "another listing's record"
    kind, ident = owner
    if kind == "organisation":
        name = DirectoryOrganisation.objects.filter(pk=ident).values_list("name", flat=True).first()
        return f"another organisation's listing ('{name}')"
    if kind == "location":
        name = Location.objects.filter(pk=ident).values_list("name", flat=True).first()
        return f"another listing (location '{name}')"
    name = Service.objects.filter(pk=ident).values_list("name", flat=True).first()
    return f"another listing (service '{name}')"


def _noun(model) -> str:
    return str(model._meta.verbose_name)


def _short(label: str) -> str:
    """"page 2, record 1" from "https://…/services/<id> (page 2, record 1)"."""
    return label.rsplit("(", 1)[-1].rstrip(")") if "(" in label else label
