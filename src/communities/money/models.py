"""Money records: saved checks and their outcomes (per person), household finances, caseload extracts and campaigns.

Saved checks, outcomes and household finances are personal data: reach them through ``visible_to(user)`` (people the
user's organisation supports). Screened caseload rows carry the council's own household references (pseudonymous
personal data): they belong to the organisation that uploaded the extract and are exported only with an audit row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from communities.benefits.household import BENEFIT_KEYS

BENEFIT_LABELS = {
    "universal_credit": "Universal Credit",
    "pension_credit": "Pension Credit",
    "housing_benefit": "Housing Benefit",
    "council_tax_reduction": "Council Tax Reduction",
    "child_benefit": "Child Benefit",
    "attendance_allowance": "Attendance Allowance",
    "pip": "Personal Independence Payment",
    "carers_allowance": "Carer's Allowance",
    "free_school_meals": "Free school meals",
    "healthy_start": "Healthy Start",
}
OUTCOME_BENEFITS = [(k, BENEFIT_LABELS[k]) for k in BENEFIT_KEYS] + [
    ("warm_homes_local_grant", "Warm Homes: Local Grant"),
    ("eco4_flex", "ECO4 Flex"),
    ("household_support_fund", "Household Support Fund"),
    ("other", "Other help"),
]


def _visible_people(user):
    from communities.people.models import Person

    return Person.objects.visible_to(user)


def _has(user, permission: str) -> bool:
    from communities.core.access import has_perm

    return getattr(user, "is_authenticated", False) and has_perm(user, permission)


class SavedCheckQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not _has(user, "money.run_check"):
            return self.none()
        return self.filter(person__in=_visible_people(user).values("pk"))


class SavedCheck(models.Model):
    """A benefits check saved to a person's record: the answers, the result and who ran it."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    tax_year = models.PositiveSmallIntegerField(help_text="2025 means 2025/26")
    answers = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    total_entitled_per_year = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    total_unclaimed_per_year = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    objects = SavedCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Benefits check {self.tax_year}/{(self.tax_year + 1) % 100:02d} saved {self.created_at:%d %b %Y}"


class OutcomeQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not _has(user, "money.run_check"):
            return self.none()
        return self.filter(saved_check__person__in=_visible_people(user).values("pk"))


class Outcome(models.Model):
    """What happened after a check: a claim made, an award (with its amount) or a refusal."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Claimed (waiting for a decision)"
        AWARDED = "awarded", "Awarded"
        REFUSED = "refused", "Refused"

    saved_check = models.ForeignKey(SavedCheck, on_delete=models.CASCADE, related_name="outcomes")
    benefit = models.CharField(max_length=40, choices=OUTCOME_BENEFITS)
    status = models.CharField(max_length=20, choices=Status.choices)
    amount_per_year = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Amount awarded, £ a year"
    )
    occurred_on = models.DateField(help_text="Date of the claim or decision")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_benefit_display()}: {self.get_status_display()} on {self.occurred_on}"


class HouseholdMoneyQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not _has(user, "money.run_check"):
            return self.none()
        return self.filter(household__members__in=_visible_people(user).values("pk")).distinct()


class HouseholdMoney(models.Model):
    """Money facts about a household that the people app does not hold (rent, savings, benefits received)."""

    household = models.OneToOneField("people.Household", on_delete=models.CASCADE, related_name="money")
    rent_per_week = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    savings = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    epc_band = models.CharField(max_length=1, blank=True)
    current_benefits = models.JSONField(default=dict, blank=True, help_text="Benefit key: £ a year received")
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdMoneyQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Money details for {self.household}"


class CaseloadExtractQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not _has(user, "money.screen_caseload"):
            return self.none()
        return self.filter(organisation=organisation)


class CaseloadExtract(models.Model):
    """One upload of the council's caseload extract, screened in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Screening"
        DONE = "done", "Screened"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    label = models.CharField(max_length=100)
    filename = models.CharField(max_length=200, blank=True)
    tax_year = models.PositiveSmallIntegerField()
    row_count = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    # The uploaded file, kept only until it has been screened (data minimisation): deleted when screening finishes,
    # or JOB_INPUT_RETENTION_DAYS after it failed for good (kept that long so the officer can retry).
    source_csv = models.TextField(blank=True)
    # The background job screening it (core/jobs.py): heartbeat, attempts, units done.
    job = models.OneToOneField("core.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    objects = CaseloadExtractQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Caseload extract {self.label} ({self.row_count:,} households)"

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.row_count) if self.row_count else 0

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ScreenedHouseholdQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(extract__in=CaseloadExtract.objects.visible_to(user).values("pk"))


