"""Community action (organisers: groups, events, risk assessments, outcomes), residents' ideas with the
co-production log, and the impact page."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.places.geo import PostcodeError
from communities.places.services import PlaceNotFound, locate

from .. import impact as impact_figures
from .. import queries
from ..forms import EventForm, GroupForm, IdeaForm, IdeaStepForm, OutcomesForm, RiskAssessmentForm
from ..models import CommunityEvent, CommunityGroup, Role
from ..services import community as services
from .common import open_to_residents

ORGANISE = "volunteering.organise"


@requires(ORGANISE)
@require_http_methods(["GET", "POST"])
def group_add(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_group(actor=request.user, organisation=request.organisation, request=request,
                              **form.cleaned_data)
        return redirect("volunteering:event_add")
    return render(request, "volunteering/form.html", {"form": form, "title": "Add a community group",
                                                      "back": "volunteering:organiser_home"})


@requires(ORGANISE)
@require_http_methods(["GET", "POST"])
def event_add(request):
    groups = list(visible(CommunityGroup, request.user))
    roles = list(visible(Role, request.user))
    if not groups:
        return redirect("volunteering:group_add")
    form = EventForm(request.POST or None, groups=groups, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        group = next(g for g in groups if str(g.pk) == data.pop("group"))
        role = next(r for r in roles if str(r.pk) == data.pop("role"))
        try:
            event = services.create_event(actor=request.user, group=group, role=role, request=request, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("volunteering:event", vol_event_id=event.pk)
    return render(request, "volunteering/form.html", {"form": form, "title": "Plan a community action event",
                                                      "back": "volunteering:organiser_home"})


@requires(ORGANISE)
@require_http_methods(["GET", "POST"])
def event(request, vol_event_id):
    found = get_visible_or_404(CommunityEvent, request.user, request=request, pk=vol_event_id)
    upload = RiskAssessmentForm(prefix="risk")
    outcomes = OutcomesForm(prefix="outcomes", initial={
        "bags_collected": found.bags_collected, "area_covered_m2": found.area_covered_m2,
        "volunteers_attended": found.volunteers_attended, "outcome_note": found.outcome_note})
    if request.method == "POST" and "risk-risk_assessment" in request.FILES:
        upload = RiskAssessmentForm(request.POST, request.FILES, prefix="risk")
        if upload.is_valid():
            try:
                services.attach_risk_assessment(actor=request.user, event=found, request=request,
                                                upload=upload.cleaned_data["risk_assessment"])
            except ValidationError as exc:
                add_service_errors(upload, exc)
            else:
                messages.success(request, "The risk assessment is attached.")
                return redirect("volunteering:event", vol_event_id=found.pk)
    elif request.method == "POST":
        outcomes = OutcomesForm(request.POST, prefix="outcomes")
        if outcomes.is_valid():
            try:
                services.record_outcomes(actor=request.user, event=found, request=request, **outcomes.cleaned_data)
            except ValidationError as exc:
                add_service_errors(outcomes, exc)
            else:
                messages.success(request, "The outcomes are recorded.")
                return redirect("volunteering:event", vol_event_id=found.pk)
    signups = found.session.signups.filter(cancelled_at__isnull=True).select_related("volunteer")
    return render(request, "volunteering/event.html", {"event": found, "signups": signups, "upload": upload,
                                                       "outcomes": outcomes})


@requires(ORGANISE)
def event_risk_assessment(request, vol_event_id):
    found = get_visible_or_404(CommunityEvent, request.user, request=request, pk=vol_event_id)
    if not found.risk_assessment:
        raise Http404
    return FileResponse(found.risk_assessment.open("rb"), as_attachment=True,
                        filename=found.risk_assessment_name or "risk-assessment")


@open_to_residents
@requires("volunteering.volunteer")
@require_http_methods(["GET", "POST"])
def ideas(request):
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ward = None
        try:
            if form.cleaned_data["postcode"]:
                ward = locate(form.cleaned_data["postcode"]).ward
        except (PostcodeError, PlaceNotFound) as exc:
            form.add_error("postcode", str(exc))
        if not form.errors:
            try:
                idea = services.propose_idea(actor=request.user, title=form.cleaned_data["title"],
                                             description=form.cleaned_data["description"], ward=ward,
                                             request=request)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("volunteering:idea", vol_idea_id=idea.pk)
    return render(request, "volunteering/ideas.html", {
        "form": form, "ideas": queries.ideas()})


@open_to_residents
@requires("volunteering.volunteer")
def idea(request, vol_idea_id):
    found = queries.idea(vol_idea_id)
    if found is None:
        raise Http404
    from communities.core.access import has_perm

    return render(request, "volunteering/idea.html", {
        "idea": found, "log": found.log.all(), "may_discuss": has_perm(request.user, "volunteering.discuss_idea")})


@requires("volunteering.discuss_idea")
@require_http_methods(["GET", "POST"])
def idea_log(request, vol_idea_id):
    found = queries.idea(vol_idea_id)
    if found is None:
        raise Http404
    form = IdeaStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_idea_step(actor=request.user, idea=found, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("volunteering:idea", vol_idea_id=found.pk)
    return render(request, "volunteering/form.html", {"form": form, "title": f"Co-production: {found.title}",
                                                      "back": "volunteering:ideas"})


@requires("volunteering.view_impact")
def impact(request):
    end = timezone.localdate()
    start = end - timedelta(days=365)
    try:
        befriending = reverse("befriending:impact")
    except NoReverseMatch:
        befriending = ""
    return render(request, "volunteering/impact.html", {
        "summary": impact_figures.summary(start, end), "wards": impact_figures.by_ward(start, end),
        "deciles": impact_figures.by_imd_decile(start, end), "befriending_url": befriending})
