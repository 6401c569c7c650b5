"""Referrals received and sent: the dashboard per receiving service, the overdue list, one referral (what it shares),
answering it, response targets, and the FHIR export."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import has_perm, requires
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.services import record_people_shown

from .. import fhir, queries, services
from ..forms import ACTION_LABELS, RespondForm, TargetForm
from ..models import Referral, Status
from ..safeguarding import safeguarding_contacts

LISTS = {
    "overdue": ("Overdue", lambda r: r.overdue()),
    "new": ("Waiting for an answer", lambda r: r.awaiting_response()),
    "accepted": ("Accepted", lambda r: r.filter(status=Status.ACCEPTED)),
    "completed": ("Completed", lambda r: r.filter(status=Status.COMPLETED)),
}


def _shown(request, referrals, where):
    """Lists show the shared name only; the audit trail still names every person shown."""
    record_people_shown(actor=request.user, people=[r.person for r in referrals], request=request, where=where)


@requires("referrals.view_referral")
def dashboard(request):
    organisation = request.organisation
    mine = visible(Referral, request.user)
    received = mine.received_by(organisation)
    show = request.GET.get("show", "overdue")
    title, pick = LISTS.get(show, LISTS["overdue"])
    listed = queries.list_of(pick(received).order_by("respond_by"))
    sent = queries.list_of(mine.sent_by(organisation))
    _shown(request, listed + sent, "referrals dashboard")
    return render(request, "referrals/dashboard.html", {
        "figures": queries.figures_by_service(received), "listed": listed, "list_title": title, "show": show,
        "lists": {key: label for key, (label, _) in LISTS.items()}, "sent": sent,
        "can_set_targets": has_perm(request.user, "referrals.set_response_target"),
    })


@requires("referrals.view_referral")
def detail(request, referral_id):
    referral = get_visible_or_404(Referral, request.user, request=request, pk=referral_id)
    if has_perm(request.user, "referrals.respond_referral"):
        referral = services.mark_seen(actor=request.user, referral=referral, request=request)
    receiving = request.organisation == referral.to_organisation
    choices = [(s, ACTION_LABELS[s]) for s in referral.next_statuses() if s in ACTION_LABELS and (
        (s == Status.WITHDRAWN) != receiving)]
    form = RespondForm(initial={"from_status": referral.status}, choices=choices)
    return render(request, "referrals/detail.html", {
        "referral": referral, "changes": referral.changes.select_related("by", "organisation"), "form": form,
        "receiving": receiving, "can_respond": bool(choices) and has_perm(request.user, "referrals.respond_referral"),
        # The receiving side sees the person's record only once it has accepted (its involvement opens then).
        "record_link": referral.status in (Status.ACCEPTED, Status.COMPLETED) or not receiving,
        "safeguarding": safeguarding_contacts() if referral.safeguarding_concern else None,
    })


@requires("referrals.respond_referral")
@require_POST
def respond(request, referral_id):
    referral = get_visible_or_404(Referral, request.user, request=request, audit=False, pk=referral_id)
    receiving = request.organisation == referral.to_organisation
    choices = [(s, ACTION_LABELS[s]) for s in ACTION_LABELS if (s == Status.WITHDRAWN) != receiving]
    form = RespondForm(request.POST, choices=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(actor=request.user, referral=referral, request=request, **data)
        except services.ReferralError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, f"Referral {referral.reference} is now "
                                      f"{Status(data['to_status']).label.lower()}. The referrer has been told.")
            return redirect("referrals:detail", referral_id=referral.pk)
    referral.refresh_from_db()
    return render(request, "referrals/detail.html", {
        "referral": referral, "changes": referral.changes.select_related("by", "organisation"), "form": form,
        "receiving": receiving, "can_respond": True,
        "record_link": referral.status in (Status.ACCEPTED, Status.COMPLETED) or not receiving,
        "safeguarding": safeguarding_contacts() if referral.safeguarding_concern else None,
    }, status=400)


@requires("referrals.set_response_target")
@require_http_methods(["GET", "POST"])
def target(request, service_id):
    service = queries.own_services(request.organisation).filter(pk=service_id).first()
    if service is None:
        raise Http404
    current = getattr(service, "response_target", None)
    form = TargetForm(request.POST if request.method == "POST" else None,
                      initial={"days": current.days if current else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_response_target(actor=request.user, service=service, days=form.cleaned_data["days"],
                                         request=request)
        except services.ReferralError as exc:
            form.add_error("days", str(exc))
        else:
            messages.success(request, f"{service.name} now aims to answer referrals within "
                                      f"{form.cleaned_data['days']} days.")
            return redirect("referrals:dashboard")
    return render(request, "referrals/target.html", {"form": form, "service": service})


@requires("referrals.export_referral")
def export_fhir(request, referral_id):
    referral = get_visible_or_404(Referral, request.user, request=request, audit=False, pk=referral_id)
    bundle = fhir.referral_bundle(referral)
    services.record_export(actor=request.user, referral=referral, what="FHIR R4 ServiceRequest + Task",
                           request=request)
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="referral-{referral.reference}.fhir.json"'
    return response
