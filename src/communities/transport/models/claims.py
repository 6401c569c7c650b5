"""Mileage claims of volunteer drivers, paid at HMRC approved mileage allowance payment (AMAP) rates taken from a
dated table (``MileageRate``): the rates change (a 2026/27 change has been reported), so an administrator adds a row
with its source and the date it applies from rather than anyone editing code.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .drivers import Driver
from .scoping import SchemeQuerySet
from .trips import Trip


class MileageRate(models.Model):
    """HMRC approved mileage rates for cars and vans from ``applies_from`` until the next row's date."""

    applies_from = models.DateField(unique=True)
    car_pence_per_mile = models.DecimalField(max_digits=5, decimal_places=2,
                                             help_text="For the first band_miles business miles of the tax year")
    car_pence_after_band = models.DecimalField(max_digits=5, decimal_places=2)
    band_miles = models.PositiveIntegerField(help_text="Business miles in the tax year (6 April to 5 April)")
    passenger_pence_per_mile = models.DecimalField(max_digits=5, decimal_places=2,
                                                   help_text="For each passenger carried, per business mile")
    source = models.CharField(max_length=300)
    source_url = models.URLField(blank=True)
    source_read_on = models.DateField(help_text="When someone checked the source")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", help_text="Empty for the row shipped with the product")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-applies_from"]

    def __str__(self) -> str:
        return f"From {self.applies_from:%d %b %Y}: {self.car_pence_per_mile}p / {self.car_pence_after_band}p"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"
    PAID = "paid", "Exported for payment"


class MileageClaimQuerySet(SchemeQuerySet):
    pass


class MileageClaim(models.Model):
    """A driver's claim for the trips they drove in a period; a coordinator approves it, then it is exported."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="claims")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)

    objects = MileageClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status="submitted") | Q(decided_by__isnull=False),
                                   name="decided_claim_says_who"),
        ]

    def __str__(self) -> str:
        return f"Claim {self.reference}"

    @property
    def reference(self) -> str:
        return "M-" + self.id.hex[:8].upper()


class ClaimLine(models.Model):
    """One trip in a claim: the miles, the passengers carried, what the rates allow and what is claimed."""

    claim = models.ForeignKey(MileageClaim, on_delete=models.CASCADE, related_name="lines")
    trip = models.OneToOneField(Trip, on_delete=models.PROTECT, related_name="claim_line")
    miles = models.DecimalField(max_digits=6, decimal_places=1)
    passengers = models.PositiveSmallIntegerField(help_text="Passengers carried, escorts included")
    passenger_miles = models.DecimalField(max_digits=6, decimal_places=1, default=0,
                                          help_text="Miles with the passengers on board (pickup to drop-off)")
    rate = models.ForeignKey(MileageRate, on_delete=models.PROTECT, related_name="+")
    at_rates_pence = models.DecimalField(max_digits=9, decimal_places=2,
                                         help_text="What the approved rates allow for this trip")
    claimed_pence = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["trip__service_date"]
        constraints = [models.CheckConstraint(condition=Q(miles__gt=0), name="claim_line_has_miles")]

    def __str__(self) -> str:
        return f"{self.miles} miles on {self.trip_id}"

    @property
    def above_rates(self) -> bool:
        """Paying more than the approved rates makes it taxable and may be 'hire or reward'."""
        return self.claimed_pence > self.at_rates_pence
