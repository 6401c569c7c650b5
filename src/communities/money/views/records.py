"""Saved checks on a person's record, outcomes (claimed, awarded, refused) and the income-gained report."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.audit.services import Action, record
from communities.core.access import requires
from communities.core.csvsafe import csv_download
from communities.organisations.scoping import get_visible_or_404, visible

from .. import services
from ..adapter import RELATIONSHIPS, tax_year_label
from ..forms import OutcomeForm
from ..models import Outcome, SavedCheck
from ..report import outcomes_report, report_csv_rows


@requires("money.run_check")
def saved_check(request, saved_id):
    saved = get_visible_or_404(SavedCheck, request.user, request=request, pk=saved_id)
    result = saved.result
    return render(request, "money/saved_check.html", {
        "saved": saved,
        "person": saved.person,
        "result": result,
        "answers": saved.answers,
        "year_label": tax_year_label(saved.tax_year),
        "amounts": [b for b in result.get("benefits", []) if b["kind"] == "amount"],
        "pointers": [b for b in result.get("benefits", []) if b["kind"] == "pointer"],
        "outcomes": visible(Outcome, request.user).filter(saved_check=saved),
        "relationships": RELATIONSHIPS,
    })


@requires("money.run_check")
@require_http_methods(["GET", "POST"])
def outcome_add(request, saved_id):
    saved = get_visible_or_404(SavedCheck, request.user, request=request, pk=saved_id)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_outcome(
            actor=request.user, saved_check=saved, benefit=form.cleaned_data["benefit"],
            status=form.cleaned_data["status"], occurred_on=form.cleaned_data["occurred_on"],
            amount_per_year=form.amount_per_year(), request=request,
        )
        messages.success(request, "The outcome has been recorded.")
        return redirect("money:saved_check", saved_id=saved.pk)
    return render(request, "money/outcome_form.html", {"form": form, "saved": saved, "person": saved.person})


@requires("money.view_report")
def report(request):
    return render(request, "money/report.html", {"report": outcomes_report()})


@requires("money.view_report")
def report_csv(request):
    data = outcomes_report()
    rows = report_csv_rows(data)
    response = csv_download("income-gained.csv", rows)
    record(actor=request.user, action=Action.EXPORT, object_type="money.Outcome", object_id="report",
           fields={"rows": len(rows) - 1, "report": "income gained by month and benefit"}, request=request)
    return response
