"""Neighbourhood profiles: crime counts imported from police.uk files, and chosen sets of LSOAs ("neighbourhoods").

Crime is kept as counts per month, 2021 LSOA and police.uk crime type - never as the street-level rows - so a
profile sums a few hundred numbers, and re-importing a month replaces it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CrimeImport(models.Model):
    """One import of police.uk street-level CSV files (see docs/police-uk-crime.md)."""

    files = models.TextField(help_text="Names of the files imported, one a line")
    synthetic = models.BooleanField(default=False, help_text="The shipped synthetic sample, not real police data")
    first_month = models.DateField()
    last_month = models.DateField()
    rows_read = models.PositiveIntegerField(default=0)
    rows_counted = models.PositiveIntegerField(default=0, help_text="Rows in an LSOA of the council")
    rows_outside_area = models.PositiveIntegerField(default=0)
    rows_without_location = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"police.uk {self.first_month:%Y-%m} to {self.last_month:%Y-%m}"


class CrimeCount(models.Model):
    month = models.DateField(help_text="First day of the month the crime was reported in")
    lsoa = models.ForeignKey("places.LSOA", on_delete=models.CASCADE, related_name="+")
    crime_type = models.CharField(max_length=60)
    count = models.PositiveIntegerField()
    source = models.ForeignKey(CrimeImport, on_delete=models.CASCADE, related_name="counts")

    class Meta:
        ordering = ["month", "lsoa", "crime_type"]
        constraints = [
            models.UniqueConstraint(fields=["month", "lsoa", "crime_type"], name="neighbourhoods_crime_unique")
        ]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.lsoa_id} {self.crime_type}: {self.count}"


class Neighbourhood(models.Model):
    """A chosen set of 2021 LSOAs profiled together (for example an estate that crosses a ward boundary)."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    lsoas = models.ManyToManyField("places.LSOA", related_name="+")
    public = models.BooleanField(default=True, help_text="Listed on the public profiles page")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
