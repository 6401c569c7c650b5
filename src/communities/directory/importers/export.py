"""Exports: the directory CSV (formula injection neutralised) in the same format the CSV importer reads."""

from __future__ import annotations

from collections.abc import Iterator

from communities.core.csvsafe import csv_lines, safe_row

from ..models import Service
from ..services.document import document_for
from ..services.taxonomy import DEFAULT_TAXONOMY_ID
from .csv_format import COLUMNS


def _row(service: Service) -> list:
    doc = document_for(service)
    codes = sorted(
        a.taxonomy_term.code for a in service.attributes.all()
        if a.taxonomy_term.taxonomy_id == DEFAULT_TAXONOMY_ID and a.taxonomy_term.code
    )
    location = next((sal.location for sal in service.service_at_locations.all()), None)
    values = {
        "service_id": service.pk, "organisation_id": service.organization_id,
        "organisation_name": service.organization.name, "name": service.name, "description": service.description,
        "status": service.status, "url": service.url, "email": service.email, "phone": doc["phone"],
        "is_free": "yes" if service.is_free else "no", "fees": service.fees_description,
        "minimum_age": service.minimum_age, "maximum_age": service.maximum_age,
        "eligibility": service.eligibility_description, "categories": ";".join(codes),
        "opening_times": "; ".join(doc["opening_times"].splitlines()), "location_name": doc["location_name"],
        "address_1": doc["address_1"], "city": doc["city"], "postal_code": doc["postal_code"],
        "latitude": location.latitude if location else None, "longitude": location.longitude if location else None,
        "transportation": doc["transportation"], "accessibility": doc["accessibility"],
        "assured_date": service.assured_date.isoformat() if service.assured_date else "",
    }
    return safe_row(values[c] for c in COLUMNS)


def csv_rows(queryset) -> Iterator[list]:
    yield COLUMNS
    queryset = queryset.select_related("organization").prefetch_related(
        "attributes__taxonomy_term", "service_at_locations__location", "phones", "schedules",
    ).order_by("name", "id")
    for service in queryset.iterator(chunk_size=500):
        yield _row(service)


def csv_stream(queryset) -> Iterator[str]:
    return csv_lines(csv_rows(queryset))
