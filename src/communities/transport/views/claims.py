"""Mileage claims: a driver claims their trips; coordinators approve and export for payment; tax-year totals; the
dated table of approved rates, to which an administrator adds a row."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import has_perm, requires
from communities.core.csvsafe import csv_download
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible

from ..forms import ClaimForm, DecisionForm, RateForm
from ..models import ClaimStatus, Driver, MileageClaim, MileageRate
from ..services import claims as service


@requires("transport.claim_mileage")
def claim_list(request):
    claims = visible(MileageClaim, request.user).select_related("driver__user").prefetch_related("lines")
    manager = has_perm(request.user, "transport.approve_claims")
    today = timezone.localdate()
    own = visible(Driver, request.user).filter(user=request.user).first()
    return render(request, "transport/claims.html", {
        "claims": claims[:200], "manager": manager, "own_driver": own,
        "totals": service.tax_year_totals(request.organisation, today) if manager else [],
        "tax_year": service.tax_year(today),
        "approved_waiting": claims.filter(status=ClaimStatus.APPROVED).count() if manager else 0})


@requires("transport.claim_mileage")
@require_http_methods(["GET", "POST"])
def claim_new(request):
    driver = get_visible_or_404(Driver, request.user, request=request, audit=False, user_id=request.user.pk)
    trips = list(service.claimable_trips(driver))
    form = ClaimForm(request.POST or None, trips=trips)
    if request.method == "POST" and form.is_valid():
        chosen = [t for t in trips if str(t.pk) in form.cleaned_data["trips"]]
        try:
            claim = service.submit_claim(actor=request.user, driver=driver, trips=chosen, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Claim {claim.reference} sent to the coordinator.")
            return redirect("transport:claim_detail", claim_id=claim.pk)
    preview = service.price(driver, trips) if trips else []
    return render(request, "transport/claim_new.html", {"form": form, "driver": driver, "preview": preview},
                  status=400 if form.errors else 200)


@requires("transport.claim_mileage")
def claim_detail(request, claim_id):
    claim = get_visible_or_404(MileageClaim, request.user,
                               request=request, pk=claim_id)
    lines = list(claim.lines.select_related("trip", "rate"))
    can_decide = has_perm(request.user, "transport.approve_claims") and claim.status == ClaimStatus.SUBMITTED
    return render(request, "transport/claim_detail.html", {
        "claim": claim, "lines": lines, "form": DecisionForm() if can_decide else None,
        "total": sum(line.claimed_pence for line in lines), "allowed": sum(line.at_rates_pence for line in lines),
        "miles": sum(line.miles for line in lines)})


@requires("transport.approve_claims")
@require_POST
def claim_decide(request, claim_id):
    claim = get_visible_or_404(MileageClaim, request.user, request=request, audit=False, pk=claim_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            service.decide_claim(actor=request.user, claim=claim, approve=form.cleaned_data["approve"] == "yes",
                                 note=form.cleaned_data["note"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Claim {claim.reference}: {claim.get_status_display().lower()}.")
            return redirect("transport:claims")
    lines = list(claim.lines.select_related("trip", "rate"))
    return render(request, "transport/claim_detail.html", {
        "claim": claim, "lines": lines, "form": form, "total": sum(line.claimed_pence for line in lines),
        "allowed": sum(line.at_rates_pence for line in lines), "miles": sum(line.miles for line in lines)},
        status=400)


@requires("transport.approve_claims")
@require_POST
def claims_export(request):
    rows = service.export_for_payment(actor=request.user, organisation=request.organisation, request=request)
    return csv_download(f"mileage-claims-{timezone.localdate():%Y-%m-%d}.csv", rows)


@requires("transport.claim_mileage")
@require_http_methods(["GET", "POST"])
def rates(request):
    can_add = has_perm(request.user, "transport.set_mileage_rates")
    form = RateForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                service.add_rate(actor=request.user, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Rates added. Trips from that date are claimed at them.")
                return redirect("transport:rates")
    return render(request, "transport/rates.html", {
        "rates": MileageRate.objects.select_related("added_by"), "form": form, "back": reverse("transport:claims")},
        status=400 if form is not None and form.errors else 200)
