"""Provider quality in the data-protection registry: concerns, visits and RAG reasons may name people in free text.

They are not linked to a resident's record (a concern is about a provider), so a subject access request does not
find them through the person: an officer answering one searches the concerns for the name. Retention and
anonymisation still apply (schedule row ``provider_quality``).
"""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from communities.dataprotection.registry import not_personal, register

from .models import CLOSED_STATUSES, QualityConcern, QualityVisit, RagChange

ANONYMISED = "(anonymised)"


def _end_of(cutoff) -> datetime:
    return timezone.make_aware(datetime.combine(cutoff, time.max))


def concerns_past_retention(cutoff):
    """Closed concerns closed by ``cutoff`` (an old closed concern without a closing date counts from when it was
    raised)."""
    closed = QualityConcern.objects.filter(status__in=CLOSED_STATUSES)
    return closed.filter(Q(closed_on__lte=cutoff) | Q(closed_on__isnull=True, raised_on__lte=cutoff))


register(
    "providers.QualityConcern", record_type="provider_quality", subject=None, order=300,
    describe="Quality concerns about care providers",
    export_fields=("provider", "raised_on", "raised_by_kind", "raised_by_name", "category", "severity", "status",
                   "summary", "actions", "closed_on"),
    anonymise={"raised_by_name": "", "summary": ANONYMISED, "actions": ANONYMISED},
    expired=concerns_past_retention,
)
register(
    "providers.QualityVisit", record_type="provider_quality", subject=None, order=310,
    describe="Quality visits to care providers",
    export_fields=("provider", "visited_on", "kind", "visited_by", "findings"),
    anonymise={"visited_by": ANONYMISED, "findings": ANONYMISED},
    expired=lambda cutoff: QualityVisit.objects.filter(visited_on__lte=cutoff),
)
register(
    "providers.RagChange", record_type="provider_quality", subject=None, order=320,
    describe="Changes of care providers' RAG status",
    export_fields=("provider", "status", "previous", "reason", "changed_by", "changed_at"),
    anonymise={"reason": ANONYMISED},
    expired=lambda cutoff: RagChange.objects.filter(changed_at__lte=_end_of(cutoff)),
)
not_personal("providers.Provider", "Care homes, agencies and services: organisations' names, addresses and postcodes "
             "as published by the CQC, not people")
not_personal("providers.CqcImport", "A record of a CQC open data file upload: the file's name and counts, the "
             "uploader is a staff account")
