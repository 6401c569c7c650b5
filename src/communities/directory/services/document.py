"""A listing as one editable document: what VCSE workers change, what versions keep and what the diff compares."""

from __future__ import annotations

from django.db.models import Q

from communities.places.geo import PostcodeError
from communities.places.services import PlaceNotFound, locate

from ..models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from . import opening_times, public_cache
from .taxonomy import DEFAULT_TAXONOMY_ID

# (key, label) in the order the diff view shows them.
FIELDS: list[tuple[str, str]] = [
    ("name", "Name"),
    ("description", "Description"),
    ("status", "Status"),
    ("alert", "Alert shown at the top"),
    ("url", "Website"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("is_free", "Free to use"),
    ("fees_description", "Cost details"),
    ("minimum_age", "Youngest age"),
    ("maximum_age", "Oldest age"),
    ("eligibility_description", "Who it is for"),
    ("categories", "Categories"),
    ("opening_times", "Opening times"),
    ("location_name", "Venue"),
    ("address_1", "Address"),
    ("city", "Town"),
    ("postal_code", "Postcode"),
    ("transportation", "How to get there"),
    ("accessibility", "Accessibility"),
]
LABELS = dict(FIELDS)
_SERVICE_FIELDS = [
    "name", "description", "status", "alert", "url", "email", "is_free", "fees_description", "minimum_age",
    "maximum_age", "eligibility_description",
]


def _main_location(service: Service) -> Location | None:
    sal = service.service_at_locations.select_related("location").order_by("id").first()
    return sal.location if sal else None


def document_for(service: Service) -> dict:
    doc = {name: getattr(service, name) for name in _SERVICE_FIELDS}
    phone = service.phones.order_by("id").first()
    doc["phone"] = phone.number if phone else ""
    doc["categories"] = sorted(
        str(t) for t in service.attributes.filter(taxonomy_term__taxonomy_id=DEFAULT_TAXONOMY_ID)
        .values_list("taxonomy_term_id", flat=True)
    )
    lines = [opening_times.format_schedule(s) for s in service.schedules.filter(freq__in=["WEEKLY", "MONTHLY"])]
    doc["opening_times"] = "\n".join(sorted(line for line in lines if line))
    location = _main_location(service)
    address = location.addresses.order_by("id").first() if location else None
    access = location.accessibility.order_by("id").first() if location else None
    doc.update(
        location_name=location.name if location else "",
        transportation=location.transportation if location else "",
        address_1=address.address_1 if address else "",
        city=address.city if address else "",
        postal_code=address.postal_code if address else "",
        accessibility=access.description if access else "",
    )
    return doc


def _apply_schedules(service: Service, text: str) -> None:
    sessions = opening_times.parse(text)
    # Sessions the notation can express are replaced; anything else (imported detail) is kept as it was.
    expressible = [s.pk for s in service.schedules.all() if opening_times.format_schedule(s)]
    Schedule.objects.filter(pk__in=expressible).delete()
    Schedule.objects.bulk_create(
        Schedule(
            service=service, freq=s.freq, interval=1, byday=s.byday, opens_at=s.opens_at, closes_at=s.closes_at,
            notes=s.notes, description=opening_times.describe_schedule(
                Schedule(freq=s.freq, byday=s.byday, opens_at=s.opens_at, closes_at=s.closes_at)
            ),
        )
        for s in sessions
    )
    public_cache.bump()  # bulk_create sends no signals


def _apply_location(service: Service, doc: dict) -> None:
    location = _main_location(service)
    wanted = any(doc.get(k) for k in ("location_name", "address_1", "postal_code"))
    if location is None and not wanted:
        return
    if location is None:
        location = Location.objects.create(organization=service.organization, location_type=Location.Type.PHYSICAL)
        ServiceAtLocation.objects.create(service=service, location=location)
    location.name = doc.get("location_name", "")
    location.transportation = doc.get("transportation", "")
    postcode = (doc.get("postal_code") or "").strip()
    if postcode:
        try:
            place = locate(postcode)
        except (PostcodeError, PlaceNotFound):
            # A postcode outside the council's area (services just over the border) is kept as written; the
            # location keeps any coordinates it already has and is listed last when results are sorted by distance.
            place = None
        if place is not None:
            location.latitude, location.longitude = place.latitude, place.longitude
    location.save()
    address = location.addresses.order_by("id").first()
    if doc.get("address_1") or postcode:
        address = address or Address(location=location, state_province="", country="GB")
        address.address_1 = doc.get("address_1", "")
        address.city = doc.get("city", "")
        address.postal_code = postcode
        address.state_province = address.state_province or address.city
        address.save()
    access = location.accessibility.order_by("id").first()
    if doc.get("accessibility"):
        access = access or Accessibility(location=location)
        access.description = doc["accessibility"]
        access.save()
    elif access:
        access.delete()


def apply_document(service: Service, doc: dict) -> None:
    """Write the document onto the service and its related rows (the caller holds the transaction)."""
    was_free = service.is_free
    for name in _SERVICE_FIELDS:
        if name in doc:
            setattr(service, name, doc[name])
    service.save()
    phone = service.phones.order_by("id").first()
    if doc.get("phone"):
        phone = phone or Phone(service=service)
        phone.number = doc["phone"]
        phone.save()
    elif phone:
        phone.delete()
    if service.is_free and not was_free:
        service.cost_options.all().delete()
        CostOption.objects.create(service=service, option="Free", amount=0, currency="GBP")
    elif not service.is_free and was_free:
        service.cost_options.filter(Q(amount=0) | Q(amount__isnull=True)).delete()
    wanted = set(doc.get("categories", []))
    current = service.attributes.filter(taxonomy_term__taxonomy_id=DEFAULT_TAXONOMY_ID)
    current.exclude(taxonomy_term_id__in=wanted).delete()
    have = {str(t) for t in current.values_list("taxonomy_term_id", flat=True)}
    for term in TaxonomyTerm.objects.filter(pk__in=wanted - have):
        Attribute.objects.create(taxonomy_term=term, service=service, link_type="category")
    _apply_schedules(service, doc.get("opening_times", ""))
    _apply_location(service, doc)


def term_names(ids) -> list[str]:
    names = dict(TaxonomyTerm.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
    return sorted(names.get(_uuid(i), str(i)) for i in ids)


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return value


def display(key: str, value) -> str:
    if key == "categories":
        return ", ".join(term_names(value or []))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None or value == "":
        return "(blank)"
    return str(value)


def diff(before: dict, after: dict) -> list[dict]:
    """Changed fields, in form order, with readable before and after values."""
    rows = []
    for key, label in FIELDS:
        old, new = before.get(key), after.get(key)
        if (old or None) != (new or None) and not (old in (None, "", []) and new in (None, "", [])):
            rows.append({"key": key, "label": label, "before": display(key, old), "after": display(key, new)})
    return rows
