"""The public pages: the list of published assessments, one published assessment, and its PDF."""

from __future__ import annotations

from pathlib import Path

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from communities.core.pdf import html_to_pdf

from .. import presenters
from ..published import published, published_or_none

PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "impact" / "print.css"


def published_list(request):
    return render(request, "impact/published_list.html", {"assessments": published()})


def _context(epia_id) -> dict:
    assessment = published_or_none(epia_id)
    if assessment is None:
        raise Http404
    return {"assessment": assessment, "groups": presenters.groups(assessment), "evidence": assessment.evidence,
            "actions": list(assessment.actions.all()), "engagement": presenters.engagement_summary(assessment),
            "printed_on": timezone.localdate()}


def published_page(request, epia_id):
    return render(request, "impact/published.html", _context(epia_id))


def published_pdf(request, epia_id):
    context = _context(epia_id)
    html = render_to_string("impact/published_print.html", {**context, "stylesheet": ""})
    response = HttpResponse(html_to_pdf(html, PRINT_CSS), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="impact-assessment-{context["assessment"].pk}.pdf"'
    return response
