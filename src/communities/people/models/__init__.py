"""Residents and households. Personal data: visible only to organisations involved in a person's support."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import rules
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
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


_FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def postcode_parts(postcode: str) -> tuple[str, str]:
    """('TS183FA', 'TS18') for 'ts18 3fa'; ('', '') for anything that is not a full UK postcode."""
    compact = re.sub(r"\s+", "", postcode or "").upper()
    if not _FULL_POSTCODE.match(compact):
        return "", ""
    return compact, compact[:-3]


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one place that decides which residents a user may see, acting for their current organisation.

        Roles with ``people.view_full_record`` (administrators, council officers, VCSE workers) see everyone the
        organisation is involved with; volunteers and drivers see only the people assigned to them in it, while
        the assignment lasts and the organisation is still involved. A current break-glass grant, taken while
        acting for this organisation, adds its one person.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("people.view_person", user):
            return self.none()
        now = timezone.now()
        # Correlated EXISTS, not IN (subquery): the planner probes the one-open-involvement index for each candidate
        # row, so a selective search stays fast however many people the organisation supports
        # (benchmarks/people_search.py: IN made every search hash all 50,000 involvements first).
        involved = Exists(Involvement.objects.filter(
            person=OuterRef("pk"), organisation=organisation, ended_on__isnull=True))
        if rules.has_perm("people.view_full_record", user):
            scope = Q(involved)
        else:
            assigned = Assignment.objects.active(now).filter(person=OuterRef("pk"), user=user,
                                                             organisation=organisation)
            scope = Q(involved) & Q(Exists(assigned))
        # Emergency access is rare and its people few: read them first, so that without any the scope is a plain
        # EXISTS the planner can turn into a semi-join (under an OR it cannot).
        granted = list(BreakGlassGrant.objects.filter(user=user, organisation=organisation, expires_at__gt=now)
                       .values_list("person_id", flat=True))
        return self.filter(scope | Q(pk__in=granted) if granted else scope, merged_into__isnull=True)

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with the search columns filled (bulk_create skips ``Person.save``)."""
        objs = list(objs)
        for person in objs:
            person.normalise()
        return super().bulk_create(objs, *args, **kwargs)

    def current(self):
        """Records in use: not merged into another (a merged record stays only as a tombstone)."""
        return self.filter(merged_into__isnull=True)

    def search(self, text: str):
        """Name prefixes, a full postcode (any case, with or without its space) or a postcode district ("TS18").

        Every clause is an equality or a prefix on an indexed, normalised column, so it stays fast on 50,000
        residents (``benchmarks/people_search.py``).
        """
        compact = re.sub(r"\s+", "", text).upper()
        if _FULL_POSTCODE.match(compact):
            return self.filter(postcode_normalised=compact)
        words = [w for w in (word.strip(",.").lower() for word in text.split()) if w]
        every_word = Q()
        for word in words:
            if _DISTRICT.match(word.upper()):
                every_word &= Q(postcode_district=word.upper())
            elif _FULL_POSTCODE.match(word.upper()):
                every_word &= Q(postcode_normalised=word.upper())
            else:
                every_word &= Q(first_name_lower__startswith=word) | Q(last_name_lower__startswith=word)
        if len(words) > 1:  # a surname of several words ("Ó Briain", "Van der Berg") typed whole
            every_word |= Q(last_name_lower__startswith=" ".join(words))
        return self.filter(every_word)


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
    # Search columns, kept by save() (see PersonQuerySet.search): lower-case names, 'TS183FA' and 'TS18'.
    first_name_lower = models.CharField(max_length=100, blank=True, editable=False)
    last_name_lower = models.CharField(max_length=100, blank=True, editable=False)
    postcode_normalised = models.CharField(max_length=7, blank=True, editable=False)
    postcode_district = models.CharField(max_length=4, blank=True, editable=False)
    # A record merged into another stays as a tombstone pointing at the one kept (people.merge).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records", editable=False
    )
    merged_at = models.DateTimeField(null=True, blank=True, editable=False)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = PersonQuerySet.as_manager()

    SEARCH_FIELDS = ("first_name_lower", "last_name_lower", "postcode_normalised", "postcode_district")

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name_lower"], name="person_last_name_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["first_name_lower"], name="person_first_name_prefix",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["postcode_normalised"], name="person_postcode"),
            # the district's people in the list's order: a page of a broad district search reads 25 index entries
            models.Index(fields=["postcode_district", "last_name", "first_name"], name="person_district_name"),
            models.Index(fields=["date_of_birth"], name="person_date_of_birth"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.normalise()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def normalise(self) -> None:
        """Fill the search columns from the name and postcode (also for bulk_create, which skips save())."""
        self.first_name_lower = (self.first_name or "").strip().lower()
        self.last_name_lower = (self.last_name or "").strip().lower()
        self.postcode_normalised, self.postcode_district = postcode_parts(self.postcode)

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


class AssignmentKind(models.TextChoices):
    TRIP = "trip", "Trip"
    BEFRIENDING = "befriending", "Befriending match"
    TASK = "task", "Task"
    EMERGENCY_CALL = "emergency_call", "Emergency call list"
    OTHER = "other", "Other"


class AssignmentQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now, ended_at__isnull=True)

    def visible_to(self, user):
        """Assignments of the user's organisation for people they may see; a volunteer or driver sees only theirs."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        mine = self.filter(organisation=organisation, person__in=Person.objects.visible_to(user).values("pk"))
        if rules.has_perm("people.view_full_record", user):
            return mine
        return mine.filter(user=user)


class Assignment(models.Model):
    """A volunteer or driver matched with a person for a trip, a befriending match or a task, for a set time.

    Volunteers and drivers see a person only through a live assignment (see ``PersonQuerySet.visible_to``). Rooms
    that match people (transport, volunteering) create them with ``people.services.assign_person``, never directly.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=AssignmentKind.choices)
    reason = models.CharField(max_length=200, help_text="What the volunteer or driver is doing for the person")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="Set when someone ends it early")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["ends_at"]
        indexes = [models.Index(fields=["user", "organisation", "ends_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="assignment_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person_id} by {self.user_id} until {self.ends_at:%Y-%m-%d %H:%M}"

    @property
    def last_day(self):
        """The last day it covers (an assignment "until 7 March" ends at the start of 8 March)."""
        return (timezone.localtime(self.ends_at) - timedelta(microseconds=1)).date()


class ReviewOutcome(models.TextChoices):
    APPROPRIATE = "appropriate", "Appropriate"
    NOT_APPROPRIATE = "not_appropriate", "Not appropriate"


class BreakGlassReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews that fall to the organisation the user administers now."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("audit.review_break_glass", user):
            return self.none()
        return self.filter(organisation=organisation)

    def waiting(self):
        return self.filter(outcome="")


class BreakGlassReview(models.Model):
    """One organisation's review of one emergency access: every organisation involved with the person gets one."""

    AUDIT_READS = True

    grant = models.ForeignKey(BreakGlassGrant, on_delete=models.CASCADE, related_name="reviews")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, blank=True)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = BreakGlassReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-grant__created_at"]
        constraints = [models.UniqueConstraint(fields=["grant", "organisation"], name="one_review_per_organisation")]

    def __str__(self) -> str:
        return f"Review by {self.organisation} of {self.grant}"


from .consent import (  # noqa: E402  (the package's other models, after Person which they refer to)
    Consent,
    ConsentPurpose,
    HowGiven,
    LawfulBasis,
    SpecialCategoryCondition,
)
from .hub import Channel, CommunicationNeed, ContactPreferences  # noqa: E402

__all__ = [
    "Assignment", "AssignmentKind", "BreakGlassGrant", "BreakGlassReview", "Channel", "CommunicationNeed", "Consent",
    "ContactPreferences", "ConsentPurpose", "Household",
    "HowGiven", "Involvement", "LawfulBasis", "Person", "ReviewOutcome", "SpecialCategoryCondition", "Tenure",
]
