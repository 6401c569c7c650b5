"""Referrals of residents to directory services or organisations, each status change a row (New → Seen → Accepted or
Declined → Completed, or Withdrawn), with the consent each rests on and what it shares with the receiving side.

Visibility (``ReferralQuerySet.visible_to``): members who handle referrals (administrators, council officers, VCSE
workers) of the organisation that sent it or the one that receives it; nobody else. The receiving organisation sees
what the referral shares (the ``shared_*`` fields and the person's own words), never the person's record, until it
accepts: acceptance opens its ``people.Involvement``, and with it the record.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import rules
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .codes import REFERRAL_TO_SOCIAL_PRESCRIBING


class Status(models.TextChoices):
    NEW = "new", "New"
    SEEN = "seen", "Seen"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


AWAITING_RESPONSE = (Status.NEW, Status.SEEN)
CLOSED = (Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN)
# Which change may follow which; the receiving side moves a referral on, the referring side may withdraw it.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Status.SEEN, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN),
    Status.SEEN: (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN),
    Status.ACCEPTED: (Status.COMPLETED, Status.WITHDRAWN),
    Status.DECLINED: (),
    Status.COMPLETED: (),
    Status.WITHDRAWN: (),
}
BY_RECEIVER = (Status.SEEN, Status.ACCEPTED, Status.DECLINED, Status.COMPLETED)
BY_REFERRER = (Status.WITHDRAWN,)


class DeclineReason(models.TextChoices):
    PERSON_DECLINED = "person_declined", "The person did not want this support"
    NOT_ELIGIBLE = "not_eligible", "The person is not eligible for this service"
    NO_CAPACITY = "no_capacity", "The service has no space now"
    NOT_CONTACTABLE = "not_contactable", "We could not contact the person"
    BETTER_ELSEWHERE = "better_elsewhere", "Another service would suit them better"
    OTHER = "other", "Another reason (say in the note)"


class OutcomeKind(models.TextChoices):
    MET = "met", "What mattered to them was met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    STOPPED = "stopped", "The person stopped taking part"


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one place that decides which referrals a user may see (see the module docstring)."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("referrals.view_referral", user):
            return self.none()
        return self.filter(Q(from_organisation=organisation) | Q(to_organisation=organisation))

    def received_by(self, organisation):
        return self.filter(to_organisation=organisation)

    def sent_by(self, organisation):
        return self.filter(from_organisation=organisation)

    def awaiting_response(self):
        return self.filter(status__in=AWAITING_RESPONSE)

    def overdue(self, now=None):
        return self.awaiting_response().filter(respond_by__lt=now or timezone.now())

    def open(self):
        return self.exclude(status__in=CLOSED)


class Referral(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="referrals")
    service_name = models.CharField(max_length=300, help_text="The service or team as named when it was referred to")
    to_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                        help_text="The platform organisation that receives and answers it")
    from_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey("people.Consent", on_delete=models.PROTECT, related_name="referrals",
                                help_text="The consent (or other lawful basis) the referral rests on")
    submission_token = models.UUIDField(unique=True, help_text="One per referral form: a repeated send makes no copy")
    snomed_code = models.CharField(max_length=20, default=REFERRAL_TO_SOCIAL_PRESCRIBING.code)

    # Who (PRSB "person demographics"): what the referral shares with the receiving organisation.
    shared_name = models.CharField(max_length=200)
    shared_date_of_birth = models.DateField(null=True, blank=True)
    shared_postcode = models.CharField(max_length=8, blank=True)
    shared_phone = models.CharField(max_length=30, blank=True)
    shared_email = models.EmailField(blank=True)
    contact_notes = models.CharField(max_length=300, blank=True, help_text="How and when best to contact them")
    # Needs and concerns (PRSB): in the person's own words.
    what_matters = models.TextField(help_text="What matters to me, in the person's own words")
    needs = models.TextField(blank=True, help_text="Needs and concerns the referrer has noticed")
    support_requested = models.TextField(blank=True, help_text="What the referrer is asking the service to do")
    # Safeguarding prompt: answered on every referral.
    safeguarding_concern = models.BooleanField()
    safeguarding_detail = models.TextField(blank=True)
    # Support offered and outcomes (PRSB), filled in by the receiving organisation.
    support_offered = models.TextField(blank=True)
    decline_reason = models.CharField(max_length=30, choices=DeclineReason.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=OutcomeKind.choices, blank=True)
    outcome_detail = models.TextField(blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateTimeField(help_text="When the receiving service should have accepted or declined it")
    seen_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True, help_text="Accepted or declined")
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Declined, completed or withdrawn")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["to_organisation", "status", "respond_by"]),
            models.Index(fields=["from_organisation", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(status="declined") | ~Q(decline_reason=""),
                                   name="declined_referral_has_reason"),
            models.CheckConstraint(condition=~Q(status="completed") | ~Q(outcome=""),
                                   name="completed_referral_has_outcome"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.reference} to {self.service_name}"

    @property
    def reference(self) -> str:
        return "R-" + self.id.hex[:8].upper()

    @property
    def is_overdue(self) -> bool:
        return self.status in AWAITING_RESPONSE and self.respond_by < timezone.now()

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


class StatusChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(referral__in=Referral.objects.visible_to(user).values("pk"))


class StatusChange(models.Model):
    """One change of a referral's status: who, when, why. Never edited: the history is the point."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, help_text="When the referrer was told")

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status or 'start'} → {self.to_status} at {self.at:%Y-%m-%d %H:%M}"


class ResponseTargetQuerySet(models.QuerySet):
    def visible_to(self, user):
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not rules.has_perm("referrals.view_referral", user):
            return self.none()
        return self.filter(service__organization__platform_organisation=organisation)


class ResponseTarget(models.Model):
    """How many days a service gives itself to accept or decline a referral (set by the receiving organisation)."""

    service = models.OneToOneField("directory.Service", on_delete=models.CASCADE, related_name="response_target")
    days = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(90)])
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    objects = ResponseTargetQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.service}: respond within {self.days} days"


def response_days(service) -> int:
    """The service's own target, or the installation's default (``REFERRAL_RESPONSE_DAYS``)."""
    if service is not None:
        target = ResponseTarget.objects.filter(service=service).values_list("days", flat=True).first()
        if target:
            return target
    return settings.REFERRAL_RESPONSE_DAYS


def respond_by(service, start: datetime) -> datetime:
    return start + timedelta(days=response_days(service))
