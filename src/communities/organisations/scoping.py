"""The single mechanism that scopes personal data to the people who have a reason to see it.

Models holding personal data give their QuerySet a ``visible_to(user)`` method. Views fetch records only through
:func:`get_visible_or_404` and :func:`visible`, never through ``Model.objects`` (``tests/test_view_lint.py``
enforces this), so "missing" and "not yours" both give 404 and every read of a record is audited.
"""

from __future__ import annotations

from django.http import Http404

from communities.audit.services import Action, record


def visible(model_or_queryset, user):
    queryset = model_or_queryset if hasattr(model_or_queryset, "visible_to") else model_or_queryset.objects.all()
    return queryset.visible_to(user)


def get_visible_or_404(model_or_queryset, user, *, request=None, audit: bool = True, **lookup):
    """The record if ``user`` may see it, else 404. Reads of personal data are audited here, once, for every view."""
    queryset = visible(model_or_queryset, user)
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    if audit and getattr(obj, "AUDIT_READS", False):
        record(actor=user, action=Action.VIEW, obj=obj, request=request)
    return obj
