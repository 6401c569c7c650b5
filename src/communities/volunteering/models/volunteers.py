"""Volunteers (one record per resident who volunteers, whichever organisations they give time to), their checks with
expiry dates and the week pattern of when they are free.

A volunteer is organisation-agnostic: the organisations they volunteer with are found through their applications.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from .scoping import CheckQuerySet, VolunteerQuerySet


class Volunteer(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="volunteer", help_text="The resident account they sign in with")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="volunteer_records",
                               help_text="Their record as a resident, when an organisation also supports them")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    ward = models.ForeignKey("places.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lsoa = models.ForeignKey("places.LSOA", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    languages = models.JSONField(default=list, blank=True, help_text="Languages they speak, e.g. [\"Urdu\"]")
    interests = models.JSONField(default=list, blank=True, help_text="Causes and interests, e.g. [\"environment\"]")
    is_active = models.BooleanField(default=True)
    joined_on = models.DateField(default=timezone.localdate)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["is_active", "ward"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, on_date: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))


class CheckKind(models.TextChoices):
    DBS_BASIC = "dbs_basic", "Basic DBS check"
    DBS_STANDARD = "dbs_standard", "Standard DBS check"
    DBS_ENHANCED = "dbs_enhanced", "Enhanced DBS check"
    DBS_ENHANCED_BARRED_ADULTS = "dbs_enhanced_barred_adults", "Enhanced DBS check with adults' barred list"
    DBS_ENHANCED_BARRED_CHILDREN = "dbs_enhanced_barred_children", "Enhanced DBS check with children's barred list"
    DBS_ENHANCED_BARRED_BOTH = "dbs_enhanced_barred_both", "Enhanced DBS check with adults' and children's barred lists"
    TRAINING = "training", "Training"
    DRIVING_LICENCE = "driving_licence", "Driving licence checked"
    REFERENCE = "reference", "Reference"


class VolunteerCheck(models.Model):
    """One check, reference or training record. It counts only when verified by an organiser, clear, and in date."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=40, choices=CheckKind.choices)
    detail = models.CharField(max_length=200, blank=True,
                              help_text="For training, the course (e.g. 'Safeguarding adults'); for a reference, "
                                        "who gave it; for DBS, the certificate number's last four digits")
    is_clear = models.BooleanField(default=True, help_text="For DBS: nothing disclosed that stops this volunteering "
                                                           "and not barred; for a reference: satisfactory")
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, help_text="When it must be renewed (organisation's policy "
                                                                   "for DBS, which has no official expiry)")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", help_text="The organiser who saw the certificate or record")
    verified_at = models.DateTimeField(null=True, blank=True)
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", help_text="The organisation that recorded it")

    objects = CheckQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-issued_on"]
        indexes = [models.Index(fields=["volunteer", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.volunteer_id} issued {self.issued_on}"

    def is_valid_on(self, on_date: date) -> bool:
        return (self.verified_by_id is not None and self.is_clear and self.issued_on <= on_date
                and (self.expires_on is None or self.expires_on >= on_date))


class PartOfDay(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Availability(models.Model):
    """A part of a weekday the volunteer is usually free (a week pattern, not fixed shifts)."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAYS)), help_text="0 = Monday")
    part_of_day = models.CharField(max_length=10, choices=PartOfDay.choices)

    class Meta:
        ordering = ["weekday", "part_of_day"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "weekday", "part_of_day"],
                                               name="volunteering_one_availability_per_slot")]

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.part_of_day}"
