"""Changing the council's search synonyms (models.SearchSynonym): each change and its audit row in one transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from communities.audit.services import Action, record

from ..models import SearchSynonym


def save_group(*, actor, group: SearchSynonym | None, phrases: list[str], rationale: str, request=None):
    with transaction.atomic():
        created = group is None
        group = group or SearchSynonym(council_code=settings.COUNCIL_CODE,
                                       source="Added by a directory editor (the audit trail says who)")
        group.phrases = ", ".join(phrases)
        group.rationale = rationale
        group.save()  # the directory's revision changes with it (public_cache signals): searches use it at once
        record(actor=actor, action=Action.CREATE if created else Action.UPDATE, obj=group, request=request,
               fields={"phrases": group.phrases, "rationale": rationale})
    return group


def delete_group(*, actor, group: SearchSynonym, request=None) -> None:
    with transaction.atomic():
        record(actor=actor, action=Action.DELETE, obj=group, request=request, fields={"phrases": group.phrases})
        group.delete()


def groups_for_council():
    from django.db.models import Q

    return SearchSynonym.objects.filter(Q(council_code="") | Q(council_code=settings.COUNCIL_CODE))
