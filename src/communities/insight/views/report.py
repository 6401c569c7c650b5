"""The annual Cabinet report as a web page and as a PDF (rendered inline: a few seconds at most)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.access import requires

from .. import report as cabinet
from ..forms import ReportForm
from ..models import IndicatorValue


def _year(request) -> int:
    form = ReportForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["year"]
    latest = IndicatorValue.objects.order_by("-year").values_list("year", flat=True).first()
    return latest or timezone.now().year


@requires("insight.view_indicators")
def cabinet_report(request):
    report = cabinet.build(_year(request))
    return render(request, "insight/report_page.html", {"report": report, "methods": cabinet.METHODS})


@requires("insight.view_indicators")
def cabinet_report_pdf(request):
    report = cabinet.build(_year(request))
    pdf = cabinet.render_pdf(report)
    record(actor=request.user, action=Action.EXPORT, object_type="insight.CabinetReport", object_id=str(report.year),
           fields={"format": "pdf"}, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cabinet-report-{report.year}.pdf"'
    return response
