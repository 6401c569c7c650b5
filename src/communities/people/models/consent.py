"""Consent records: what a person agreed to, on which lawful basis, how and when, and when they withdrew it.

The lawful bases are UK GDPR Article 6(1)(a)-(f); the special category conditions are Article 9(2)(a)-(j)
(legislation.gov.uk, Regulation (EU) 2016/679 as retained, read December 2026). Consent is one basis among six:
the record says which basis each purpose rests on (ICO, "Lawful basis for processing").
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ConsentPurpose(models.TextChoices):
    REFERRAL = "referral", "Referral to a service"
    SUPPORT_PLAN = "support_plan", "Support planning"
    CARER_CONTACT = "carer_contact", "Emergency contact for a carer's plan"
    EMERGENCY_REGISTER = "emergency_register", "Emergency register"
    TRANSPORT = "transport", "Volunteer Driver Service"
    BEFRIENDING = "befriending", "Befriending"
    DATA_SHARING = "data_sharing", "Sharing with partner organisations"
    OTHER = "other", "Other"


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6(1)."""

    CONSENT = "consent", "Consent – Article 6(1)(a)"
    CONTRACT = "contract", "Contract – Article 6(1)(b)"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation – Article 6(1)(c)"
    VITAL_INTERESTS = "vital_interests", "Vital interests – Article 6(1)(d)"
    PUBLIC_TASK = "public_task", "Public task – Article 6(1)(e)"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests – Article 6(1)(f)"


class SpecialCategoryCondition(models.TextChoices):
    """UK GDPR Article 9(2): needed as well as a lawful basis when the record holds health or other special data."""

    EXPLICIT_CONSENT = "explicit_consent", "Explicit consent – Article 9(2)(a)"
    EMPLOYMENT_SOCIAL_PROTECTION = "employment_social_protection", (
        "Employment, social security and social protection law – Article 9(2)(b)"
    )
    VITAL_INTERESTS = "vital_interests", "Vital interests – Article 9(2)(c)"
    NOT_FOR_PROFIT = "not_for_profit", "Not-for-profit body, about its members – Article 9(2)(d)"
    MADE_PUBLIC = "made_public", "Made public by the person – Article 9(2)(e)"
    LEGAL_CLAIMS = "legal_claims", "Legal claims – Article 9(2)(f)"
    SUBSTANTIAL_PUBLIC_INTEREST = "substantial_public_interest", "Substantial public interest – Article 9(2)(g)"
    HEALTH_SOCIAL_CARE = "health_social_care", "Health or social care – Article 9(2)(h)"
    PUBLIC_HEALTH = "public_health", "Public health – Article 9(2)(i)"
    ARCHIVING_RESEARCH = "archiving_research", "Archiving, research or statistics – Article 9(2)(j)"


class HowGiven(models.TextChoices):
    VERBAL_IN_PERSON = "verbal_in_person", "Said so in person"
    VERBAL_PHONE = "verbal_phone", "Said so on the phone"
    WRITTEN = "written", "Signed a form or wrote to us"
    ONLINE = "online", "Agreed online"
    BY_REPRESENTATIVE = "by_representative", "Someone acting for them agreed"


class ConsentQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        """Not withdrawn and not expired on ``on`` (default today)."""
        on = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))

    def visible_to(self, user):
        """Consents of people the user may see (``Person.objects.visible_to``); volunteers and drivers see none."""
        import rules

        from . import Person

        if not rules.has_perm("people.view_full_record", user):
            return self.none()
        return self.filter(person__in=Person.objects.visible_to(user).values("pk"))

    def for_purpose(self, purpose: str):
        return self.filter(purpose=purpose)


class Consent(models.Model):
    """One agreement (or other lawful basis) for one purpose. Never deleted when withdrawn: the history is the point."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=ConsentPurpose.choices)
    purpose_detail = models.TextField(blank=True, help_text="For example: which service, or what 'other' means")
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices)
    special_category_condition = models.CharField(
        max_length=40, choices=SpecialCategoryCondition.choices, blank=True,
        help_text="Needed when health, disability or other special category information is used",
    )
    how_given = models.CharField(max_length=30, choices=HowGiven.choices)
    given_at = models.DateTimeField()
    given_by_name = models.CharField(
        max_length=200, blank=True,
        help_text="Leave blank if the person gave it themselves; otherwise the name and relationship of who did",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", help_text="Who it was given to"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_note = models.TextField(blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["person", "purpose"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_lawful_basis_display()}) given {self.given_at:%Y-%m-%d}"

    @property
    def given_by(self) -> str:
        return self.given_by_name or "The person themselves"

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.withdrawn_at is None and (self.expires_on is None or self.expires_on >= on)
