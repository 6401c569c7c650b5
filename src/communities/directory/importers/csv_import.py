"""Import the directory CSV format (see csv_format.py). All rows are checked first; then one transaction."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.uploads import ErrorReport, Limits, UploadRefused, check_rows
from communities.places.geo import PostcodeError, normalise_postcode

from ..models import DirectoryOrganisation, Location, Service, ServiceStatus, TaxonomyTerm
from ..services import opening_times
from ..services.document import apply_document
from ..services.taxonomy import DEFAULT_TAXONOMY_ID
from . import ImportFailed, ImportResult, Problem
from .csv_format import COLUMNS, REQUIRED

NAMESPACE = uuid.UUID("0b7f6a52-8d3e-4f0c-9e61-5a2f3c4d1e77")
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024  # the upload form's limit (directory/forms.py ImportForm)
_email, _url = EmailValidator(), URLValidator(schemes=["http", "https"])


def derived_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "|".join(p.strip().lower() for p in parts))


def _terms() -> dict[str, str]:
    lookup = {}
    for term in TaxonomyTerm.objects.filter(taxonomy_id=DEFAULT_TAXONOMY_ID):
        lookup[term.code.lower()] = str(term.id)
        lookup[term.name.lower()] = str(term.id)
    return lookup


def limits() -> Limits:
    """What the import page states and enforces (read when used, so a test can lower MAX_ROWS)."""
    return Limits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS)


def _check_row(row: dict, line: str, where: str, terms: dict, problems: ErrorReport) -> dict | None:
    def bad(column, message):
        problems.add(Problem(where, line, column, message))

    before = problems.total
    for column in REQUIRED:
        if not (row.get(column) or "").strip():
            bad(column, "is required")
    out = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for column in ("service_id", "organisation_id"):
        if out[column]:
            try:
                out[column] = str(uuid.UUID(out[column]))
            except ValueError:
                bad(column, "must be a UUID or blank")
    if out["status"] and out["status"] not in ServiceStatus.values:
        bad("status", f"must be one of: {', '.join(ServiceStatus.values)}")
    if out["email"]:
        try:
            _email(out["email"])
        except ValidationError:
            bad("email", "is not a valid email address")
    if out["url"]:
        try:
            _url(out["url"])
        except ValidationError:
            bad("url", "must be a web address starting http:// or https://")
    if out["is_free"].lower() not in ("", "yes", "no", "true", "false", "y", "n"):
        bad("is_free", "must be yes or no")
    for column in ("minimum_age", "maximum_age"):
        if out[column] and (not out[column].isdigit() or int(out[column]) > 120):
            bad(column, "must be a whole number from 0 to 120")
    for column, low, high in (("latitude", 49.0, 61.0), ("longitude", -9.0, 2.5)):
        if out[column]:
            try:
                value = float(out[column])
                if not low <= value <= high:
                    raise ValueError
            except ValueError:
                bad(column, f"must be a number between {low} and {high} (UK decimal degrees)")
    if out["postal_code"]:
        try:
            out["postal_code"] = normalise_postcode(out["postal_code"])
        except PostcodeError as exc:
            bad("postal_code", str(exc))
    if out["assured_date"]:
        try:
            date.fromisoformat(out["assured_date"])
        except ValueError:
            bad("assured_date", "must be a date written YYYY-MM-DD")
    categories = []
    for code in (c.strip().lower() for c in out["categories"].split(";")):
        if not code:
            continue
        if code not in terms:
            bad("categories", f"'{code}' is not a term code or name in the default taxonomy")
        else:
            categories.append(terms[code])
    out["category_ids"] = sorted(set(categories))
    out["opening_times"] = "\n".join(s.strip() for s in out["opening_times"].split(";") if s.strip())
    try:
        opening_times.parse(out["opening_times"])
    except opening_times.OpeningTimesError as exc:
        bad("opening_times", str(exc).replace("Line", "Session"))
    return out if problems.total == before else None


def read_rows(text: str, where: str) -> list[dict]:
    try:
        check_rows(text, limits())  # before any row is checked
    except UploadRefused as exc:
        raise ImportFailed([Problem(where, "file", "", str(exc))]) from exc
    problems = ErrorReport()
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing:
        if unknown:
            problems.add(Problem(where, "line 1", unknown[0], f"unknown column(s): {', '.join(unknown)}"))
        if missing:
            problems.add(Problem(where, "line 1", missing[0], f"missing column(s): {', '.join(missing)}"))
        raise ImportFailed(problems)
    terms = _terms()
    rows, seen = [], {}
    for row in reader:
        line = f"line {reader.line_num}"
        if None in row:
            problems.add(Problem(where, line, "", "has more cells than the header"))
            continue
        checked = _check_row(row, line, where, terms, problems)
        if checked is None:
            continue
        checked["service_id"] = checked["service_id"] or str(
            derived_id(checked["organisation_name"], checked["name"]))
        if checked["service_id"] in seen:
            problems.add(Problem(where, line, "service_id", f"the same service as {seen[checked['service_id']]}"))
            continue
        seen[checked["service_id"]] = line
        checked["line"] = line
        rows.append(checked)
    if problems:
        raise ImportFailed(problems)
    return rows


def _write_row(row: dict, where: str, result: ImportResult, orgs: dict) -> Service:
    org_id = row["organisation_id"] or str(derived_id(row["organisation_name"]))
    if org_id not in orgs:
        org, created = DirectoryOrganisation.objects.update_or_create(
            id=org_id, defaults={"name": row["organisation_name"], "source": where, "last_modified": timezone.now()},
        )
        if created:
            org.description = ""
        orgs[org_id] = org
        result.organisations += 1
    service = Service.objects.filter(pk=row["service_id"]).first()
    if service is None:
        service = Service(id=row["service_id"], organization=orgs[org_id], name=row["name"], source=where)
        service.save()
        result.created += 1
    else:
        service.organization = orgs[org_id]
        result.updated += 1
    service.source = where
    doc = {
        "name": row["name"], "description": row["description"], "status": row["status"] or ServiceStatus.ACTIVE,
        "alert": service.alert, "url": row["url"], "email": row["email"], "phone": row["phone"],
        "is_free": row["is_free"].lower() in ("yes", "true", "y"), "fees_description": row["fees"],
        "minimum_age": int(row["minimum_age"]) if row["minimum_age"] else None,
        "maximum_age": int(row["maximum_age"]) if row["maximum_age"] else None,
        "eligibility_description": row["eligibility"], "categories": row["category_ids"],
        "opening_times": row["opening_times"], "location_name": row["location_name"],
        "address_1": row["address_1"], "city": row["city"], "postal_code": row["postal_code"],
        "transportation": row["transportation"], "accessibility": row["accessibility"],
    }
    apply_document(service, doc)
    if row["latitude"] and row["longitude"]:
        Location.objects.filter(service_at_locations__service=service).update(
            latitude=float(row["latitude"]), longitude=float(row["longitude"]))
    service.assured_date = date.fromisoformat(row["assured_date"]) if row["assured_date"] else service.assured_date
    service.last_modified = timezone.now()
    service.save()
    return service


def import_csv(text: str, *, where: str, actor=None, request=None) -> ImportResult:
    rows = read_rows(text, where)
    result = ImportResult()
    with transaction.atomic():
        orgs: dict = {}
        for row in rows:
            _write_row(row, where, result, orgs)
        record(actor=actor, action=Action.CREATE, object_type="directory.Import", object_id=where[:64],
               fields={"created": result.created, "updated": result.updated, "file": where}, request=request,
               reason="" if actor else "directory CSV import (management command)")
    return result
