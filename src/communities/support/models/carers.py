"""Carers: the link between an unpaid carer and the person they care for, carer's assessments, breaks and support,
and the emergency plan that a worker activates when the carer cannot care (contacts told, their answers kept)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .scoping import ScopedQuerySet


class LinkQuerySet(ScopedQuerySet):
    person_paths, organisation_path = ("carer", "cared_for"), "organisation"

    def current(self):
        return self.filter(ended_on__isnull=True)


class CarerLink(models.Model):
    """An unpaid carer (SNOMED CT 224484003, data/codes.yaml) and the person they look after."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    carer = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="caring_for")
    cared_for = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="cared_for_by")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=100, help_text="For example: daughter, husband, neighbour")
    code = models.CharField(max_length=20, help_text="SNOMED CT code for the carer's role")
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(fields=["carer", "cared_for", "organisation"], condition=Q(ended_on__isnull=True),
                                    name="one_current_carer_link"),
            models.CheckConstraint(condition=~Q(carer=models.F("cared_for")), name="carer_is_not_cared_for"),
        ]

    def __str__(self) -> str:
        return f"Carer ({self.relationship}) since {self.started_on:%-d %B %Y}"


class CaredForLink(CarerLink):
    """The same link seen from the cared-for person (their subject access copy and retention)."""

    class Meta:
        proxy = True


class EligibleOutcome(models.TextChoices):
    ELIGIBLE = "eligible", "Has eligible needs"
    NOT_ELIGIBLE = "not_eligible", "No eligible needs: information, advice and other support offered"


class AssessmentQuerySet(ScopedQuerySet):
    person_paths, organisation_path = ("link__carer", "link__cared_for"), "link__organisation"


class Assessment(models.Model):
    """A carer's assessment (Care Act 2014 s.10); eligibility by the Care and Support (Eligibility Criteria)
    Regulations 2014, reg. 3."""

    link = models.ForeignKey(CarerLink, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField()
    assessor = models.CharField(max_length=200, help_text="Who carried out the assessment, and for which organisation")
    needs_found = models.TextField()
    outcome = models.CharField(max_length=20, choices=EligibleOutcome.choices)
    next_review_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on"]

    def __str__(self) -> str:
        return f"Carer's assessment on {self.assessed_on:%-d %B %Y}"


class SupportKind(models.TextChoices):
    BREAK = "break", "A break (respite or replacement care)"
    SITTING = "sitting", "Sitting service"
    DAY = "day", "Day activities for the person cared for"
    GRANT = "grant", "Carer's grant or personal budget"
    PEER = "peer", "Peer support group"
    ADVICE = "advice", "Information and advice"
    OTHER = "other", "Other support"


class SupportQuerySet(AssessmentQuerySet):
    pass


class CarerSupport(models.Model):
    link = models.ForeignKey(CarerLink, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    description = models.TextField()
    provided_by = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupportQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                              name="support_ends_after_it_starts")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_on:%-d %B %Y}"


class PlanQuerySet(AssessmentQuerySet):
    def current(self, on=None):
        """In force: not withdrawn, the carer link not ended, and its review date not passed."""
        on = on or timezone.localdate()
        return self.filter(withdrawn_on__isnull=True, link__ended_on__isnull=True, next_review_on__gte=on)


class EmergencyPlan(models.Model):
    """What happens if the carer suddenly cannot care: the cared-for person's needs, medication, GP, getting into
    the home, tasks, pets and up to three consenting contacts whose availability covers at least 48 hours."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link = models.OneToOneField(CarerLink, on_delete=models.CASCADE, related_name="emergency_plan")
    needs = models.TextField(help_text="The cared-for person's condition and what they need")
    medication = models.TextField(blank=True)
    gp = models.CharField(max_length=300, help_text="GP practice name and phone number")
    access_to_home = models.TextField(help_text="How to get in: who holds keys, where a key safe is")
    key_safe_code = models.CharField(max_length=400, blank=True, help_text="Encrypted at rest; shown on request only")
    tasks = models.TextField(help_text="What has to be done and when (meals, personal care, appointments)")
    pets = models.TextField(blank=True)
    next_review_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Carer's emergency plan (review by {self.next_review_on:%-d %B %Y})"

    @property
    def has_key_safe(self) -> bool:
        return bool(self.key_safe_code)


class CaredForPlan(EmergencyPlan):
    """The same plan seen from the cared-for person (their subject access copy)."""

    class Meta:
        proxy = True


class ContactQuerySet(ScopedQuerySet):
    person_paths, organisation_path = ("plan__link__carer", "plan__link__cared_for"), "plan__link__organisation"


class EmergencyContact(models.Model):
    """One of up to three people who step in; each must have a current consent for ``carer_contact``."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="emergency_contact_for")
    relationship = models.CharField(max_length=100)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    arrives_within_hours = models.PositiveSmallIntegerField(help_text="How soon they can be there after a call")
    stays_for_hours = models.PositiveSmallIntegerField(help_text="How long they can stay and care")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["arrives_within_hours", "created_at"]
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="one_contact_entry_per_person")]

    def __str__(self) -> str:
        return f"Emergency contact ({self.relationship})"

    @property
    def cover(self) -> tuple[int, int]:
        return self.arrives_within_hours, self.arrives_within_hours + self.stays_for_hours


class ActivationQuerySet(ContactQuerySet):
    person_paths, organisation_path = ("plan__link__carer", "plan__link__cared_for"), "plan__link__organisation"

    def open(self):
        return self.filter(ended_at__isnull=True)


class Activation(models.Model):
    """A worker put the plan into action: the contacts were told and their answers are kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="activations")
    reason = models.TextField()
    activated_at = models.DateTimeField(default=timezone.now)
    activated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    objects = ActivationQuerySet.as_manager()

    class Meta:
        ordering = ["-activated_at"]
        constraints = [models.UniqueConstraint(fields=["plan"], condition=Q(ended_at__isnull=True),
                                               name="one_open_activation_per_plan")]

    def __str__(self) -> str:
        return f"Emergency plan activated {timezone.localtime(self.activated_at):%-d %B %Y %H:%M}"


class ResponseAnswer(models.TextChoices):
    WAITING = "waiting", "Not answered yet"
    COMING = "coming", "Can help"
    CANNOT = "cannot", "Cannot help"


class ContactResponse(models.Model):
    """One contact's part in one activation: how they were told, and what they answered (by the one-time link or
    through a worker)."""

    activation = models.ForeignKey(Activation, on_delete=models.CASCADE, related_name="responses")
    contact = models.ForeignKey(EmergencyContact, on_delete=models.CASCADE, related_name="responses")
    token_hash = models.CharField(max_length=64, unique=True)
    link_expires_at = models.DateTimeField()
    notified_by = models.CharField(max_length=60, blank=True, help_text="email, sms, or why nobody could be told")
    answer = models.CharField(max_length=20, choices=ResponseAnswer.choices, default=ResponseAnswer.WAITING)
    answered_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", help_text="Empty when the contact answered by the link")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["contact__arrives_within_hours", "pk"]
        constraints = [models.UniqueConstraint(fields=["activation", "contact"], name="one_response_per_contact")]

    def __str__(self) -> str:
        return f"Emergency contact's answer: {self.get_answer_display()}"
