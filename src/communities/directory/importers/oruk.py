"""Import another ORUK 3.0 feed over HTTP: page through ``/services``, fetch each full service, check every record
against the official ORUK 3.0 schema, then write all of it in one transaction. Records keep the feed's ids, so a
re-import updates rather than duplicates."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from communities.audit.services import Action, record
from communities.core.uploads import ErrorReport

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
    Taxonomy,
    TaxonomyTerm,
)
from . import ImportFailed, ImportResult, Problem
from .oruk_checks import collisions, url_problems

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "api" / "oruk" / "schema"
PREFIX = "https://openreferraluk.org/specifications/3.0/schema/"
MAX_PAGES = 1000
TIMEOUT = 30


@cache
def _validator(name: str) -> Draft202012Validator:
    def retrieve(uri: str):
        return DRAFT202012.create_resource(json.loads((SCHEMA_DIR / uri.removeprefix(PREFIX)).read_text()))

    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text())
    return Draft202012Validator(schema, registry=Registry(retrieve=retrieve),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_problems(name: str, data, where: str, record_label: str) -> list[Problem]:
    problems = []
    for error in sorted(_validator(name).iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(p) for p in error.absolute_path) or (
            error.message.split("'")[1] if error.validator == "required" else "(record)")
        problems.append(Problem(where, record_label, path, error.message))
    return problems


def fetch_json(url: str):
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"{url}: only http and https feeds are read")
    headers = {"Accept": "application/json", "User-Agent": "Communities/1.0"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked above)
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return json.loads(response.read().decode("utf-8"))


def fetch_feed(base_url: str, *, per_page: int = 100) -> tuple[list[tuple[str, dict]], list[Problem]]:
    """Every full service in the feed, labelled with where it came from."""
    base = base_url.rstrip("/")
    if urllib.parse.urlsplit(base).scheme not in ("http", "https"):
        raise ImportFailed([Problem(base_url, "feed", "url", "must start http:// or https://")])
    problems, services = [], []
    page = 1
    while page <= MAX_PAGES:
        url = f"{base}/services?page={page}&per_page={per_page}"
        try:
            body = fetch_json(url)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise ImportFailed([Problem(url, f"page {page}", "(response)", f"could not be read: {exc}")]) from exc
        contents = body.get("contents") if isinstance(body, dict) else None
        if not isinstance(contents, list):
            raise ImportFailed([Problem(url, f"page {page}", "contents", "is missing: not an ORUK page")])
        for index, item in enumerate(contents, start=1):
            label = f"page {page}, record {index}"
            sid = item.get("id") if isinstance(item, dict) else None
            if not sid:
                problems.append(Problem(url, label, "id", "is required"))
                continue
            try:
                full = fetch_json(f"{base}/services/{urllib.parse.quote(str(sid))}")
            except (urllib.error.URLError, OSError, ValueError) as exc:
                problems.append(Problem(f"{base}/services/{sid}", label, "(response)", f"could not be read: {exc}"))
                continue
            services.append((f"{base}/services/{sid} ({label})", full))
        if not contents or body.get("last_page") is True or (
            isinstance(body.get("total_pages"), int) and page >= body["total_pages"]
        ):
            break
        page += 1
    return services, problems


def _date(value) -> date | None:
    return parse_date(value) if isinstance(value, str) and value else None


def _time(value) -> time | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return time.fromisoformat(value[:8])
    except ValueError:
        return None


def _moment(value) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    parsed = parse_datetime(value)
    if parsed and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None and value != "" else None
    except InvalidOperation:
        return None


def _text(data: dict, key: str, limit: int | None = None) -> str:
    value = data.get(key)
    text = "" if value is None else str(value)
    return text[:limit] if limit else text


def _term(data: dict, source: str) -> TaxonomyTerm:
    taxonomy = None
    if data.get("taxonomy_id"):
        taxonomy, _ = Taxonomy.objects.get_or_create(
            id=data["taxonomy_id"],
            defaults={"name": _text(data, "taxonomy", 200) or "Imported taxonomy", "description": "", "source": source},
        )
    term, _ = TaxonomyTerm.objects.update_or_create(
        id=data["id"], defaults={
            "name": _text(data, "name", 200), "description": _text(data, "description"),
            "code": _text(data, "term", 100), "taxonomy": taxonomy, "term_uri": _text(data, "term_uri", 500),
            "source": source,
        },
    )
    return term


def _attributes(items, source: str, **link) -> None:
    for item in items or []:
        term_data = item.get("taxonomy_term") or ({"id": item["taxonomy_term_id"]} if item.get("taxonomy_term_id")
                                                 else None)
        if not term_data:
            continue
        term = _term(term_data, source) if term_data.get("name") else TaxonomyTerm.objects.filter(
            pk=term_data["id"]).first()
        if term:
            Attribute.objects.create(id=item["id"], taxonomy_term=term, label=_text(item, "label", 200),
                                     value=_text(item, "value", 500), link_type=_text(item, "link_type", 100), **link)


def _phones(items, **link) -> None:
    for item in items or []:
        phone = Phone.objects.create(id=item["id"], number=_text(item, "number", 50),
                                     extension=_text(item, "extension", 20), type=_text(item, "type", 20),
                                     description=_text(item, "description"), **link)
        for lang in item.get("languages") or []:
            Language.objects.create(id=lang["id"], phone=phone, name=_text(lang, "name", 100),
                                    code=_text(lang, "code", 20), note=_text(lang, "note"))


def _schedules(items, **link) -> None:
    for s in items or []:
        Schedule.objects.create(
            id=s["id"], valid_from=_date(s.get("valid_from")), valid_to=_date(s.get("valid_to")),
            dtstart=_date(s.get("dtstart")), timezone=_text(s, "timezone", 50), until=_date(s.get("until")),
            wkst=_text(s, "wkst", 2), freq=_text(s, "freq", 10),
            interval=int(s["interval"]) if isinstance(s.get("interval"), int | float) else None,
            byday=_text(s, "byday", 100), bymonthday=_text(s, "bymonthday", 100),
            description=_text(s, "description"), opens_at=_time(s.get("opens_at")),
            closes_at=_time(s.get("closes_at")), schedule_link=_text(s, "schedule_link", 500),
            attending_type=_text(s, "attending_type", 200), notes=_text(s, "notes"), **link,
        )


def _organisation(data: dict, source: str) -> DirectoryOrganisation:
    org, _ = DirectoryOrganisation.objects.update_or_create(
        id=data["id"], defaults={
            "name": _text(data, "name", 300), "description": _text(data, "description"),
            "email": _text(data, "email", 254), "website": _text(data, "website", 500), "uri": _text(data, "uri", 500),
            "logo": _text(data, "logo", 500), "source": source, "last_modified": timezone.now(),
        },
    )
    return org


def _location(data: dict, org, source: str) -> Location:
    location, _ = Location.objects.update_or_create(
        id=data["id"], defaults={
            "organization": org, "location_type": data.get("location_type") or "physical",
            "name": _text(data, "name", 300), "description": _text(data, "description"),
            "transportation": _text(data, "transportation"), "url": _text(data, "url", 500),
            "latitude": data.get("latitude") if isinstance(data.get("latitude"), int | float) else None,
            "longitude": data.get("longitude") if isinstance(data.get("longitude"), int | float) else None,
            "external_identifier": _text(data, "external_identifier", 100),
            "external_identifier_type": _text(data, "external_identifier_type", 50),
        },
    )
    for related in (location.addresses, location.accessibility, location.attributes, location.phones,
                    location.schedules, location.languages):
        related.all().delete()
    for a in data.get("addresses") or []:
        Address.objects.create(
            id=a["id"], location=location, attention=_text(a, "attention", 200), address_1=_text(a, "address_1", 200),
            address_2=_text(a, "address_2", 200), city=_text(a, "city", 100), region=_text(a, "region", 100),
            state_province=_text(a, "state_province", 100), postal_code=_text(a, "postal_code", 20),
            country=_text(a, "country", 2) or "GB", address_type=a.get("address_type") or "physical",
        )
    for x in data.get("accessibility") or []:
        Accessibility.objects.create(id=x["id"], location=location, description=_text(x, "description"),
                                     details=_text(x, "details"), url=_text(x, "url", 500))
    _attributes(data.get("attributes"), source, location=location)
    _phones(data.get("phones"), location=location)
    _schedules(data.get("schedules"), location=location)
    return location


def _write_service(data: dict, source: str, result: ImportResult, seen_orgs: set) -> None:
    org_data = data.get("organization") or {}
    org = _organisation(org_data, source) if org_data.get("id") else DirectoryOrganisation.objects.get(
        pk=data["organization_id"])
    if org.pk not in seen_orgs:
        seen_orgs.add(org.pk)
        result.organisations += 1
    existing = Service.objects.filter(pk=data["id"]).first()
    service = existing or Service(id=data["id"])
    service.organization = org
    for field, limit in (("name", 300), ("alternate_name", 300), ("url", 500), ("email", 254)):
        setattr(service, field, _text(data, field, limit))
    for field in ("description", "interpretation_services", "application_process", "accreditations",
                  "eligibility_description", "alert"):
        setattr(service, field, _text(data, field))
    service.status = data["status"]
    service.fees_description = _text(data, "fees") or _text(data, "fees_description")
    service.minimum_age = int(data["minimum_age"]) if isinstance(data.get("minimum_age"), int | float) else None
    service.maximum_age = int(data["maximum_age"]) if isinstance(data.get("maximum_age"), int | float) else None
    service.assured_date = _date(data.get("assured_date"))
    service.assurer_email = _text(data, "assurer_email", 254)
    service.last_modified = _moment(data.get("last_modified")) or timezone.now()
    service.source = source
    costs = data.get("cost_options") or []
    service.is_free = bool(costs) and all(_decimal(c.get("amount")) == Decimal(0) for c in costs)
    service.save()
    result.updated += 1 if existing else 0
    result.created += 0 if existing else 1
    for related in (service.schedules, service.phones, service.contacts, service.cost_options, service.languages,
                    service.service_areas, service.funding, service.attributes):
        related.all().delete()
    _schedules(data.get("schedules"), service=service)
    _phones(data.get("phones"), service=service)
    for c in data.get("contacts") or []:
        contact = Contact.objects.create(id=c["id"], service=service, name=_text(c, "name", 200),
                                         title=_text(c, "title", 200), department=_text(c, "department", 200),
                                         email=_text(c, "email", 254))
        _phones(c.get("phones"), contact=contact)
    for c in costs:
        CostOption.objects.create(id=c["id"], service=service, valid_from=_date(c.get("valid_from")),
                                  valid_to=_date(c.get("valid_to")), option=_text(c, "option", 200),
                                  amount=_decimal(c.get("amount")), currency=_text(c, "currency", 3),
                                  amount_description=_text(c, "amount_description"))
    for x in data.get("languages") or []:
        Language.objects.create(id=x["id"], service=service, name=_text(x, "name", 100), code=_text(x, "code", 20),
                                note=_text(x, "note"))
    for a in data.get("service_areas") or []:
        ServiceArea.objects.create(id=a["id"], service=service, name=_text(a, "name", 300),
                                   description=_text(a, "description"), extent=_text(a, "extent"),
                                   extent_type=_text(a, "extent_type", 20), uri=_text(a, "uri", 500))
    for f in data.get("funding") or []:
        Funding.objects.create(id=f["id"], service=service, source=_text(f, "source"))
    _attributes(data.get("attributes"), source, service=service)
    keep = []
    for sal in data.get("service_at_locations") or []:
        if not (sal.get("location") or {}).get("id"):
            continue
        location = _location(sal["location"], org, source)
        link, _ = ServiceAtLocation.objects.update_or_create(
            id=sal["id"], defaults={"service": service, "location": location, "description": _text(sal, "description")})
        link.schedules.all().delete()
        _schedules(sal.get("schedules"), service_at_location=link, service=service)
        keep.append(link.pk)
    service.service_at_locations.exclude(pk__in=keep).delete()


def check_feed(services: list[tuple[str, dict]], fetch_problems: list[Problem], base_url: str) -> ErrorReport:
    """Every problem with the fetched services, in one bounded report (core.uploads): the schema, duplicate
    services, web addresses, and nested ids that belong to another listing."""
    problems = ErrorReport()
    problems.extend(fetch_problems)
    seen = {}
    for label, data in services:
        problems.extend(schema_problems("service", data, base_url, label))
        problems.extend(url_problems(data, base_url, label))
        if isinstance(data, dict) and data.get("id"):
            if data["id"] in seen:
                problems.add(Problem(base_url, label, "id", f"the same id as {seen[data['id']]}"))
            seen[data["id"]] = label
            if not (data.get("organization") or {}).get("id") and not data.get("organization_id"):
                problems.add(Problem(base_url, label, "organization", "a service needs its organization"))
    if not problems:  # ids are only compared once every record has the shape the schema promises
        problems.extend(collisions(services, base_url))
    return problems


def import_feed(base_url: str, *, actor=None, request=None, per_page: int = 100) -> ImportResult:
    services, fetch_problems = fetch_feed(base_url, per_page=per_page)
    problems = check_feed(services, fetch_problems, base_url)
    if problems:
        raise ImportFailed(problems)
    result = ImportResult()
    source = base_url[:200]
    try:
        with transaction.atomic():
            orgs: set = set()
            for _label, data in services:
                _write_service(data, source, result, orgs)
            record(actor=actor, action=Action.CREATE, object_type="directory.Import", object_id=source[:64],
                   fields={"created": result.created, "updated": result.updated, "feed": source}, request=request,
                   reason="" if actor else "directory ORUK feed import (management command)")
    except IntegrityError as exc:  # a clash the checks above did not foresee: nothing was written
        raise ImportFailed([Problem(base_url, "feed", "(ids)", f"could not be saved, nothing was written: {exc}")]
                           ) from exc
    return result
