"""The register of assessments, one assessment, and writing it: details, each group, engagement, actions, evidence,
sending it for sign-off, publishing and reassessing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import has_perm, requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible

from .. import presenters, services
from ..characteristics import by_code, choices
from ..forms import ActionForm, AssessmentForm, ConsiderationForm, EngagementForm, ReassessForm
from ..models import Assessment, Status

SHOW = {"all": "All", **dict(Status.choices), "review_due": "Review due"}


@requires("impact.view_assessment")
def register(request):
    show = request.GET.get("show", "all")
    show = show if show in SHOW else "all"
    listed = visible(Assessment, request.user).prefetch_related("wards").order_by("-decision_on", "title")
    today = timezone.localdate()
    if show == "review_due":
        listed = listed.review_due(today)
    elif show != "all":
        listed = listed.filter(status=show)
    return render(request, "impact/register.html", {
        "assessments": listed, "show": show, "show_label": SHOW[show], "filters": SHOW, "today": today,
        "can_write": has_perm(request.user, "impact.change_assessment"),
    })


def _assessment(request, epia_id) -> Assessment:
    return get_visible_or_404(Assessment, request.user, request=request, pk=epia_id)


@requires("impact.view_assessment")
def detail(request, epia_id):
    assessment = _assessment(request, epia_id)
    actions = list(assessment.actions.select_related("carried_from"))
    engagement = list(assessment.engagement.all())
    return render(request, "impact/detail.html", {
        "assessment": assessment, "groups": presenters.groups(assessment, actions=actions, engagement=engagement),
        "actions": actions, "engagement": engagement, "evidence": assessment.evidence,
        "problems": services.problems_before_submission(assessment) if assessment.editable else [],
        "can_write": has_perm(request.user, "impact.change_assessment"),
        "can_edit": assessment.editable and has_perm(request.user, "impact.change_assessment"),
        "can_sign_off": has_perm(request.user, "impact.sign_off_assessment"),
        "can_see_engagement": has_perm(request.user, "impact.view_engagement"),
        "reassessments": list(assessment.reassessments.all()),
    })


@requires("impact.change_assessment")
@require_http_methods(["GET", "POST"])
def create(request):
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.create_assessment(
                actor=request.user, organisation=request.organisation, details=form.details(),
                wards=list(form.cleaned_data["wards"]), lsoas=form.cleaned_data["lsoa_codes"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The assessment has been started and its evidence taken from the platform.")
            return redirect("impact:detail", epia_id=assessment.pk)
    return render(request, "impact/form.html", {"form": form, "title": "Start an impact assessment",
                                                "back": "impact:register"})


@requires("impact.change_assessment")
@require_http_methods(["GET", "POST"])
def edit(request, epia_id):
    assessment = _assessment(request, epia_id)
    initial = {k: getattr(assessment, k) for k in ("title", "kind", "summary", "population", "decision_maker",
                                                   "decision_on", "review_on")}
    initial |= {"wards": list(assessment.wards.all()),
                "lsoa_codes": ", ".join(assessment.lsoas.values_list("code", flat=True))}
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_assessment(actor=request.user, assessment=assessment, details=form.details(),
                                       wards=list(form.cleaned_data["wards"]), lsoas=form.cleaned_data["lsoa_codes"],
                                       request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The proposal's details have been saved.")
            return redirect("impact:detail", epia_id=assessment.pk)
    return render(request, "impact/form.html", {"form": form, "title": "Change the proposal's details",
                                                "assessment": assessment})


@requires("impact.change_assessment")
@require_http_methods(["GET", "POST"])
def consideration(request, epia_id, epia_group):
    assessment = _assessment(request, epia_id)
    characteristic = by_code().get(epia_group)
    if characteristic is None:
        raise Http404
    current = assessment.considerations.get(characteristic=epia_group)
    initial = {k: getattr(current, k) for k in services.CONSIDERATION_FIELDS}
    form = ConsiderationForm(request.POST or None, initial=initial, characteristic=characteristic)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_consideration(actor=request.user, assessment=assessment, characteristic=epia_group,
                                        answers=form.cleaned_data, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{characteristic.label}: saved.")
            return redirect(f"{assessment_url(assessment)}#group-{epia_group}")
    return render(request, "impact/consideration_form.html", {
        "form": form, "assessment": assessment, "group": presenters.group(assessment, epia_group),
        "title": characteristic.label,
    })


def assessment_url(assessment: Assessment) -> str:
    from django.urls import reverse

    return reverse("impact:detail", kwargs={"epia_id": assessment.pk})


def _add(request, epia_id, form_class, save, title: str, done: str):
    assessment = _assessment(request, epia_id)
    form = form_class(request.POST or None, groups=choices())
    if request.method == "POST" and form.is_valid():
        try:
            save(assessment, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("impact:detail", epia_id=assessment.pk)
    return render(request, "impact/form.html", {"form": form, "title": title, "assessment": assessment})


@requires("impact.change_assessment")
@require_http_methods(["GET", "POST"])
def engagement_add(request, epia_id):
    return _add(request, epia_id, EngagementForm,
                lambda a, data: services.add_engagement(actor=request.user, assessment=a, entry=data,
                                                        request=request),
                "Record what people told us", "The engagement has been added to the log.")


@requires("impact.change_assessment")
@require_http_methods(["GET", "POST"])
def action_add(request, epia_id):
    return _add(request, epia_id, ActionForm,
                lambda a, data: services.add_action(actor=request.user, assessment=a, action=data, request=request),
                "Add an action", "The action has been added to the plan.")


def _act(request, assessment, do, done: str):
    try:
        do()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("impact:detail", epia_id=assessment.pk)


@requires("impact.change_assessment")
@require_POST
def action_done(request, epia_id, epia_action_id):
    assessment = _assessment(request, epia_id)
    action = assessment.actions.filter(pk=epia_action_id).first()
    if action is None:
        raise Http404
    return _act(request, assessment, lambda: services.complete_action(actor=request.user, action=action,
                                                                      request=request), "The action is marked done.")


@requires("impact.change_assessment")
@require_POST
def refresh(request, epia_id):
    assessment = _assessment(request, epia_id)
    return _act(request, assessment, lambda: services.refresh_evidence(actor=request.user, assessment=assessment,
                                                                       request=request),
                "The evidence has been taken again from the platform.")


@requires("impact.change_assessment")
@require_POST
def submit(request, epia_id):
    assessment = _assessment(request, epia_id)
    return _act(request, assessment, lambda: services.submit_for_sign_off(actor=request.user, assessment=assessment,
                                                                          request=request),
                "The assessment has been sent for sign-off.")


@requires("impact.change_assessment")
@require_POST
def publish(request, epia_id):
    assessment = _assessment(request, epia_id)
    return _act(request, assessment, lambda: services.publish(actor=request.user, assessment=assessment,
                                                              request=request),
                "The assessment is published on the council's website.")


@requires("impact.change_assessment")
@require_http_methods(["GET", "POST"])
def reassess(request, epia_id):
    assessment = _assessment(request, epia_id)
    form = ReassessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.reassess(actor=request.user, assessment=assessment, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            carried = new.actions.count()
            messages.success(request, f"A new draft has been started with the earlier assessment's {carried} open "
                                      f"action{'s' if carried != 1 else ''}.")
            return redirect("impact:detail", epia_id=new.pk)
    return render(request, "impact/form.html", {
        "form": form, "title": "Reassess this proposal", "assessment": assessment,
        "intro": "A new draft for the same proposal and area, with fresh evidence. The open actions of this "
                 "assessment are carried into it.",
    })

