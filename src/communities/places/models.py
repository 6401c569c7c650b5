"""The council's geography: wards, 2021 LSOAs with deprivation, postcodes. Loaded from shipped open data."""

from __future__ import annotations

from django.db import models


class Council(models.Model):
    code = models.CharField(max_length=9, primary_key=True, help_text="ONS local authority district code")
    name = models.CharField(max_length=100)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=100)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="wards")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LSOA(models.Model):
    """A 2021 lower layer super output area with Census 2021 population and IMD 2019/2025 ranks (1 = most deprived)."""

    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=100)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="lsoas")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="lsoas", help_text="ONS best fit")
    msoa_code = models.CharField(max_length=9, blank=True)
    msoa_name = models.CharField(max_length=100, blank=True, help_text="House of Commons Library MSOA name")
    population = models.PositiveIntegerField(default=0, help_text="Census 2021 usual residents")
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    imd2025_score = models.FloatField(null=True)
    imd2025_rank = models.PositiveIntegerField(null=True)
    imd2025_decile = models.PositiveSmallIntegerField(null=True)
    imd2019_rank = models.PositiveIntegerField(null=True, help_text="From the 2011 parent LSOA")
    imd2019_decile = models.PositiveSmallIntegerField(null=True)
    domain_deciles_2025 = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "LSOA"
        verbose_name_plural = "LSOAs"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Postcode(models.Model):
    postcode = models.CharField(max_length=8, primary_key=True, help_text="Upper case with one space: TS18 1AA")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="postcodes")
    lsoa = models.ForeignKey(LSOA, on_delete=models.CASCADE, related_name="postcodes")
    ward = models.ForeignKey(Ward, null=True, on_delete=models.SET_NULL, related_name="postcodes")
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    positional_quality = models.PositiveSmallIntegerField(null=True, help_text="Code-Point: 10 in a building")

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
