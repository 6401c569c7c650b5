"""Residents' rights: the request log, subject access exports (page, JSON, PDF), erasure decisions, the schedule."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires
from communities.organisations.scoping import get_visible_or_404, visible

from . import erasure, export, registry, schedule, services
from .forms import ErasureDecisionForm, FindPersonForm, NewRequestForm
from .models import SubjectRequest


@requires("dataprotection.handle_request")
def request_list(request):
    form = FindPersonForm(request.GET or None)
    people = []
    if form.is_valid() and form.cleaned_data["q"]:
        people = services.search_subjects(request.user, form.cleaned_data["q"], request=request)
    requests = visible(SubjectRequest, request.user).select_related("person")
    return render(request, "dataprotection/requests.html", {"form": form, "people": people, "requests": requests})


@requires("dataprotection.handle_request")
@require_http_methods(["GET", "POST"])
def request_new(request, person_id):
    person = services.subject_or_404(request.user, person_id, request=request)
    form = NewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject_request = services.log_request(actor=request.user, person=person, request=request, **form.cleaned_data)
        messages.success(request, f"Request logged. Reply by {subject_request.due_on:%-d %B %Y}.")
        return redirect("dataprotection:request_detail", request_id=subject_request.pk)
    return render(request, "dataprotection/request_new.html", {"form": form, "person": person})


def _request(request, request_id, kind: str | None = None) -> SubjectRequest:
    subject_request = get_visible_or_404(SubjectRequest, request.user, request=request, pk=request_id)
    if (kind and subject_request.kind != kind) or subject_request.person is None:
        raise Http404
    return subject_request


@requires("dataprotection.handle_request")
def request_detail(request, request_id):
    subject_request = get_visible_or_404(SubjectRequest, request.user, request=request, pk=request_id)
    return render(request, "dataprotection/request_detail.html", {"subject_request": subject_request})


def _copy(request, request_id, fmt: str):
    """The subject access copy for a request, its making audited (Action.EXPORT) in the format asked for."""
    subject_request = _request(request, request_id, SubjectRequest.Kind.ACCESS)
    data = export.build(subject_request.person, subject_request)
    export.record_export(actor=request.user, person=subject_request.person, subject_request=subject_request,
                         fmt=fmt, request=request)
    return subject_request, data


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires("dataprotection.handle_request")
def export_page(request, request_id):
    subject_request, data = _copy(request, request_id, "html")
    return render(request, "dataprotection/export.html", {"data": data, "subject_request": subject_request})


@requires("dataprotection.handle_request")
def export_json(request, request_id):
    subject_request, data = _copy(request, request_id, "json")
    return _attachment(export.as_json(data), "application/json; charset=utf-8", f"{subject_request.reference}.json")


@requires("dataprotection.handle_request")
def export_pdf(request, request_id):
    subject_request, data = _copy(request, request_id, "pdf")
    return _attachment(export.render_pdf(data), "application/pdf", f"{subject_request.reference}.pdf")


@requires("dataprotection.handle_request")
@require_POST
def mark_sent(request, request_id):
    subject_request = _request(request, request_id, SubjectRequest.Kind.ACCESS)
    try:
        services.mark_sent(actor=request.user, subject_request=subject_request, request=request)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The request is marked as answered.")
    return redirect("dataprotection:request_detail", request_id=subject_request.pk)


@requires("dataprotection.handle_request")
@require_http_methods(["GET", "POST"])
def erasure_decision(request, request_id):
    subject_request = _request(request, request_id, SubjectRequest.Kind.ERASURE)
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST" and subject_request.is_open and form.is_valid():
        try:
            erasure.decide(actor=request.user, subject_request=subject_request, request=request,
                           erase=form.cleaned_data["decision"] == "erase", reason=form.cleaned_data["reason"])
        except erasure.ErasureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Decision recorded: {subject_request.get_status_display().lower()}.")
            return redirect("dataprotection:request_detail", request_id=subject_request.pk)
    plan = erasure.plan(subject_request.person) if subject_request.is_open else []
    return render(request, "dataprotection/erasure.html",
                  {"form": form, "subject_request": subject_request, "plan": plan})


@requires("dataprotection.view_schedule")
def retention_schedule(request):
    by_type: dict[str, list] = {}
    for reg in registry.registrations():
        by_type.setdefault(reg.record_type, []).append(reg.title)
    rows = [(kind, by_type.get(key, [])) for key, kind in schedule.record_types().items()]
    return render(request, "dataprotection/schedule.html", {"rows": rows})
