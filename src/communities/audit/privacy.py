"""The audit trail in the data-protection registry (dataprotection).

Events about a resident's records are part of their subject access export ("who viewed your record"), found there
through the registrations of the records themselves. When the audit trail's retention ends, the retention job
replaces the personal values in old events by keyed pseudonyms through ``audit.services.pseudonymise_events``.
"""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

from communities.dataprotection.registry import register

from .models import AuditEvent


def events_past_retention(cutoff):
    return AuditEvent.objects.filter(
        occurred_at__lt=datetime.combine(cutoff, time.min, tzinfo=timezone.get_current_timezone())
    )


register(
    "audit.AuditEvent", record_type="audit_trail", subject=None, order=1000, describe="Audit trail",
    export_fields=("occurred_at", "actor_label", "organisation", "action", "object_type"),
    expired=events_past_retention,
)
