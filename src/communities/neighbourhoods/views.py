"""Neighbourhood profiles: the public index and profiles (aggregates only), the audited partner view, each as a page,
CSV and PDF; choosing a set of LSOAs as a neighbourhood."""

from __future__ import annotations

from pathlib import Path

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from communities.audit.services import record
from communities.core.access import requires
from communities.core.csvsafe import csv_download, safe_row
from communities.core.pdf import html_to_pdf

from . import profiles, services
from .areas import find_area
from .boundaries import BOUNDARY_SETS, wards
from .forms import NeighbourhoodForm
from .models import Neighbourhood

PRINT_CSS = Path(__file__).resolve().parent / "static" / "neighbourhoods" / "profile_print.css"


def index(request):
    from communities.places.models import LSOA
    from communities.places.services import current_council

    lsoas = LSOA.objects.filter(council__code=getattr(current_council(), "code", "")).select_related("ward")
    return render(request, "neighbourhoods/index.html", {
        "wards": wards(2023).values(), "old_wards": wards(2019).values(), "boundary_sets": BOUNDARY_SETS,
        "neighbourhoods": Neighbourhood.objects.filter(public=True), "lsoas": lsoas.order_by("ward__name", "name"),
        "council": current_council(),
    })


def _area_or_404(kind: str, code: str, *, partner: bool):
    area = find_area(kind, code)
    if area is None:
        raise Http404
    if kind == "neighbourhood" and not partner and not Neighbourhood.objects.filter(pk=code, public=True).exists():
        raise Http404
    return area


def _profile(request, kind: str, code: str, *, partner: bool):
    area = _area_or_404(kind, code, partner=partner)
    profile = profiles.build(area, partner=partner)
    if partner:
        record(actor=request.user, action="view", object_type="neighbourhoods.PartnerProfile",
               object_id=f"{kind}:{code}", request=request, fields={"area": area.name})
    return profile


def _context(profile, *, partner: bool) -> dict:
    return {"profile": profile, "area": profile.area, "partner": partner, "generated": timezone.now()}


def _page(request, kind, code, partner):
    profile = _profile(request, kind, code, partner=partner)
    return render(request, "neighbourhoods/profile.html", _context(profile, partner=partner))


def _csv(request, kind, code, partner):
    profile = _profile(request, kind, code, partner=partner)
    suffix = "-partners" if partner else ""
    return csv_download(f"profile-{kind}-{code}{suffix}.csv", (safe_row(r) for r in profile.csv_rows()))


def _pdf(request, kind, code, partner):
    profile = _profile(request, kind, code, partner=partner)
    html = render_to_string("neighbourhoods/profile_print.html", _context(profile, partner=partner))
    response = HttpResponse(html_to_pdf(html, PRINT_CSS), content_type="application/pdf")
    suffix = "-partners" if partner else ""
    response["Content-Disposition"] = f'attachment; filename="profile-{kind}-{code}{suffix}.pdf"'
    return response


def profile(request, profile_kind, profile_code):
    return _page(request, profile_kind, profile_code, False)


def profile_csv(request, profile_kind, profile_code):
    return _csv(request, profile_kind, profile_code, False)


def profile_pdf(request, profile_kind, profile_code):
    return _pdf(request, profile_kind, profile_code, False)


@requires("neighbourhoods.view_partner_profile")
def partner_profile(request, profile_kind, profile_code):
    return _page(request, profile_kind, profile_code, True)


@requires("neighbourhoods.view_partner_profile")
def partner_profile_csv(request, profile_kind, profile_code):
    return _csv(request, profile_kind, profile_code, True)


@requires("neighbourhoods.view_partner_profile")
def partner_profile_pdf(request, profile_kind, profile_code):
    return _pdf(request, profile_kind, profile_code, True)


@requires("neighbourhoods.manage_neighbourhoods")
def new_neighbourhood(request):
    form = NeighbourhoodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hood = services.save_neighbourhood(form, user=request.user, request=request)
        return redirect("neighbourhoods:partner_profile", profile_kind="neighbourhood", profile_code=hood.pk)
    return render(request, "neighbourhoods/neighbourhood_form.html", {"form": form, "title": "Choose a neighbourhood"})
