"""The audit trail: append-only for the application (no update or delete path), on SQLite and PostgreSQL alike.

One exception, sanctioned and audited: when their retention ends, the personal values in an event (changed fields,
record label, reason) are replaced by keyed pseudonyms through ``audit.services.pseudonymise_events``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    _PSEUDONYMISABLE = frozenset({"fields", "object_label", "reason"})

    def update(self, **kwargs):
        raise AuditAppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AuditAppendOnlyError("Audit events cannot be deleted.")

    def _pseudonymise_rows(self, rows: dict) -> int:
        """The one sanctioned change to stored events, for ``audit.services.pseudonymise_events`` only: replace the
        personal values of each event (``{pk: {"fields": ..., "object_label": ..., "reason": ...}}``) and stamp it.
        Nothing else about an event (who, when, what, which record) can change. (One UPDATE per event: on SQLite
        this measured 0.8 ms an event against 1.8 ms for one CASE … WHEN UPDATE per 500.)"""
        now = timezone.now()
        changed = 0
        for pk, values in rows.items():
            if not values.keys() <= self._PSEUDONYMISABLE:
                raise AuditAppendOnlyError(f"Only {sorted(self._PSEUDONYMISABLE)} of an event can be pseudonymised.")
            pending = self.filter(pk=pk, pseudonymised_at__isnull=True)
            changed += models.QuerySet.update(pending, pseudonymised_at=now, **values)
        return changed

    def visible_to(self, user):
        """Platform administrators see every event; an organisation administrator sees their organisation's."""
        if getattr(user, "is_superuser", False):
            return self
        organisation = getattr(user, "current_organisation", None)
        if organisation is None or "administrator" not in getattr(user, "current_roles", ()):
            return self.none()
        return self.filter(organisation=organisation)


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"
        BREAK_GLASS = "break_glass", "Break-glass access"
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        MFA_FAILED = "mfa_failed", "Second-factor code failed"
        MFA_LOCKED_OUT = "mfa_locked_out", "Second factor locked"
        REVIEW = "review", "Reviewed"
        ERASE = "erase", "Erased"
        ANONYMISE = "anonymise", "Anonymised"
        PSEUDONYMISE = "pseudonymise", "Audit values pseudonymised"

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Who acted, kept even if the account is renamed")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_label = models.CharField(max_length=200, blank=True)
    fields = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    pseudonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When the personal values were replaced by pseudonyms (end of retention)"
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditAppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditAppendOnlyError("Audit events cannot be deleted.")
