"""The log of residents' requests to see (UK GDPR Art. 15) or erase (Art. 17) their information."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class SubjectRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requests received by the organisation the user acts for, for the roles that handle them."""
        from communities.core.access import has_perm

        organisation = getattr(user, "current_organisation", None)
        if organisation is None or not has_perm(user, "dataprotection.handle_request"):
            return self.none()
        return self.filter(organisation=organisation)


class SubjectRequest(models.Model):
    AUDIT_READS = True

    class Kind(models.TextChoices):
        ACCESS = "access", "See their information (subject access, Article 15)"
        ERASURE = "erasure", "Erase their information (Article 17)"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"
        PARTLY = "partly", "Partly erased"
        REFUSED = "refused", "Refused"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="subject_requests"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    received_on = models.DateField(help_text="The day the request reached any part of the organisation")
    due_on = models.DateField(help_text="One calendar month from the day received (ICO), next working day if needed")
    details = models.TextField(blank=True, help_text="How the request came in and how identity was checked")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    outcome = models.JSONField(default=dict, blank=True, help_text="Rows erased and kept per record type (counts)")

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "-logged_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} received {self.received_on:%d %b %Y}"

    @property
    def reference(self) -> str:
        return f"DP-{self.received_on:%Y%m%d}-{str(self.id)[:6].upper()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def overdue(self) -> bool:
        return self.is_open and timezone.localdate() > self.due_on
