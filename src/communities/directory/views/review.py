"""Directory editors: the approval queue, reviewing a change, public reports and the staleness dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires

from ..forms import DecisionForm, FeedbackStatusForm
from ..models import ChangeRequest, Feedback
from ..presenters import checked_text
from ..services import workflow
from ..services.document import diff, document_for
from ..services.staleness import assurance_days, chase_time, last_chase_run, send_reminders_now, stale_services


@requires("directory.approve_change")
def queue(request):
    pending = ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING).select_related(
        "service", "service__organization", "submitted_by"
    ).order_by("submitted_at")
    recent = ChangeRequest.objects.exclude(status=ChangeRequest.Status.PENDING).select_related(
        "service", "decided_by"
    ).order_by("-decided_at")[:10]
    return render(request, "directory/editor/queue.html", {"pending": pending, "recent": recent})


@requires("directory.approve_change")
@require_http_methods(["GET", "POST"])
def change_review(request, change_id):
    change = ChangeRequest.objects.select_related("service", "submitted_by", "decided_by").filter(pk=change_id).first()
    if change is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                workflow.approve_change(actor=request.user, change_request=change, note=form.cleaned_data["note"],
                                        request=request)
                messages.success(request, f"The change to {change.service.name} is approved and published.")
            else:
                workflow.reject_change(actor=request.user, change_request=change, note=form.cleaned_data["note"],
                                       request=request)
                messages.success(request, f"The change to {change.service.name} was sent back.")
        except workflow.WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("directory:queue")
    current = document_for(change.service)
    return render(request, "directory/editor/review.html", {
        "change": change, "form": form, "rows": diff(current, change.proposed),
        "outdated": change.status == ChangeRequest.Status.PENDING
        and workflow.current_version(change.service) != change.base_version,
    })


@requires("directory.approve_change")
def staleness(request):
    stale = stale_services().order_by("assured_date", "name")
    page = Paginator(stale, 50).get_page(request.GET.get("page"))
    rows = [{"service": s, "checked": checked_text(s.assured_date), "chased": s.chases.first()}
            for s in page.object_list]
    return render(request, "directory/editor/staleness.html", {
        "page": page, "rows": rows, "days": assurance_days(),
        "feedback_new": Feedback.objects.filter(status=Feedback.Status.NEW).count(),
        "pending": ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING).count(),
        "last_run": last_chase_run(), "chase_time": chase_time(),
    })


@requires("directory.approve_change")
@require_POST
def staleness_remind(request):
    run = send_reminders_now(actor=request.user, request=request)
    if run is None:
        messages.success(request, "Reminders were already sent today. Each listing gets one reminder each time it "
                                  "becomes due, so nobody has been emailed twice.")
    else:
        messages.success(request, "Reminders are being sent for listings that have not had one since they became "
                                  "due.")
    return redirect("directory:staleness")


@requires("directory.handle_feedback")
def feedback_list(request):
    status = request.GET.get("status", "open")
    reports = Feedback.objects.select_related("service").order_by("-created_at")
    if status == "open":
        reports = reports.filter(status__in=[Feedback.Status.NEW, Feedback.Status.IN_PROGRESS])
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(request, "directory/editor/feedback_list.html", {"page": page, "status": status})


@requires("directory.handle_feedback")
@require_http_methods(["GET", "POST"])
def feedback_detail(request, feedback_id):
    feedback = Feedback.objects.select_related("service", "handled_by").filter(pk=feedback_id).first()
    if feedback is None:
        raise Http404
    form = FeedbackStatusForm(request.POST or None, initial={"status": feedback.status, "note": feedback.note})
    if request.method == "POST" and form.is_valid():
        workflow.update_feedback(actor=request.user, feedback=feedback, status=form.cleaned_data["status"],
                                 note=form.cleaned_data["note"], request=request)
        messages.success(request, "The report has been updated.")
        return redirect("directory:feedback_list")
    return render(request, "directory/editor/feedback_detail.html", {"feedback": feedback, "form": form})
