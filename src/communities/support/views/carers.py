"""Carers: link a carer with the person they care for, the carer's page (assessments, breaks and support), the
emergency plan (contacts, 48-hour cover, key safe code on request), activation and the contacts' answers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import has_perm, requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.models import Person

from ..codes import unpaid_carer
from ..forms import (
    ActivateForm,
    AssessmentForm,
    CarerLinkForm,
    ContactForm,
    EmergencyPlanForm,
    EndForm,
    SupportForm,
    WorkerAnswerForm,
)
from ..models import Activation, CarerLink, ContactResponse, EmergencyContact, EmergencyPlan
from ..services import carers as services
from ..services import emergency

NOT_FOUND = "No one your organisation supports matches that last name and date of birth"


def _link(request, link_id, *, audit=True) -> CarerLink:
    return get_visible_or_404(CarerLink, request.user,
                              request=request, audit=audit, pk=link_id)


def _find_person(request, form):
    """The one person the user may see with that surname and date of birth, or a form error."""
    data = form.cleaned_data
    found = list(visible(Person, request.user).filter(last_name__iexact=data["last_name"].strip(),
                                                       date_of_birth=data["date_of_birth"])[:2])
    if len(found) != 1:
        form.add_error("last_name", NOT_FOUND)
        return None
    return found[0]


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def carer_add(request, person_id):
    carer = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    form = CarerLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cared_for = _find_person(request, form)
        if cared_for is not None:
            try:
                link = services.link_carer(actor=request.user, organisation=request.organisation, carer=carer,
                                           cared_for=cared_for, relationship=form.cleaned_data["relationship"],
                                           started_on=form.cleaned_data["started_on"], request=request)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"{carer} is recorded as an unpaid carer for {cared_for}.")
                return redirect("support:carer", link_id=link.pk)
    return render(request, "support/carer_form.html", {
        "form": form, "person": carer, "title": f"Record who {carer} cares for",
        "intro": "Find the person they care for by their last name and date of birth.",
    })


@requires("support.view_support")
def carer_detail(request, link_id):
    link = _link(request, link_id)
    plan = visible(EmergencyPlan, request.user).filter(link=link).first()
    return render(request, "support/carer.html", {
        "link": link, "plan": plan, "code": unpaid_carer(),
        "assessments": link.assessments.all(), "support": link.support.all(),
    })


def _simple_form(request, link_id, form_class, save, template_title, done):
    link = _link(request, link_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(link, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("support:carer", link_id=link.pk)
    return render(request, "support/carer_form.html", {"form": form, "link": link, "person": link.carer,
                                                       "title": template_title})


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def assessment_add(request, link_id):
    def save(link, data):
        services.record_assessment(actor=request.user, link=link, request=request, **data)

    return _simple_form(request, link_id, AssessmentForm, save, "Record a carer's assessment",
                        "The carer's assessment has been recorded.")


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def support_add(request, link_id):
    def save(link, data):
        services.record_support(actor=request.user, link=link, request=request, **data)

    return _simple_form(request, link_id, SupportForm, save, "Record a break or support",
                        "The break or support has been recorded.")


def _plan_or_404(request, link, *, audit=True) -> EmergencyPlan:
    return get_visible_or_404(EmergencyPlan, request.user, request=request, audit=audit, link=link)


@requires("support.view_support")
def emergency_plan(request, link_id):
    link = _link(request, link_id, audit=False)
    plan = visible(EmergencyPlan, request.user).filter(link=link).first()
    if plan is None:
        return render(request, "support/emergency_plan.html", {"link": link, "plan": None})
    plan = _plan_or_404(request, link)
    code = ""
    if request.GET.get("show") == "key-safe" and plan.has_key_safe and has_perm(request.user, "support.see_key_safe"):
        code = services.key_safe_code(plan)
        services.record_key_safe_shown(actor=request.user, plan=plan, request=request)
    activation = visible(Activation, request.user).filter(plan=plan).first()
    responses = list(activation.responses.select_related("contact__person", "recorded_by")) if activation else []
    return render(request, "support/emergency_plan.html", {
        "link": link, "plan": plan, "key_safe_code": code, "cover": services.plan_cover(plan),
        "contacts": services.contacts_with_consent(plan), "activation": activation, "responses": responses,
        "can_see_key_safe": has_perm(request.user, "support.see_key_safe"),
        "answer_form": WorkerAnswerForm(), "max_contacts": services.MAX_CONTACTS,
    })


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def emergency_plan_edit(request, link_id):
    link = _link(request, link_id, audit=False)
    plan = visible(EmergencyPlan, request.user).filter(link=link).first()
    initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS} if plan else {}
    form = EmergencyPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code = "" if data["remove_key_safe_code"] else (data["key_safe_code"] or None)
        try:
            services.save_emergency_plan(actor=request.user, link=link, data=data, key_safe_code=code,
                                         request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The emergency plan has been saved.")
            return redirect("support:emergency_plan", link_id=link.pk)
    return render(request, "support/carer_form.html", {
        "form": form, "link": link, "person": link.carer,
        "title": "Change the emergency plan" if plan else "Make an emergency plan",
    })


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def contact_add(request, link_id):
    link = _link(request, link_id, audit=False)
    plan = _plan_or_404(request, link, audit=False)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = _find_person(request, form)
        if person is not None:
            data = form.cleaned_data
            try:
                services.add_contact(actor=request.user, plan=plan, person=person, relationship=data["relationship"],
                                     phone=data["phone"], email=data["email"],
                                     arrives_within_hours=data["arrives_within_hours"],
                                     stays_for_hours=data["stays_for_hours"], request=request)
            except ValidationError as exc:
                add_service_errors(form, exc)
                if "person" in exc.message_dict:
                    form.add_error("last_name", exc.message_dict["person"])
            else:
                messages.success(request, f"{person} has been added as an emergency contact.")
                return redirect("support:emergency_plan", link_id=link.pk)
    return render(request, "support/carer_form.html", {
        "form": form, "link": link, "person": link.carer, "title": "Add an emergency contact",
        "intro": "Find the contact by their last name and date of birth. They must have agreed to be a carer's "
                 "emergency contact: record their consent on their page first.",
    })


@requires("support.change_support")
@require_POST
def contact_remove(request, link_id):
    link = _link(request, link_id, audit=False)
    plan = _plan_or_404(request, link, audit=False)
    try:
        contact = visible(EmergencyContact, request.user).get(plan=plan, pk=int(request.POST.get("contact", "")))
    except (ValueError, EmergencyContact.DoesNotExist) as exc:
        raise Http404 from exc
    services.remove_contact(actor=request.user, contact=contact, request=request)
    messages.success(request, "The emergency contact has been removed.")
    return redirect("support:emergency_plan", link_id=link.pk)


@requires("support.activate_emergency_plan")
@require_http_methods(["GET", "POST"])
def activate(request, link_id):
    link = _link(request, link_id, audit=False)
    plan = _plan_or_404(request, link)
    form = ActivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency.activate(actor=request.user, plan=plan, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The emergency plan is in action. The contacts have been told.")
            return redirect("support:emergency_plan", link_id=link.pk)
    return render(request, "support/activate.html", {
        "form": form, "link": link, "plan": plan, "contacts": services.contacts_with_consent(plan),
        "cover": services.plan_cover(plan),
    })


def _open_activation(request, link) -> Activation:
    plan = _plan_or_404(request, link, audit=False)
    activation = visible(Activation, request.user).filter(plan=plan).open().first()
    if activation is None:
        raise Http404
    return activation


@requires("support.activate_emergency_plan")
@require_POST
def answer_record(request, link_id):
    link = _link(request, link_id, audit=False)
    activation = _open_activation(request, link)
    form = WorkerAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select whether the contact can help")
        return redirect("support:emergency_plan", link_id=link.pk)
    try:
        response = activation.responses.get(pk=form.cleaned_data["response"])
    except ContactResponse.DoesNotExist as exc:
        raise Http404 from exc
    emergency.answer_by_worker(actor=request.user, response=response, answer=form.cleaned_data["answer"],
                               note=form.cleaned_data["note"], request=request)
    messages.success(request, "Their answer has been recorded.")
    return redirect("support:emergency_plan", link_id=link.pk)


@requires("support.activate_emergency_plan")
@require_POST
def activation_end(request, link_id):
    link = _link(request, link_id, audit=False)
    activation = _open_activation(request, link)
    try:
        emergency.end_activation(actor=request.user, activation=activation, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The emergency plan is no longer in action.")
    return redirect("support:emergency_plan", link_id=link.pk)


@requires("support.change_support")
@require_http_methods(["GET", "POST"])
def link_end(request, link_id):
    def save(link, data):
        services.end_link(actor=request.user, link=link, reason=data["reason"], request=request)

    return _simple_form(request, link_id, EndForm, save, "Record that the caring has stopped",
                        "The caring link has ended and its emergency plan is withdrawn.")
