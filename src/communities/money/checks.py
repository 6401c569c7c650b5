"""Checks not saved to a person's record are kept server-side as drafts (``CheckDraft``) for the adviser who ran them.

A draft belongs to its adviser and the organisation they ran it for, survives signing out, and is deleted
``DRAFT_DAYS`` after its last change by the retention job (dataprotection schedule row ``check_draft``). Creating,
reading and deleting a draft are audited. The check's id in the URLs (``money:check_result`` etc.) is the draft's id.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.organisations.scoping import get_visible_or_404, visible

from .models import DRAFT_DAYS, CheckDraft

RECENT = 20


def as_check(draft: CheckDraft) -> dict:
    """The draft in the shape the check pages use."""
    return {
        "id": draft.pk.hex,
        "answers": draft.answers,
        "result": draft.result,
        "person_id": str(draft.person_id) if draft.person_id else None,
        "person_label": str(draft.person) if draft.person_id else "",
        "created": draft.created_at.isoformat(),
        "expires_at": draft.expires_at,
    }


def store(request, *, answers: dict, result: dict, person=None) -> str:
    """Keep a new check as the adviser's draft (audited); returns its id for the URLs."""
    user = request.user
    with transaction.atomic():
        draft = CheckDraft.objects.create(
            owner=user, organisation=user.current_organisation, person=person, tax_year=result["year"],
            answers=answers, result=result, expires_at=timezone.now() + timedelta(days=DRAFT_DAYS),
        )
        record(actor=user, action=Action.CREATE, obj=draft, request=request,
               fields={"person": str(person.pk) if person is not None else None, "tax_year": draft.tax_year,
                       "total_entitled_per_year": result["total_entitled_per_year"]})
    return draft.pk.hex


def get(request, check_id: str) -> CheckDraft:
    """The adviser's own draft (404 if it is someone else's, expired or unknown); the read is audited."""
    return get_visible_or_404(CheckDraft, request.user, request=request, pk=_uuid(check_id))


def load(request, check_id: str) -> dict:
    return as_check(get(request, check_id))


def delete(request, check_id: str) -> None:
    """Delete the adviser's draft (audited)."""
    draft = get_visible_or_404(CheckDraft, request.user, request=request, audit=False, pk=_uuid(check_id))
    with transaction.atomic():
        record(actor=request.user, action=Action.DELETE, obj=draft, request=request,
               fields={"person": str(draft.person_id) if draft.person_id else None, "tax_year": draft.tax_year})
        draft.delete()


def recent(user):
    """The adviser's drafts in their current organisation, most recently changed first (for a list: not audited per
    row, and the list shows no answers)."""
    return visible(CheckDraft, user).select_related("person")[:RECENT]


def _uuid(check_id: str):
    import uuid

    from django.http import Http404

    try:
        return uuid.UUID(hex=check_id)
    except (TypeError, ValueError) as exc:
        raise Http404("No such check") from exc
