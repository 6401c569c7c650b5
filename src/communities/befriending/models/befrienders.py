"""A befriender: a volunteer (volunteering.Volunteer, one-to-one) in an organisation's befriending role, with what
matching reads: interests, languages, how they like to keep in touch, and how many people they can befriend."""

from __future__ import annotations

import rules
from django.db import models


class Communication(models.TextChoices):
    IN_PERSON = "in_person", "Visits in person"
    PHONE = "phone", "Phone calls"
    VIDEO = "video", "Video calls"
    LETTERS = "letters", "Letters or cards"
    TEXT = "text", "Text messages"


class BefrienderQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("befriending.manage_cases", user):
            return self.none()
        return self.filter(organisation=organisation)

    def active(self):
        return self.filter(is_active=True, volunteer__is_active=True)


class Befriender(models.Model):
    AUDIT_READS = True

    volunteer = models.OneToOneField("volunteering.Volunteer", on_delete=models.CASCADE, related_name="befriender")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.ForeignKey("volunteering.Role", on_delete=models.PROTECT, related_name="befrienders",
                             help_text="The befriending role: its requirements (DBS, training, age) must be met")
    interests = models.JSONField(default=list, blank=True, help_text='e.g. ["gardening", "football"]')
    languages = models.JSONField(default=list, blank=True, help_text='e.g. ["English", "Polish"]')
    communication = models.JSONField(default=list, blank=True, help_text="Communication values they are happy with")
    capacity = models.PositiveSmallIntegerField(default=1, help_text="How many people they can befriend at once")
    is_active = models.BooleanField(default=True)

    objects = BefrienderQuerySet.as_manager()

    class Meta:
        ordering = ["volunteer__last_name", "volunteer__first_name"]
        indexes = [models.Index(fields=["organisation", "is_active"])]

    def __str__(self) -> str:
        return str(self.volunteer)
