"""Published assessments, for the public pages: aggregates and officers' words only (no engagement log, no names of
residents; the evidence snapshot's counts are already suppressed)."""

from __future__ import annotations

from .models import Assessment


def published():
    return Assessment.objects.published().prefetch_related("wards").order_by("-published_at")


def published_or_none(pk):
    return published().filter(pk=pk).first()
