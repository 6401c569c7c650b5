"""Lists of lists: who else holds information about people who may need help in an emergency, what they hold, the
data-sharing protocol agreed in advance and what triggers it, and whom to ask (Cabinet Office, "Identifying people
who are vulnerable in a crisis: guidance for emergency planners and responders", 2025 update: a single up-to-date
list is impossible; know which organisations hold which lists)."""

from __future__ import annotations

from django.db import models


class HolderKind(models.TextChoices):
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    HOUSING = "housing", "Housing provider"
    UTILITY_PSR = "utility_psr", "Utility Priority Services Register"
    GP = "gp", "GP practice or primary care network"
    NHS = "nhs", "NHS community services"
    VCSE = "vcse", "Voluntary or community group"
    OTHER = "other", "Other"


class DataHolder(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=HolderKind.choices)
    holds = models.TextField(help_text="What they hold, about whom")
    needs = models.JSONField(default=list, blank=True, help_text="Register needs codes their list covers")
    protocol = models.TextField(help_text="The data-sharing protocol or agreement, and what may be shared")
    trigger = models.TextField(help_text="When to ask: the incident or alert that triggers sharing")
    ward_codes = models.JSONField(default=list, blank=True, help_text="Wards they cover; empty for the whole area")
    contact_name = models.CharField(max_length=200, help_text="A named contact, with their job title")
    contact_phone = models.CharField(max_length=30, blank=True)
    contact_email = models.EmailField(blank=True)
    reviewed_on = models.DateField(help_text="When the entry was last checked with the holder")
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def covers(self, ward_codes) -> bool:
        return not self.ward_codes or bool(set(self.ward_codes) & set(ward_codes))