def _money(**kwargs):
    return models.DecimalField(max_digits=10, decimal_places=2, default=0, **kwargs)


class ScreenedHousehold(models.Model):
    """One household of an extract with its modelled entitlement (£ a year) and flags."""

    extract = models.ForeignKey(CaseloadExtract, on_delete=models.CASCADE, related_name="households")
    line = models.PositiveIntegerField()
    household_ref = models.CharField(max_length=100)
    claimant_age = models.PositiveSmallIntegerField()
    tenure = models.CharField(max_length=40)
    universal_credit = _money()
    pension_credit = _money()
    housing_benefit = _money()
    council_tax_reduction = _money()
    child_benefit = _money()
    receiving_uc = _money()
    receiving_pc = _money()
    receiving_hb = _money()
    receiving_ctr = _money()
    unclaimed_per_year = _money()
    likely_unclaimed_pension_credit = models.BooleanField(default=False)
    likely_eligible_uc = models.BooleanField(default=False)
    warm_homes_likely = models.BooleanField(default=False)
    fuel_poverty_risk = models.BooleanField(default=False)
    fuel_poverty_method = models.CharField(max_length=40, blank=True)

    objects = ScreenedHouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["line"]
        constraints = [models.UniqueConstraint(fields=["extract", "household_ref"], name="money_one_ref_per_extract")]
        indexes = [models.Index(fields=["household_ref"])]

    def __str__(self) -> str:
        return f"{self.household_ref} in extract {self.extract_id}"


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not _has(user, "money.screen_caseload"):
            return self.none()
        return self.filter(organisation=organisation)


class Campaign(models.Model):
    """A take-up campaign: households picked from one extract by a rule, with the lawful basis for using them."""

    class LawfulBasis(models.TextChoices):
        PUBLIC_TASK = "public_task", "UK GDPR Article 6(1)(e): public task"
        LEGAL_OBLIGATION = "legal_obligation", "UK GDPR Article 6(1)(c): legal obligation"
        CONSENT = "consent", "UK GDPR Article 6(1)(a): consent"
        VITAL_INTERESTS = "vital_interests", "UK GDPR Article 6(1)(d): vital interests"

    extract = models.ForeignKey(CaseloadExtract, on_delete=models.PROTECT, related_name="campaigns")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    name = models.CharField(max_length=150)
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices)
    lawful_basis_detail = models.TextField(help_text="The power or duty relied on, and why contacting is fair")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(ScreenedHousehold, related_name="campaigns", blank=True)
    member_count = models.PositiveIntegerField(default=0)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


#: A check not saved to a person's record is kept as a draft for the adviser who ran it for this long after its last
#: change, then deleted by the retention job (dataprotection schedule row ``check_draft``). Source: issue #19, item 4.
DRAFT_DAYS = 30


class CheckDraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the adviser who ran the check, in the organisation they ran it for, while it has not expired (and,
        for a check about a person on record, while they may still see that person)."""
        from django.utils import timezone

        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not _has(user, "money.run_check"):
            return self.none()
        return self.filter(owner=user, organisation=organisation, expires_at__gt=timezone.now()).filter(
            models.Q(person__isnull=True) | models.Q(person__in=_visible_people(user).values("pk"))
        )


class CheckDraft(models.Model):
    """A benefits check not (yet) saved to a person's record: kept server-side so that it survives signing out."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tax_year = models.PositiveSmallIntegerField(help_text="2025 means 2025/26")
    answers = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(help_text=f"{DRAFT_DAYS} days after the last change")

    objects = CheckDraftQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "organisation", "-updated_at"])]

    def __str__(self) -> str:
        return f"Unsaved benefits check {self.tax_year}/{(self.tax_year + 1) % 100:02d} of {self.created_at:%d %b %Y}"
