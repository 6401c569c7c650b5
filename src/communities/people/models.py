"""Residents and households. Personal data: visible only to organisations involved in a person's support."""

from __future__ import annotations

import uuid
from datetime import date

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Tenure(models.TextChoices):
    OWNER = "owner", "Owns their home"
    MORTGAGE = "mortgage", "Owns with a mortgage"
    SOCIAL = "social", "Rents from a council or housing association"
    PRIVATE = "private", "Rents privately"
    OTHER = "other", "Other (living with family, supported housing)"


class Household(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    address_line = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    lsoa = models.ForeignKey("places.LSOA", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    tenure = models.CharField(max_length=20, choices=Tenure.choices, blank=True)
    council_tax_band = models.CharField(max_length=1, blank=True)
    annual_income = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Gross household income, £ a year"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Household at {self.postcode or 'unknown postcode'}"


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People an organisation the user acts for is involved with, or a current break-glass grant covers."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("people.view_person", user):
            return self.none()
        now = timezone.now()
        return self.filter(
            Q(involvements__organisation=organisation, involvements__ended_on__isnull=True)
            | Q(break_glass_grants__user=user, break_glass_grants__expires_at__gt=now)
        ).distinct()

    def search(self, text: str):
        for word in text.split():
            self = self.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(postcode__iexact=word))
        return self


class Person(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    postcode = models.CharField(max_length=8, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    has_disability = models.BooleanField(default=False)
    is_carer = models.BooleanField(default=False, help_text="Provides unpaid care for someone")
    lives_alone = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int | None:
        if self.date_of_birth is None:
            return None
        today = date.today()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Involvement(models.Model):
    """An organisation's involvement in a person's support: the reason its members may see the record."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200, help_text="For example: referral for befriending")
    started_on = models.DateField(default=date.today)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"], condition=Q(ended_on__isnull=True), name="one_open_involvement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} supporting {self.person} since {self.started_on}"


class BreakGlassGrant(models.Model):
    """Emergency access to a record the user would not normally see, with a reason that administrators review."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="break_glass_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Emergency access to {self.person} by {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"
