"""Administrators search the audit trail and export it as CSV (the export is itself audited and rate-limited)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from communities.core.access import requires
from communities.core.csvsafe import csv_download

from . import services
from .forms import AuditSearchForm
from .models import AuditEvent


def _filtered(request):
    form = AuditSearchForm(request.GET or None)
    events = services.events_visible_to(request.user)
    if form.is_bound and form.is_valid():
        events = services.search(events, **form.cleaned_data)
    elif form.is_bound:
        events = events.none()
    return form, events


@requires("audit.view_auditevent")
def search(request):
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/search.html", {"form": form, "page": page, "query": query.urlencode()})


@requires("audit.export_auditevent")
def export(request):
    form, events = _filtered(request)
    since = timezone.now() - timedelta(hours=1)
    if services.recent_exports(request.user, since) >= settings.AUDIT_EXPORTS_PER_HOUR:
        return HttpResponse(
            "You have exported the audit trail too many times in the last hour. Try again later.",
            status=429,
            content_type="text/plain",
        )
    services.record(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="audit.AuditEvent",
        fields={k: str(v) for k, v in (form.cleaned_data.items() if form.is_bound and form.is_valid() else [])},
        request=request,
    )
    return csv_download(f"audit-{timezone.now():%Y%m%d-%H%M}.csv", services.csv_rows(events), stream=True)
