"""Providers of care and support the council commissions, and what the council knows about their quality.

A provider here is one place or service the council buys care from (a care home, a home care agency, a day service):
what the Care Quality Commission calls a *location*, run by a CQC *provider* (the company or charity). Quality
concerns, quality (monitoring) visits and the red/amber/green (RAG) status are the council's own; each RAG change is
a row with who, when and why (the current status is kept on the provider for lists). CQC ids, rating and the date
CQC published it come from the CQC's open data (``cqc.py``, docs/cqc-import.md).

Only council officers and administrators of the commissioning council see any of it (``visible_to``): concerns may
name residents, family members and staff in their free text.
"""

from __future__ import annotations

import rules
from django.conf import settings
from django.db import models
from django.utils import timezone


class ProviderKind(models.TextChoices):
    CARE_HOME = "care_home", "Care home"
    CARE_HOME_NURSING = "care_home_nursing", "Care home with nursing"
    HOME_CARE = "home_care", "Home care agency"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    EXTRA_CARE = "extra_care", "Extra care housing"
    DAY_SERVICE = "day_service", "Day service"
    OTHER = "other", "Other care and support"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ProviderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The current organisation's commissioned providers, for those allowed to see provider quality."""
        if not rules.has_perm("providers.view_provider", user):
            return self.none()
        return self.filter(commissioner=user.current_organisation)

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        compact = text.replace(" ", "").upper()
        return self.filter(
            models.Q(name__icontains=text) | models.Q(cqc_provider_name__icontains=text)
            | models.Q(postcode_compact__startswith=compact) | models.Q(cqc_location_id__iexact=text)
        )


class Provider(models.Model):
    # Its page shows visit findings and RAG reasons, free text that may name residents or staff: reads are audited.
    AUDIT_READS = True

    commissioner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="commissioned_providers")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=ProviderKind.choices, default=ProviderKind.OTHER)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    postcode_compact = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    commissioned = models.BooleanField(
        default=True, help_text="The council has a contract or framework place with this provider (an import may add "
        "CQC-registered services in the borough that it does not commission).")
    rag_status = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    cqc_location_id = models.CharField("CQC location ID", max_length=20, blank=True, db_index=True)
    cqc_provider_id = models.CharField("CQC provider ID", max_length=20, blank=True, db_index=True)
    cqc_provider_name = models.CharField("CQC provider name", max_length=200, blank=True)
    cqc_rating = models.CharField("CQC overall rating", max_length=40, blank=True)
    cqc_ratings = models.JSONField("CQC ratings by key question", default=dict, blank=True)
    cqc_rating_published = models.DateField("CQC rating published", null=True, blank=True)
    cqc_url = models.URLField("CQC page", blank=True)
    cqc_imported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "postcode", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commissioner", "cqc_location_id"], condition=~models.Q(cqc_location_id=""),
                                    name="providers_one_record_per_cqc_location"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.postcode})" if self.postcode else self.name

    def save(self, *args, **kwargs):
        self.postcode_compact = self.postcode.replace(" ", "").upper()
        super().save(*args, **kwargs)


class RagChange(models.Model):
    """One change of a provider's RAG status: who, when, why (state changes as rows, never overwritten)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="rag_changes")
    status = models.CharField(max_length=5, choices=Rag.choices)
    previous = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    objects = models.Manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider}: {self.get_status_display()} from {self.changed_at:%d %b %Y}"


class ConcernCategory(models.TextChoices):
    SAFEGUARDING = "safeguarding", "Safeguarding"
    MEDICATION = "medication", "Medication"
    CARE_PRACTICE = "care_practice", "Care and support practice"
    MISSED_CALLS = "missed_calls", "Missed or late calls"
    STAFFING = "staffing", "Staffing"
    ENVIRONMENT = "environment", "Premises and environment"
    INFECTION = "infection", "Infection prevention and control"
    NUTRITION = "nutrition", "Food and drink"
    GOVERNANCE = "governance", "Leadership and record keeping"
    COMPLAINTS = "complaints", "Complaints handling"
    CONTRACT = "contract", "Contract compliance"
    OTHER = "other", "Other"


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Being looked into"
    ACTION_PLAN = "action_plan", "Action plan agreed"
    CLOSED_UPHELD = "closed_upheld", "Closed: upheld"
    CLOSED_NOT_UPHELD = "closed_not_upheld", "Closed: not upheld"


CLOSED_STATUSES = (ConcernStatus.CLOSED_UPHELD, ConcernStatus.CLOSED_NOT_UPHELD)
#: Most severe first, for lists: ``queryset.order_by(SEVERITY_ORDER)``.
SEVERITY_ORDER = models.Case(
    *(models.When(severity=value, then=rank) for rank, value in enumerate(reversed(Severity.values))),
    output_field=models.IntegerField(),
)


class RaisedBy(models.TextChoices):
    RESIDENT = "resident", "Someone who uses the service"
    FAMILY = "family", "Family member or friend"
    STAFF = "staff", "Provider staff (whistleblowing)"
    HEALTH = "health", "NHS or health professional"
    SOCIAL_WORK = "social_work", "Council social worker or officer"
    CQC = "cqc", "Care Quality Commission"
    ANONYMOUS = "anonymous", "Anonymous"
    OTHER = "other", "Other"


class ConcernQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(provider__in=Provider.objects.visible_to(user).values("pk"))

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)


class QualityConcern(models.Model):
    AUDIT_READS = True  # the text may name residents, their families and staff

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="concerns")
    raised_on = models.DateField()
    raised_by_kind = models.CharField("Raised by", max_length=20, choices=RaisedBy.choices)
    raised_by_name = models.CharField("Name of who raised it", max_length=200, blank=True)
    category = models.CharField(max_length=20, choices=ConcernCategory.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    status = models.CharField(max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN)
    summary = models.TextField("What the concern is")
    actions = models.TextField("Actions agreed or taken", blank=True)
    safeguarding_referral = models.BooleanField("Referred to safeguarding", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} concern about {self.provider.name}, {self.raised_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


class VisitKind(models.TextChoices):
    ANNOUNCED = "announced", "Announced monitoring visit"
    UNANNOUNCED = "unannounced", "Unannounced visit"
    FOLLOW_UP = "follow_up", "Follow-up on a concern or action plan"
    DESKTOP = "desktop", "Desktop review (no visit)"


class VisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(provider__in=Provider.objects.visible_to(user).values("pk"))


class QualityVisit(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    kind = models.CharField(max_length=20, choices=VisitKind.choices, default=VisitKind.ANNOUNCED)
    visited_by = models.CharField("Who visited", max_length=300, help_text="Names and roles of the council staff")
    findings = models.TextField()
    recommended_rag = models.CharField("RAG status the visit suggests", max_length=5, choices=Rag.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"Visit to {self.provider.name}, {self.visited_on:%d %b %Y}"


class CqcImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not rules.has_perm("providers.import_cqc", user):
            return self.none()
        return self.filter(commissioner=user.current_organisation)


class CqcImport(models.Model):
    """One upload of a CQC open data file: who, when, which file, and what it matched."""

    commissioner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    file_format = models.CharField(max_length=40)
    local_authority = models.CharField(max_length=100)
    rows = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    ambiguous = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)

    objects = CqcImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"CQC import {self.file_name} ({self.uploaded_at:%d %b %Y})"
