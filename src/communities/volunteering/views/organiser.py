"""Organisers' pages: their organisation's roles and sessions, applications to decide, hours to approve, a
volunteer's checks, adding a volunteer to a session's list. Lookups go through ``visible_to``/``organised_by``
(another organisation's id is a 404); volunteers' records are read through the audited scoped lookup."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible

from .. import queries
from ..checks import unmet_requirements
from ..forms import ActivityForm, AddVolunteerForm, CheckForm, DecideForm, RoleForm, SessionForm
from ..models import Activity, Role, Session
from ..services import hours as hours_services
from ..services import opportunities as services
from ..services import volunteers as volunteer_services
from ..services.opportunities import RequirementsNotMet

PERMISSION = "volunteering.organise"


@requires(PERMISSION)
def home(request):
    user = request.user
    return render(request, "volunteering/organiser_home.html", {
        "roles": visible(Role, user).select_related("activity").order_by("title"),
        "applications": queries.applications_to_decide(user),
        "hours": queries.hours_to_approve(user),
    })


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def activity_add(request):
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_activity(actor=request.user, organisation=request.organisation, request=request,
                                 **form.cleaned_data)
        return redirect("volunteering:role_add")
    return render(request, "volunteering/form.html", {"form": form, "title": "Add an activity",
                                                      "back": "volunteering:organiser_home"})


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def role_add(request):
    activities = list(visible(Activity, request.user))
    if not activities:
        return redirect("volunteering:activity_add")
    form = RoleForm(request.POST or None, activities=activities)
    if request.method == "POST" and form.is_valid():
        activity = next(a for a in activities if str(a.pk) == form.cleaned_data["activity"])
        try:
            role = services.publish_role(actor=request.user, activity=activity, request=request,
                                         **form.role_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("volunteering:role_manage", vol_role_id=role.pk)
    return render(request, "volunteering/form.html", {"form": form, "title": "Publish a volunteering role",
                                                      "back": "volunteering:organiser_home"})


@requires(PERMISSION)
def role_manage(request, vol_role_id):
    role = get_visible_or_404(Role, request.user, request=request, pk=vol_role_id)
    sessions = role.sessions.prefetch_related("signups__volunteer").order_by("starts_at")[:60]
    return render(request, "volunteering/role_manage.html", {
        "role": role, "sessions": sessions, "requirements": role.requirements.describe(),
        "applications": role.applications.select_related("volunteer")})


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def session_add(request, vol_role_id):
    role = get_visible_or_404(Role, request.user, request=request, pk=vol_role_id)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_sessions(actor=request.user, role=role, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("volunteering:role_manage", vol_role_id=role.pk)
    return render(request, "volunteering/form.html", {"form": form, "title": f"Add sessions: {role.title}",
                                                      "back": "volunteering:organiser_home"})


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def application(request, vol_application_id):
    found = get_visible_or_404(queries.application_for_organiser(request.user), request.user, request=request,
                               pk=vol_application_id)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_application(actor=request.user, application=found, request=request,
                                        approve=form.cleaned_data["decision"] == "approve",
                                        note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Application {found.get_status_display().lower()}.")
            return redirect("volunteering:organiser_home")


    return render(request, "volunteering/application.html", {
        "application": found, "form": form,
        "unmet": unmet_requirements(found.volunteer, found.role.requirements, timezone.localdate())})


@requires(PERMISSION)
@require_POST
def hours_decide(request, vol_hours_id):
    entry = get_visible_or_404(queries.hours_for_organiser(request.user), request.user, request=request,
                               pk=vol_hours_id)
    try:
        hours_services.decide_hours(actor=request.user, entry=entry, approve=request.POST.get("decision") == "approve",
                                    request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{entry.hours} hours {entry.get_status_display().lower()}.")
    return redirect("volunteering:organiser_home")


@requires(PERMISSION)
def volunteer(request, vol_volunteer_id):
    found = get_visible_or_404(queries.other_volunteers(request.user), request.user, request=request,
                               pk=vol_volunteer_id)
    organisation = request.organisation
    return render(request, "volunteering/volunteer.html", {
        "volunteer": found, "checks": found.checks.select_related("verified_by"),
        "applications": found.applications.filter(role__activity__organisation=organisation).select_related("role"),
        "hours": found.hours.filter(role__activity__organisation=organisation).select_related("role")[:30]})


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def check_add(request, vol_volunteer_id):
    found = get_visible_or_404(queries.other_volunteers(request.user), request.user, request=request,
                               audit=False, pk=vol_volunteer_id)
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer_services.record_check(actor=request.user, organisation=request.organisation, volunteer=found,
                                            request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("volunteering:volunteer", vol_volunteer_id=found.pk)
    return render(request, "volunteering/form.html", {"form": form, "title": f"Record a check for {found}",
                                                      "back": "volunteering:organiser_home"})


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def signup_add(request, vol_session_id):
    """An organiser adds a volunteer to a session's list: the same service, so the same requirement gate."""
    session = get_visible_or_404(Session, request.user, request=request, pk=vol_session_id)
    form = AddVolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = queries.volunteer_by_email(form.cleaned_data["email"])
        if found is None:
            form.add_error("email", "No volunteer has an account with this email address")
        else:
            try:
                services.sign_up(actor=request.user, volunteer=found, session=session, request=request)
            except RequirementsNotMet as exc:
                form.add_error("email", exc.reasons)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("volunteering:role_manage", vol_role_id=session.role_id)
    return render(request, "volunteering/form.html", {"form": form, "title": f"Add a volunteer to {session}",
                                                      "back": "volunteering:organiser_home"})
