"""Support plans: a person's plans and carers, a plan, its goals, actions and reviews, "My reviews due", the
resident's printable copy (page and PDF)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.audit.services import Action as AuditAction
from communities.audit.services import record
from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.core.pdf import html_to_pdf
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.models import Person
from communities.people.services import record_people_shown

from ..forms import ActionForm, EndForm, FindPersonForm, GoalForm, PlanForm, ReviewForm
from ..models import Action, CarerLink, SupportPlan
from ..services import plans as services
from ..services.plans import scores

PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "support" / "plan_print.css"


@requires("support.view_support")
def my_reviews(request):
    find = FindPersonForm(request.GET or None, prefix="find")
    if find.is_bound and find.is_valid():
        data = find.cleaned_data
        found = list(visible(Person, request.user).filter(last_name__iexact=data["last_name"].strip(),
                                                          date_of_birth=data["date_of_birth"])[:2])
        if len(found) == 1:
            return redirect("support:person", person_id=found[0].pk)
        find.add_error("last_name", "No one your organisation supports matches that last name and date of birth")
    due = services.reviews_due_for(request.user)
    record_people_shown(actor=request.user, people=[plan.person for plan in due], request=request,
                        where="my reviews due")
    return render(request, "support/my_reviews.html", {
        "overdue": [p for p in due if p.is_overdue], "upcoming": [p for p in due if not p.is_overdue],
        "within_days": services.REVIEWS_DUE_WITHIN_DAYS, "find": find,
    })


@requires("support.view_support")
def person_support(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    plans = visible(SupportPlan, request.user).filter(person=person).select_related("worker")
    links = visible(CarerLink, request.user).filter(Q(carer=person) | Q(cared_for=person)).select_related(
        "carer", "cared_for")
    return render(request, "support/person.html", {"person": person, "plans": plans, "links": links})


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def plan_add(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(
                actor=request.user, organisation=request.organisation, person=person,
                what_matters=data["what_matters"], written_by=data["what_matters_written_by"],
                writer_name=data["what_matters_writer_name"], next_review_on=data["next_review_on"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The support plan has been started. Add the person's goals next.")
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/plan_form.html", {"form": form, "person": person, "title": "Start a support plan"})


def _plan_context(plan: SupportPlan) -> dict:
    goals = list(plan.goals.prefetch_related("actions"))
    reviews = list(plan.reviews.select_related("reviewed_by").prefetch_related("answers", "progress__goal"))
    return {"plan": plan, "person": plan.person, "goals": goals,
            "reviews": [{"review": r, "scores": scores(r), "progress": list(r.progress.all())} for r in reviews],
            "today": timezone.localdate()}


@requires("support.view_support")
def plan_detail(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request,
                              pk=plan_id)
    return render(request, "support/plan.html", _plan_context(plan))


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request, pk=plan_id)
    initial = {"what_matters": plan.what_matters, "what_matters_written_by": plan.what_matters_written_by,
               "what_matters_writer_name": plan.what_matters_writer_name, "next_review_on": plan.next_review_on}
    form = PlanForm(request.POST or None, initial=initial)
    form.fields["next_review_on"].not_before_today = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_plan(actor=request.user, plan=plan, what_matters=data["what_matters"],
                                 written_by=data["what_matters_written_by"],
                                 writer_name=data["what_matters_writer_name"],
                                 next_review_on=data["next_review_on"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The plan has been updated.")
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/plan_form.html",
                  {"form": form, "person": plan.person, "plan": plan, "title": "Change the plan"})


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def goal_add(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request, pk=plan_id)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = {k: data[k] for k in ("description", "who", "who_name", "by_when")}
        try:
            services.add_goal(actor=request.user, plan=plan, description=data["goal"], action=action,
                              request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The goal and its first action have been added.")
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/plan_form.html",
                  {"form": form, "person": plan.person, "plan": plan, "title": "Add a goal"})


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def action_add(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request, pk=plan_id)
    goals = list(plan.goals.all())
    form = ActionForm(request.POST or None, goals=goals, initial={"goal": request.GET.get("goal")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        goal = next(g for g in goals if g.pk == data["goal"])
        try:
            services.add_action(actor=request.user, goal=goal, description=data["description"], who=data["who"],
                                who_name=data["who_name"], by_when=data["by_when"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The action has been added.")
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/plan_form.html",
                  {"form": form, "person": plan.person, "plan": plan, "title": "Add an action"})


@requires("support.change_support")
@require_POST
def action_done(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request, audit=False, pk=plan_id)
    try:
        action = visible(Action, request.user).get(goal__plan=plan, pk=int(request.POST.get("action", "")))
    except (ValueError, Action.DoesNotExist) as exc:
        raise Http404 from exc
    services.mark_action_done(actor=request.user, action=action, request=request)
    messages.success(request, "The action is marked as done.")
    return redirect("support:plan", plan_id=plan.pk)


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def review_add(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request, pk=plan_id)
    goals = list(plan.goals.all())
    form = ReviewForm(request.POST or None, goals=goals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_review(actor=request.user, plan=plan, reviewed_on=data["reviewed_on"],
                                   what_changes=data["what_changes"], next_review_on=data["next_review_on"],
                                   progress=data["progress"], answers=data["answers"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The review has been recorded.")
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/review_form.html", {"form": form, "plan": plan, "person": plan.person})


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def plan_close(request, plan_id):
    plan = get_visible_or_404(SupportPlan, request.user, request=request, pk=plan_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_plan(actor=request.user, plan=plan, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The plan has been closed.")
            return redirect("support:plan", plan_id=plan.pk)
    return render(request, "support/plan_form.html",
                  {"form": form, "person": plan.person, "plan": plan, "title": "Close the plan"})


def _printable(request, plan_id, fmt: str):
    plan = get_visible_or_404(SupportPlan, request.user,
                              request=request, audit=False, pk=plan_id)
    record(actor=request.user, action=AuditAction.EXPORT, obj=plan, request=request,
           fields={"format": fmt, "person": str(plan.person_id)}, reason="Printable copy for the resident")
    return plan, {**_plan_context(plan), "printed_on": timezone.localdate()}


@requires("support.view_support")
def plan_print(request, plan_id):
    _, context = _printable(request, plan_id, "page")
    return render(request, "support/plan_print.html", {**context, "stylesheet": "support/plan_print.css"})


@requires("support.view_support")
def plan_pdf(request, plan_id):
    plan, context = _printable(request, plan_id, "pdf")
    html = render_to_string("support/plan_print.html", {**context, "stylesheet": ""})
    response = HttpResponse(html_to_pdf(html, PRINT_CSS), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="support-plan-{plan.started_on:%Y-%m-%d}.pdf"'
    return response

