"""Caseload screening: upload (all errors listed, nothing imported if any), progress, campaigns, export, take-up."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core import jobs
from communities.core.access import requires
from communities.core.csvsafe import csv_download
from communities.organisations.scoping import get_visible_or_404, visible

from .. import services
from ..adapter import tax_year_for
from ..campaigns import CAMPAIGN_KINDS, campaign_take_up, candidates, extract_take_up
from ..forms import CampaignForm, CaseloadUploadForm
from ..models import Campaign, CaseloadExtract
from ..upload import read_caseload


@requires("money.screen_caseload")
@require_http_methods(["GET", "POST"])
def screening(request):
    from communities.benefits.caseload import describe_columns

    form = CaseloadUploadForm(request.POST or None, request.FILES or None,
                              initial={"year": tax_year_for(_today())})
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        text, frame, errors = read_caseload(form.text)  # errors: a bounded report (money/upload.py)
        if not errors:
            extract = services.create_extract(
                actor=request.user, label=form.cleaned_data["label"], filename=upload.name,
                year=form.cleaned_data["year"], csv_text=text, row_count=len(frame), request=request,
            )
            return redirect("money:extract", extract_id=extract.pk)
    extracts = list(visible(CaseloadExtract, request.user).select_related("job")[:50])
    for extract in extracts:
        extract.stalled = extract.job is not None and jobs.state(extract.job).phase == "stalled"
    return render(request, "money/screening.html", {
        "form": form, "errors": errors, "extracts": extracts, "columns": describe_columns(),
    })


def _today():
    from django.utils import timezone

    return timezone.localdate()


@requires("money.screen_caseload")
def extract_detail(request, extract_id):
    extract = get_visible_or_404(CaseloadExtract, request.user, request=request, pk=extract_id)
    counts = []
    if extract.status == CaseloadExtract.Status.DONE:
        for key, spec in CAMPAIGN_KINDS.items():
            counts.append({"kind": key, "label": spec.label, "count": candidates(extract, key).count()})
    return render(request, "money/extract.html", {
        "extract": extract,
        "job": jobs.state(extract.job) if extract.job else None,
        "counts": counts,
        "take_up": extract_take_up(extract) if extract.status == CaseloadExtract.Status.DONE else [],
        "campaigns": visible(Campaign, request.user).filter(extract=extract),
    })


@requires("money.screen_caseload")
@require_POST
def extract_retry(request, extract_id):
    """The retry button of a failed or stalled screening (audited in the service)."""
    extract = get_visible_or_404(CaseloadExtract, request.user, request=request, pk=extract_id)
    if services.retry_screening(actor=request.user, extract=extract, request=request):
        messages.success(request, "Screening started again from where it stopped.")
    else:
        messages.error(request, "This screening cannot be retried: it is running, finished, or its upload has been "
                                "deleted (upload the file again).")
    return redirect("money:extract", extract_id=extract.pk)


@requires("money.screen_caseload")
@require_http_methods(["GET", "POST"])
def campaign_new(request, extract_id):
    extract = get_visible_or_404(CaseloadExtract, request.user, request=request, pk=extract_id,
                                 status=CaseloadExtract.Status.DONE)
    initial = {"kind": request.GET.get("kind", "pension_credit"), "lawful_basis": "public_task"}
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        campaign = services.create_campaign(actor=request.user, extract=extract, request=request,
                                            **{k: form.cleaned_data[k] for k in
                                               ("kind", "name", "lawful_basis", "lawful_basis_detail")})
        messages.success(request, f"Campaign created with {campaign.member_count:,} households.")
        return redirect("money:campaign", campaign_id=campaign.pk)
    return render(request, "money/campaign_form.html", {"form": form, "extract": extract})


@requires("money.screen_caseload")
def campaign_detail(request, campaign_id):
    campaign = get_visible_or_404(Campaign, request.user, request=request, pk=campaign_id)
    members = campaign.members.order_by("-unclaimed_per_year", "line")[:200]
    return render(request, "money/campaign.html", {
        "campaign": campaign,
        "kind": CAMPAIGN_KINDS.get(campaign.kind),
        "members": members,
        "take_up": campaign_take_up(campaign),
    })


@requires("money.export_campaign")
def campaign_csv(request, campaign_id):
    campaign = get_visible_or_404(Campaign, request.user, request=request, pk=campaign_id)
    rows = services.export_campaign(actor=request.user, campaign=campaign, request=request)
    return csv_download(f"campaign-{campaign.pk}.csv", rows)
