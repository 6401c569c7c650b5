"""The emergency register: a resident's consent to be contacted and helped in an emergency, their needs (codes in
``resilience.needs``) and who to call. The consent itself is a ``people.Consent`` (purpose ``emergency_register``)
that expires 12 months after it is given: an entry whose consent is withdrawn or expired drops out of every list."""

from __future__ import annotations

import uuid

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .. import needs as needs_codes

REVIEW_MONTHS = 12  # issue 17: consent reviewed at least every 12 months


class RegisterEntryQuerySet(models.QuerySet):
    def current(self, on=None):
        """Entries with a consent that is not withdrawn and not past its review date (lapsed entries drop out)."""
        on = on or timezone.localdate()
        return self.filter(removed_at__isnull=True, consent__withdrawn_at__isnull=True,
                           consent__expires_on__gte=on)

    def lapsed(self, on=None):
        on = on or timezone.localdate()
        return self.filter(removed_at__isnull=True).filter(
            Q(consent__withdrawn_at__isnull=False) | Q(consent__expires_on__lt=on))

    def visible_to(self, user):
        """The council's emergency planners, officers and administrators see the whole register (it is the council's,
        given with consent for this purpose); a partner's workers see the entries their organisation made."""
        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        if rules.has_perm("resilience.view_register", user):
            return self
        if rules.has_perm("resilience.register_resident", user):
            return self.filter(organisation=organisation)
        return self.none()


class RegisterEntry(models.Model):
    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="emergency_entries")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     help_text="The organisation that registered the resident")
    consent = models.ForeignKey("people.Consent", on_delete=models.PROTECT, related_name="+",
                                help_text="The current consent (purpose emergency register); replaced at each review")
    needs = models.JSONField(default=list, blank=True, help_text="Codes from resilience.needs")
    tier = models.PositiveSmallIntegerField(default=needs_codes.LOWEST_TIER, help_text="Call order, 1 first")
    language = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True, help_text="What a responder should know, in plain words")
    # Where they live, copied from places at registration so an incident finds them without a join
    address_line = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=8)
    lsoa = models.ForeignKey("places.LSOA", on_delete=models.PROTECT, related_name="+")
    ward_code = models.CharField(max_length=9, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    # Who to call (a relative, neighbour or carer)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_relationship = models.CharField(max_length=100, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When the last review reminder went")
    removed_at = models.DateTimeField(null=True, blank=True, help_text="Taken off the register")

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["tier", "registered_at"]
        verbose_name_plural = "register entries"
        indexes = [models.Index(fields=["lsoa", "tier"]), models.Index(fields=["postcode"])]
        constraints = [models.UniqueConstraint(fields=["person"], condition=Q(removed_at__isnull=True),
                                               name="one_register_entry_per_person")]

    def __str__(self) -> str:
        return f"Emergency register entry at {self.postcode}"

    @property
    def review_due_on(self):
        return self.consent.expires_on

    @property
    def need_labels(self) -> list[str]:
        return needs_codes.labels(self.needs)
