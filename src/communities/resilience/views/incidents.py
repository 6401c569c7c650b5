"""Incidents: the emergencies home page, declaring an incident (works without JavaScript), the incident page (map,
live progress against the 4-hour target, data holders to ask, responders, the call list), closing it, the report
afterwards and the responders' export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.services import record_people_shown

from .. import export
from .. import needs as needs_codes
from ..forms import DeclareForm, ResponderForm
from ..maps import incident_map
from ..models import FollowUp, Incident, RegisterEntry
from ..progress import progress
from ..progress import report as build_report
from ..services import calls as call_services
from ..services.holders import holders_for
from ..services.incidents import close_incident, declare_incident


def _incident(request, incident_id) -> Incident:
    return get_visible_or_404(Incident, request.user,
                              request=request, pk=incident_id)


@requires("resilience.run_incident")
def home(request):
    incidents = list(visible(Incident, request.user)[:20])
    register = visible(RegisterEntry, request.user)
    today = timezone.localdate()
    return render(request, "resilience/home.html", {
        "incidents": [(i, progress(i)) for i in incidents],
        "on_register": register.current(today).count(), "lapsed": register.lapsed(today).count(),
    })


@requires("resilience.run_incident")
def declare(request):
    form = DeclareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = declare_incident(actor=request.user, name=data["name"], area=data["area"],
                                        cohorts=data["cohorts"], exercise=data["exercise"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{incident} is open with {incident.calls.count():,} people to call")
            return redirect("resilience:incident", incident.pk)
    return render(request, "resilience/declare.html", {"form": form})


@requires("resilience.run_incident")
def incident(request, incident_id):
    found = _incident(request, incident_id)
    calls = found.calls.on_current_register().select_related("entry__person", "responder").order_by("position")
    page = Paginator(calls, 50).get_page(request.GET.get("page"))
    record_people_shown(actor=request.user, people=[c.entry.person for c in page], request=request,
                        page=page.number, where=f"incident call list: {found.name}")
    memberships = call_services.responder_candidates(found.organisation) if found.is_open else []
    labels = needs_codes.needs()
    return render(request, "resilience/incident.html", {
        "incident": found, "progress": progress(found), "page": page, "map": incident_map(found),
        "holders": holders_for(found), "cohort_labels": [labels[c].label for c in found.cohorts if c in labels],
        "responders": found.responders.select_related("user", "organisation"),
        "responder_form": ResponderForm(memberships=memberships),
        "follow_ups": FollowUp.objects.filter(call__incident=found, done_at__isnull=True)
        .select_related("call__entry__person"),
    })


@requires("resilience.run_incident")
@require_POST
def responders(request, incident_id):
    found = _incident(request, incident_id)
    memberships = list(call_services.responder_candidates(found.organisation))
    form = ResponderForm(request.POST, memberships=memberships)
    if form.is_valid():
        try:
            added = call_services.add_responder(actor=request.user, incident=found, request=request,
                                                membership=form.memberships[form.cleaned_data["membership"]])
            messages.success(request, f"{added.user} is responding")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "Choose who will respond")
    return redirect("resilience:incident", found.pk)


@requires("resilience.run_incident")
@require_POST
def share_out(request, incident_id):
    found = _incident(request, incident_id)
    try:
        given = call_services.share_out_calls(actor=request.user, incident=found, request=request)
        messages.success(request, "Calls shared out: " + ", ".join(f"{email} {n:,}" for email, n in given.items()))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("resilience:incident", found.pk)


@requires("resilience.run_incident")
@require_POST
def close(request, incident_id):
    found = _incident(request, incident_id)
    try:
        close_incident(actor=request.user, incident=found, request=request)
        messages.success(request, f"{found.name} is closed: responders' call lists have ended")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("resilience:report", found.pk)


@requires("resilience.run_incident")
def report(request, incident_id):
    found = _incident(request, incident_id)
    built = build_report(found)
    return render(request, "resilience/report.html", {"incident": found, "report": built, "needs_tables": [
        ("Needs on the call list", built.needs_on_list), ("Needs of people who needed help",
                                                          built.needs_of_those_needing_help)]})


def _export(request, incident_id, kind):
    found = _incident(request, incident_id)
    calls = found.calls.on_current_register().order_by("position")
    if kind == "csv":
        body, content_type = export.as_csv(request.user, found, calls, request=request), "text/csv; charset=utf-8"
    else:
        body, content_type = export.as_pdf(request.user, found, calls, request=request), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="call-list-{stamp}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@requires("resilience.run_incident")
def export_csv(request, incident_id):
    return _export(request, incident_id, "csv")


@requires("resilience.run_incident")
def export_pdf(request, incident_id):
    return _export(request, incident_id, "pdf")


@requires("resilience.run_incident")
@require_POST
def follow_up_done(request, follow_up_id):
    follow_up = get_object_or_404(FollowUp.objects.select_related("call__incident"), pk=follow_up_id,
                                  call__incident__organisation=request.organisation)
    try:
        call_services.finish_follow_up(actor=request.user, follow_up=follow_up, request=request)
        messages.success(request, "Follow-up marked as done")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("resilience:incident", follow_up.call.incident_id)
