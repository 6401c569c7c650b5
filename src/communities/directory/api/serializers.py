"""HSDS 3.0 / ORUK 3.0 JSON for each entity. Empty optional fields are left out, as ORUK asks; required ones stay."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from django.db.models import Prefetch

from ..models import (
    Attribute,
    DirectoryOrganisation,
    Location,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)


def _clean(data: dict, required: tuple[str, ...] = ("id",)) -> dict:
    out = {}
    for key, value in data.items():
        if key in required:
            out[key] = "" if value is None else value
        elif value is None or value == "" or value == []:
            continue
        else:
            out[key] = value
    return out


def _s(value) -> str | None:
    return None if value is None else str(value)


def _when(value) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def taxonomy_term(term: TaxonomyTerm, *, with_taxonomy_name: bool = True) -> dict:
    return _clean(
        {
            "id": str(term.id), "name": term.name, "description": term.description, "parent_id": _s(term.parent_id),
            "taxonomy": term.taxonomy.name if with_taxonomy_name and term.taxonomy_id else None,
            "taxonomy_id": _s(term.taxonomy_id), "term_uri": term.term_uri or None, "term": term.code,
            "language": term.language,
        },
        required=("id", "name", "description"),
    )


def taxonomy(tax, *, terms=None) -> dict:
    data = {"id": str(tax.id), "name": tax.name, "description": tax.description, "uri": tax.uri,
            "version": tax.version}
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term(t) for t in terms]
    return _clean(data, required=("id", "name", "description"))


def attribute(attr) -> dict:
    return _clean(
        {
            "id": str(attr.id), "link_id": _s(attr.link_id), "link_type": attr.link_type,
            "link_entity": attr.link_entity, "taxonomy_term_id": str(attr.taxonomy_term_id),
            "label": attr.label, "value": attr.value, "taxonomy_term": taxonomy_term(attr.taxonomy_term),
        }
    )


def organization(org: DirectoryOrganisation, *, full: bool = False, services=None) -> dict:
    data = {
        "id": str(org.id), "name": org.name, "alternate_name": org.alternate_name, "description": org.description,
        "email": org.email, "website": org.website, "uri": org.uri, "logo": org.logo,
        "parent_organization_id": _s(org.parent_id),
    }
    if full:
        data["organization_identifiers"] = [
            _clean({"id": str(i.id), "organization_id": str(org.id), "identifier_scheme": i.identifier_scheme,
                    "identifier_type": i.identifier_type, "identifier": i.identifier},
                   required=("id", "identifier_type", "identifier"))
            for i in org.identifiers.all()
        ]
        data["attributes"] = [attribute(a) for a in org.attributes.all()]
        data["phones"] = [phone(p) for p in org.phones.all()]
    if services is not None:
        data["services"] = services
    return _clean(data, required=("id", "name", "description"))


def phone(p) -> dict:
    return _clean(
        {
            "id": str(p.id), "service_id": _s(p.service_id), "location_id": _s(p.location_id),
            "contact_id": _s(p.contact_id), "number": p.number, "extension": p.extension, "type": p.type,
            "description": p.description, "languages": [language(x) for x in p.languages.all()],
        },
        required=("id", "number"),
    )


def language(x) -> dict:
    return _clean({"id": str(x.id), "service_id": _s(x.service_id), "location_id": _s(x.location_id),
                   "phone_id": _s(x.phone_id), "name": x.name, "code": x.code, "note": x.note})


def schedule(s) -> dict:
    return _clean(
        {
            "id": str(s.id), "service_id": _s(s.service_id), "service_at_location_id": _s(s.service_at_location_id),
            "location_id": _s(s.location_id),
            "valid_from": _s(s.valid_from), "valid_to": _s(s.valid_to), "dtstart": _s(s.dtstart),
            "timezone": s.timezone, "until": _s(s.until), "count": s.count, "wkst": s.wkst,
            "freq": s.freq, "interval": s.interval, "byday": s.byday, "byweekno": s.byweekno,
            "bymonthday": s.bymonthday, "byyearday": s.byyearday, "description": s.description,
            "opens_at": s.opens_at.strftime("%H:%M:%S") if s.opens_at else None,
            "closes_at": s.closes_at.strftime("%H:%M:%S") if s.closes_at else None,
            "schedule_link": s.schedule_link, "attending_type": s.attending_type, "notes": s.notes,
        }
    )


def address(a) -> dict:
    return _clean(
        {
            "id": str(a.id), "location_id": str(a.location_id), "attention": a.attention, "address_1": a.address_1,
            "address_2": a.address_2, "city": a.city, "region": a.region, "state_province": a.state_province,
            "postal_code": a.postal_code, "country": a.country, "address_type": a.address_type,
        },
        required=("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
    )


def location(loc: Location) -> dict:
    return _clean(
        {
            "id": str(loc.id), "location_type": loc.location_type, "url": loc.url,
            "organization_id": _s(loc.organization_id), "name": loc.name, "alternate_name": loc.alternate_name,
            "description": loc.description, "transportation": loc.transportation, "latitude": loc.latitude,
            "longitude": loc.longitude, "external_identifier": loc.external_identifier,
            "external_identifier_type": loc.external_identifier_type,
            "addresses": [address(a) for a in loc.addresses.all()],
            "phones": [phone(p) for p in loc.phones.all()],
            "schedules": [schedule(s) for s in loc.schedules.all()],
            "languages": [language(x) for x in loc.languages.all()],
            "accessibility": [
                _clean({"id": str(x.id), "location_id": str(loc.id), "description": x.description,
                        "details": x.details, "url": x.url})
                for x in loc.accessibility.all()
            ],
            "attributes": [attribute(a) for a in loc.attributes.all()],
        },
        required=("id", "location_type"),
    )


def service_basic(svc: Service) -> dict:
    return {
        "id": str(svc.id), "organization_id": str(svc.organization_id), "name": svc.name,
        "alternate_name": svc.alternate_name, "description": svc.description, "url": svc.url, "email": svc.email,
        "status": svc.status, "interpretation_services": svc.interpretation_services,
        "application_process": svc.application_process, "fees_description": svc.fees_description,
        "fees": svc.fees_description, "accreditations": svc.accreditations,
        "eligibility_description": svc.eligibility_description,
        "minimum_age": svc.minimum_age, "maximum_age": svc.maximum_age,
        "assured_date": _s(svc.assured_date), "assurer_email": svc.assurer_email, "alert": svc.alert,
        "last_modified": _when(svc.last_modified),
    }


def service(svc: Service, *, full: bool, with_organization: bool = True, with_locations: bool = True) -> dict:
    data = service_basic(svc)
    if with_organization:
        data["organization"] = organization(svc.organization)
    if full:
        data.update(
            phones=[phone(p) for p in svc.phones.all()],
            schedules=[schedule(s) for s in svc.schedules.all()],
            service_areas=[
                _clean({"id": str(a.id), "service_id": str(svc.id), "name": a.name, "description": a.description,
                        "extent": a.extent, "extent_type": a.extent_type, "uri": a.uri})
                for a in svc.service_areas.all()
            ],
            languages=[language(x) for x in svc.languages.all()],
            funding=[
                _clean({"id": str(f.id), "service_id": str(svc.id), "source": f.source}) for f in svc.funding.all()
            ],
            cost_options=[
                _clean({"id": str(c.id), "service_id": str(svc.id), "valid_from": _s(c.valid_from),
                        "valid_to": _s(c.valid_to), "option": c.option, "amount": _number(c.amount),
                        "currency": c.currency, "amount_description": c.amount_description})
                for c in svc.cost_options.all()
            ],
            contacts=[
                _clean({"id": str(c.id), "service_id": _s(c.service_id), "organization_id": _s(c.organization_id),
                        "name": c.name, "title": c.title, "department": c.department, "email": c.email,
                        "phones": [phone(p) for p in c.phones.all()]})
                for c in svc.contacts.all()
            ],
            attributes=[attribute(a) for a in svc.attributes.all()],
        )
        if with_locations:
            data["service_at_locations"] = [
                service_at_location(sal, with_service=False) for sal in svc.service_at_locations.all()
            ]
    return _clean(data, required=("id", "name", "status"))


def service_at_location(sal: ServiceAtLocation, *, with_service: bool = True, full: bool = True) -> dict:
    data = {
        "id": str(sal.id), "service_id": str(sal.service_id), "location_id": str(sal.location_id),
        "description": sal.description, "location": location(sal.location),
        "schedules": [schedule(s) for s in sal.schedules.all()],
    }
    if with_service:
        data["service"] = service(sal.service, full=full, with_locations=False)
    return _clean(data)


# Prefetches so that a page of full records costs a fixed number of queries.
def _attributes(prefix: str = "") -> Prefetch:
    """Attributes with their term and taxonomy in one query (joined), not three."""
    return Prefetch(f"{prefix}attributes", queryset=Attribute.objects.select_related("taxonomy_term__taxonomy"))


_LOCATION = ["addresses", "phones__languages", "schedules", "languages", "accessibility"]
SERVICE_FULL = [
    "phones__languages", "schedules", "service_areas", "languages", "funding", "cost_options",
    "contacts__phones__languages", _attributes(),
    Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
        "schedules", *[f"location__{p}" for p in _LOCATION], _attributes("location__"))),
]
SAL_LOCATION = ["schedules", *[f"location__{p}" for p in _LOCATION], _attributes("location__")]
SAL_FULL = [*SAL_LOCATION, *[f"service__{p}" for p in SERVICE_FULL if isinstance(p, str)], _attributes("service__")]
ORG_FULL = ["identifiers", _attributes(), "phones__languages"]
