"""The outcomes framework ("What success looks like"): indicators under the Council Plan's key moves, and their
values by area and period. Aggregate statistics only - no personal data."""

from __future__ import annotations

from django.db import models


class KeyMove(models.TextChoices):
    HEALTHY_LIVES = "healthy_lives", "Healthy lives and reducing inequalities"
    INDEPENDENCE = "independence", "Independence at home"
    SAFE_CONNECTED = "safe_connected", "Safe and connected communities"
    POVERTY = "poverty", "Fighting poverty"


class Measure(models.TextChoices):
    PROPORTION = "proportion", "Proportion"
    RATE = "rate", "Crude rate per N"
    DSR = "dsr", "Directly standardised rate per N"
    COUNT = "count", "Count"
    MEAN = "mean", "Mean"
    SCORE = "score", "Score"


class Polarity(models.TextChoices):
    HIGH_IS_GOOD = "high_is_good", "High is good"
    LOW_IS_GOOD = "low_is_good", "Low is good"
    NO_JUDGEMENT = "neutral", "No judgement"


class AreaType(models.TextChoices):
    BOROUGH = "borough", "Borough"
    WARD = "ward", "Ward"
    LSOA = "lsoa", "LSOA"
    IMD_DECILE = "imd_decile", "IMD 2025 decile"
    ENGLAND = "england", "England"
    REGION = "region", "North East"
    COMPARATOR = "comparator", "Comparator group"


BENCHMARK_TYPES = (AreaType.ENGLAND, AreaType.REGION, AreaType.COMPARATOR)


class Indicator(models.Model):
    code = models.SlugField(max_length=60, unique=True, help_text="Short stable identifier used in CSV files")
    name = models.CharField(max_length=200)
    key_move = models.CharField(max_length=20, choices=KeyMove.choices)
    definition = models.TextField(blank=True)
    numerator_definition = models.CharField(max_length=300, blank=True)
    denominator_definition = models.CharField(max_length=300, blank=True)
    measure = models.CharField(max_length=12, choices=Measure.choices)
    multiplier = models.FloatField(default=100, help_text="100 for a percentage, 100000 for a rate per 100,000")
    unit = models.CharField(max_length=40, blank=True, help_text="How values are shown, e.g. '%' or 'per 100,000'")
    polarity = models.CharField(max_length=14, choices=Polarity.choices, default=Polarity.NO_JUDGEMENT)
    source = models.CharField(max_length=300, blank=True)
    frequency = models.CharField(max_length=40, default="Annual")
    geography_levels = models.CharField(max_length=120, default="borough", help_text="Comma-separated area types")
    decimals = models.PositiveSmallIntegerField(default=1)
    synthetic = models.BooleanField(default=False, help_text="Synthetic demonstration data, not real statistics")
    target = models.FloatField(
        null=True, blank=True,
        help_text="A target in the indicator's units, if it has one (NHS Making Data Count assurance icons)",
    )
    fingertips_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="OHID Fingertips indicator ID, to match rows of a Fingertips data download",
    )
    fingertips_sex = models.CharField(
        max_length=40, blank=True, help_text="Fingertips 'Sex' this indicator takes (e.g. Male); blank: any one",
    )
    fingertips_age = models.CharField(
        max_length=40, blank=True, help_text="Fingertips 'Age' this indicator takes (e.g. 18+ yrs); blank: any one",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["key_move", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["fingertips_id", "fingertips_sex", "fingertips_age"], name="insight_indicator_unique_fingertips"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def levels(self) -> list[str]:
        return [level.strip() for level in self.geography_levels.split(",") if level.strip()]

    @property
    def levels_display(self) -> str:
        labels = dict(AreaType.choices)
        return ", ".join(labels.get(level, level) for level in self.levels)


class IndicatorValue(models.Model):
    """One area's value for one period. ``value``/``lower``/``upper`` are computed on import by
    :mod:`communities.insight.compute` from the numerator and denominator (or taken as supplied)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area_type = models.CharField(max_length=12, choices=AreaType.choices)
    area_code = models.CharField(max_length=20)
    area_name = models.CharField(max_length=120, blank=True)
    period = models.CharField(max_length=20, help_text="As published, e.g. 2023/24")
    year = models.PositiveSmallIntegerField(help_text="Calendar year the period starts in, for ordering and trends")
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    sd = models.FloatField(null=True, blank=True, help_text="Standard deviation, for means")
    value = models.FloatField(null=True, blank=True)
    lower = models.FloatField(null=True, blank=True, help_text="95% lower confidence limit")
    upper = models.FloatField(null=True, blank=True, help_text="95% upper confidence limit")
    ci_method = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["indicator", "area_type", "area_code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_type", "area_code", "period"], name="insight_value_unique_area_period"
            )
        ]
        indexes = [models.Index(fields=["indicator", "area_type", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area_type}:{self.area_code} {self.period}"
