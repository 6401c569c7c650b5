"""The volunteer's own pages: what they applied for and signed up to, hours and certificate, details and week
pattern. Every lookup is of the volunteer's own rows (``own(user)``), so another volunteer's id is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.core.pdf import html_to_pdf

from .. import queries
from ..availability import weekly_slots
from ..forms import ApplyForm, AvailabilityForm, HoursForm, ProfileForm
from ..models import Volunteer
from ..services import hours as hours_services
from ..services import opportunities as services
from ..services import volunteers as volunteer_services
from ..services.opportunities import RequirementsNotMet
from .common import needs_volunteer_record, open_to_residents, volunteer_of

PERMISSION = "volunteering.volunteer"


@open_to_residents
@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def join(request):
    """A signed-in account without a volunteer record makes one (a resident who registered has one already)."""
    if volunteer_of(request.user) is not None:
        return redirect("volunteering:mine")
    first, _, last = (request.user.full_name or "").partition(" ")
    form = ProfileForm(request.POST or None, initial={"first_name": first, "last_name": last})
    if request.method == "POST" and form.is_valid():
        volunteer = Volunteer(user=request.user, email=request.user.email)
        try:
            _save_profile(request, volunteer, form, new=True)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("volunteering:mine")
    return render(request, "volunteering/profile.html", {"form": form, "title": "Volunteer with us"})


def _save_profile(request, volunteer, form, *, new: bool):
    if new:
        from django.db import transaction

        with transaction.atomic():
            volunteer.first_name, volunteer.last_name = form.cleaned_data["first_name"], form.cleaned_data["last_name"]
            volunteer.save()
            volunteer_services.update_profile(actor=request.user, volunteer=volunteer, request=request,
                                              **form.profile())
    else:
        volunteer_services.update_profile(actor=request.user, volunteer=volunteer, request=request, **form.profile())


@open_to_residents
@requires(PERMISSION)
@needs_volunteer_record
def mine(request, volunteer):
    signups = queries.my_upcoming_signups(request.user)
    total, lines = hours_services.totals_for(volunteer)
    return render(request, "volunteering/mine.html", {
        "volunteer": volunteer, "signups": signups, "total": total, "lines": lines,
        "applications": queries.my_applications(request.user),
        "hours": queries.my_hours(request.user),
        "slots": sorted(weekly_slots(volunteer)),
    })


@open_to_residents
@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@needs_volunteer_record
def profile(request, volunteer):
    form = ProfileForm(request.POST or None, initial={
        "first_name": volunteer.first_name, "last_name": volunteer.last_name, "postcode": volunteer.home_postcode,
        "date_of_birth": volunteer.date_of_birth, "languages": ", ".join(volunteer.languages),
        "interests": ", ".join(volunteer.interests)})
    if request.method == "POST" and form.is_valid():
        try:
            _save_profile(request, volunteer, form, new=False)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your details have been saved.")
            return redirect("volunteering:mine")
    return render(request, "volunteering/profile.html", {"form": form, "title": "Your details"})


@open_to_residents
@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@needs_volunteer_record
def availability(request, volunteer):
    current = [f"{d}:{p}" for d, p in sorted(weekly_slots(volunteer))]
    form = AvailabilityForm(request.POST or None, initial={"slots": current})
    if request.method == "POST" and form.is_valid():
        volunteer_services.set_availability(actor=request.user, volunteer=volunteer, slots=form.chosen(),
                                            request=request)
        messages.success(request, "Your week pattern has been saved.")
        return redirect("volunteering:mine")
    return render(request, "volunteering/availability.html", {"form": form})


def _refused(request, exc: ValidationError) -> None:
    reasons = exc.reasons if isinstance(exc, RequirementsNotMet) else exc.messages
    for reason in reasons:
        messages.error(request, reason)


@open_to_residents
@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@needs_volunteer_record
def apply(request, volunteer, vol_role_id):
    role = queries.published_role(vol_role_id)
    if role is None:
        raise Http404
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(actor=request.user, volunteer=volunteer, role=role, request=request,
                           message=form.cleaned_data["message"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"You have applied to volunteer as {role.title}. The organiser will reply.")
            return redirect("volunteering:role", vol_role_id=role.pk)
    return render(request, "volunteering/apply.html", {"form": form, "role": role})


@open_to_residents
@requires(PERMISSION)
@require_POST
@needs_volunteer_record
def sign_up(request, volunteer, vol_session_id):
    session = queries.bookable_session(vol_session_id)
    if session is None:
        raise Http404
    try:
        services.sign_up(actor=request.user, volunteer=volunteer, session=session, request=request)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"You are signed up: {session}.")
    return redirect("volunteering:role", vol_role_id=session.role_id)


@open_to_residents
@requires(PERMISSION)
@require_POST
def cancel_signup(request, vol_signup_id):
    signup = queries.my_signup(request.user, vol_signup_id)
    if signup is None:
        raise Http404
    services.cancel_signup(actor=request.user, signup=signup, request=request)
    messages.success(request, "Your place has been cancelled.")
    return redirect("volunteering:mine")


@open_to_residents
@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
@needs_volunteer_record
def log_hours(request, volunteer):
    roles = list(queries.roles_for_hours(volunteer))
    form = HoursForm(request.POST or None, roles=roles, initial={"on_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        role = next(r for r in roles if str(r.pk) == form.cleaned_data["role"])
        try:
            hours_services.log_hours(actor=request.user, volunteer=volunteer, role=role, request=request,
                                     on_date=form.cleaned_data["on_date"], hours=form.cleaned_data["hours"],
                                     note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your hours are logged; the organiser will approve them.")
            return redirect("volunteering:mine")
    return render(request, "volunteering/log_hours.html", {"form": form, "roles": roles})


def _certificate_context(volunteer):
    total, lines = hours_services.totals_for(volunteer)
    return {"volunteer": volunteer, "total": total, "lines": lines, "printed_on": timezone.localdate()}


@open_to_residents
@requires(PERMISSION)
@needs_volunteer_record
def certificate(request, volunteer):
    return render(request, "volunteering/certificate.html", {**_certificate_context(volunteer), "page": True})


@open_to_residents
@requires(PERMISSION)
@needs_volunteer_record
def certificate_pdf(request, volunteer):
    from pathlib import Path

    html = render_to_string("volunteering/certificate_print.html", _certificate_context(volunteer))
    stylesheet = Path(__file__).resolve().parent.parent / "static" / "volunteering" / "certificate.css"
    response = HttpResponse(html_to_pdf(html, stylesheet), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="volunteering-certificate.pdf"'
    return response
