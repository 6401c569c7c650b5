"""Organisations, services, locations and the entities hanging off them, after HSDS 3.0 and ORUK 3.0.

Field names follow the standard so the API serialiser and importers map one to one. A directory organisation may be
linked to a platform :class:`~communities.organisations.models.Organisation`, whose VCSE workers may then propose
changes to its services.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Replace, Upper
from django.utils import timezone


def _id():
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class DirectoryOrganisation(models.Model):
    id = _id()
    name = models.CharField(max_length=300)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, max_length=500)
    uri = models.URLField(blank=True, max_length=500)
    logo = models.URLField(blank=True, max_length=500)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    platform_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="directory_organisations",
        help_text="The platform organisation whose VCSE workers may propose changes to these services",
    )
    source = models.CharField(max_length=200, blank=True, help_text="Feed or file this record was imported from")
    last_modified = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["name"]
        db_table = "directory_organisation"

    def __str__(self) -> str:
        return self.name


class OrganisationIdentifier(models.Model):
    id = _id()
    organization = models.ForeignKey(DirectoryOrganisation, on_delete=models.CASCADE, related_name="identifiers")
    identifier_scheme = models.CharField(max_length=100, blank=True)
    identifier_type = models.CharField(max_length=100)
    identifier = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class ServiceQuerySet(models.QuerySet):
    def listed(self):
        """What the public sees: active and temporarily closed services (with their alert)."""
        return self.filter(status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED])

    def editable_by(self, user):
        """Directory editors may edit any listing; a VCSE worker only their current organisation's listings."""
        roles = getattr(user, "current_roles", frozenset())
        if "directory_editor" in roles:
            return self
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or "vcse_worker" not in roles:
            return self.none()
        return self.filter(organization__platform_organisation=organisation)

    def not_assured_since(self, cutoff):
        return self.filter(models.Q(assured_date__isnull=True) | models.Q(assured_date__lt=cutoff))


class Service(models.Model):
    id = _id()
    organization = models.ForeignKey(DirectoryOrganisation, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=300)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True, help_text="ORUK 'fees'")
    is_free = models.BooleanField(default=False, help_text="Free to use (kept in step with the cost options)")
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True, help_text="When someone last checked this listing")
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Feed or file this record was imported from")
    last_modified = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    # What full-text search reads (kept by services/search_index.py, never edited by hand): the words a resident is
    # most likely to mean (name, other name, category names), then the rest (description, who it is for, the
    # organisation). PostgreSQL indexes them with a GIN index on their tsvector; SQLite copies them into FTS5.
    search_title = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["last_modified"]),
            models.Index(fields=["assured_date"]),
            models.Index(fields=["is_free", "status"]),
            models.Index(fields=["organization", "status"]),
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    class Type(models.TextChoices):
        PHYSICAL = "physical", "Physical"
        POSTAL = "postal", "Postal"
        VIRTUAL = "virtual", "Virtual"

    id = _id()
    organization = models.ForeignKey(
        DirectoryOrganisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations"
    )
    location_type = models.CharField(max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    url = models.URLField(blank=True, max_length=500)
    name = models.CharField(max_length=300, blank=True)
    alternate_name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True, help_text="How to get there")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(max_length=200)
    address_2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=20)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=10, choices=Location.Type.choices, default=Location.Type.PHYSICAL)

    class Meta:
        ordering = ["address_1"]

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city} {self.postal_code}"


class Accessibility(models.Model):
    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        ordering = ["description"]
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description or str(self.id)


class ServiceAtLocation(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["service__name", "id"]
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="directory_sal_unique")]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class Schedule(models.Model):
    """RFC 5545-style recurrence as HSDS 3.0 has it: freq WEEKLY/MONTHLY, byday ``MO,SA`` or ``1SA``, times."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", "Weekly"
        MONTHLY = "MONTHLY", "Monthly"

    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.CharField(max_length=50, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=100, blank=True)
    byweekno = models.CharField(max_length=100, blank=True)
    bymonthday = models.CharField(max_length=100, blank=True)
    byyearday = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(blank=True, max_length=500)
    attending_type = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    # ",SA,1SA," from byday: kept by the database (a stored generated column, so bulk writes keep it too), so the day
    # filter is a plain comparison the planner has statistics for (ADR 0012) instead of an expression over byday.
    day_list = models.GeneratedField(
        expression=Concat(Value(","), Upper(Replace("byday", Value(" "), Value(""))), Value(",")),
        output_field=models.CharField(max_length=110), db_persist=True,
    )

    class Meta:
        ordering = ["opens_at", "id"]
        indexes = [models.Index(fields=["service", "opens_at", "closes_at"])]

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday} {self.opens_at}-{self.closes_at}"


class Contact(models.Model):
    id = _id()
    organization = models.ForeignKey(
        DirectoryOrganisation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(models.Model):
    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    organization = models.ForeignKey(
        DirectoryOrganisation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=50)
    extension = models.CharField(max_length=20, blank=True)
    type = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number", "id"]

    def __str__(self) -> str:
        return self.number


class CostOption(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount_description = models.TextField(blank=True)

    class Meta:
        ordering = ["amount", "id"]

    def __str__(self) -> str:
        return self.option or str(self.amount)


class Language(models.Model):
    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    phone = models.ForeignKey(Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=20, blank=True, help_text="ISO 639 code")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name or self.code or str(self.id)


class ServiceArea(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Funding(models.Model):
    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="funding")
    organization = models.ForeignKey(
        DirectoryOrganisation, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    source = models.TextField()

    def __str__(self) -> str:
        return self.source[:50]


class Attribute(models.Model):
    """Links a taxonomy term to a service, organisation or location: categories, eligibility, needs (HSDS 3.0)."""

    id = _id()
    taxonomy_term = models.ForeignKey("directory.TaxonomyTerm", on_delete=models.CASCADE, related_name="attributes")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes")
    organization = models.ForeignKey(
        DirectoryOrganisation, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes"
    )
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="attributes")
    link_type = models.CharField(max_length=100, blank=True)
    label = models.CharField(max_length=200, blank=True)
    value = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["taxonomy_term__name", "id"]
        indexes = [models.Index(fields=["taxonomy_term", "service"])]

    def __str__(self) -> str:
        return f"{self.link_entity} {self.link_id}: {self.taxonomy_term_id}"

    @property
    def link_id(self):
        return self.service_id or self.organization_id or self.location_id

    @property
    def link_entity(self) -> str:
        if self.service_id:
            return "service"
        if self.organization_id:
            return "organization"
        return "location"

