"""Editors' pages for listings: the list of listings you may edit, proposing a change, assuring, history and diff."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import has_perm, requires

from ..forms import EditorSearchForm, ServiceEditForm
from ..models import ChangeRequest, Service, ServiceVersion
from ..presenters import checked_text
from ..services import workflow
from ..services.document import FIELDS, diff, document_for


def _editable_or_404(request, service_id) -> Service:
    service = Service.objects.editable_by(request.user).select_related("organization").filter(pk=service_id).first()
    if service is None:
        raise Http404
    return service


@requires("directory.edit_service")
def editor_home(request):
    form = EditorSearchForm(request.GET or None)
    services = Service.objects.editable_by(request.user).select_related("organization").annotate(
        pending=Count("change_requests", filter=Q(change_requests__status=ChangeRequest.Status.PENDING))
    )
    if form.is_valid() and form.cleaned_data["q"]:
        services = services.filter(
            Q(name__icontains=form.cleaned_data["q"]) | Q(organization__name__icontains=form.cleaned_data["q"])
        )
    page = Paginator(services.order_by("name", "id"), 25).get_page(request.GET.get("page"))
    rows = [{"service": s, "checked": checked_text(s.assured_date)} for s in page.object_list]
    return render(request, "directory/editor/home.html", {
        "form": form, "page": page, "rows": rows,
        "is_editor": has_perm(request.user, "directory.approve_change"),
        "pending_total": ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING).count(),
    })


@requires("directory.edit_service")
@require_http_methods(["GET", "POST"])
def service_edit(request, service_id):
    service = _editable_or_404(request, service_id)
    current = document_for(service)
    form = ServiceEditForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        proposed = form.document()
        if not diff(current, proposed):
            form.add_error(None, "You have not changed anything. To confirm the listing is still right, use "
                                 "'Confirm this listing is up to date' instead.")
        else:
            change = workflow.propose_change(actor=request.user, service=service, doc=proposed, request=request)
            if change.status == ChangeRequest.Status.APPROVED:
                messages.success(request, "The listing has been updated and published.")
            else:
                messages.success(request, "Your change has been sent to a directory editor for approval.")
            return redirect("directory:service_history", service_id=service.pk)
    pending = service.change_requests.filter(status=ChangeRequest.Status.PENDING).count()
    return render(request, "directory/editor/edit.html", {
        "form": form, "service": service, "pending": pending,
        "publishes": has_perm(request.user, "directory.approve_change"),
    })


@requires("directory.edit_service")
@require_http_methods(["GET", "POST"])
def service_add(request):
    form = ServiceEditForm(request.POST or None, initial={"status": "active"})
    if request.organisation is None:
        raise Http404
    if request.method == "POST" and form.is_valid():
        change = workflow.propose_new_listing(actor=request.user, organisation=request.organisation,
                                              doc=form.document(), request=request)
        if change.status == ChangeRequest.Status.APPROVED:
            messages.success(request, "The listing has been published.")
        else:
            messages.success(request, "The new listing has been sent to a directory editor for approval.")
        return redirect("directory:service_history", service_id=change.service_id)
    return render(request, "directory/editor/edit.html", {
        "form": form, "service": None, "pending": 0, "publishes": has_perm(request.user, "directory.approve_change"),
    })


@requires("directory.edit_service")
@require_POST
def service_assure(request, service_id):
    service = _editable_or_404(request, service_id)
    workflow.assure_service(actor=request.user, service=service, request=request)
    messages.success(request, f"Thank you: {service.name} is marked as checked today.")
    return redirect("directory:service_history", service_id=service.pk)


@requires("directory.edit_service")
def service_history(request, service_id):
    service = _editable_or_404(request, service_id)
    versions = list(service.versions.order_by("-number"))
    changes = service.change_requests.select_related("submitted_by", "decided_by").order_by("-submitted_at")[:20]
    return render(request, "directory/editor/history.html", {
        "service": service, "versions": versions, "changes": changes, "checked": checked_text(service.assured_date),
    })


@requires("directory.edit_service")
def version_diff(request, service_id, version_number):
    service = _editable_or_404(request, service_id)
    version = ServiceVersion.objects.filter(service=service, number=version_number).first()
    if version is None:
        raise Http404
    previous = ServiceVersion.objects.filter(service=service, number=version_number - 1).first()
    rows = diff(previous.data if previous else {}, version.data)
    return render(request, "directory/editor/diff.html", {
        "service": service, "version": version, "previous": previous, "rows": rows, "fields": FIELDS,
    })
