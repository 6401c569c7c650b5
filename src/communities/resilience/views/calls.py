"""A responder's call list on a phone: the people given to them in open incidents, in call order, and one call with
what to say, who to call if there is no answer, and the outcome."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from communities.core.access import has_perm, requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.services import record_people_shown

from ..forms import OutcomeForm
from ..models import Call, CallOutcome, IncidentStatus
from ..services.calls import record_contact


@requires("resilience.respond")
def my_calls(request):
    mine = (visible(Call, request.user).filter(responder=request.user, incident__status=IncidentStatus.OPEN)
            .on_current_register().select_related("entry__person", "incident").order_by("incident", "position"))
    calls = list(mine[:500])
    record_people_shown(actor=request.user, people=[c.entry.person for c in calls], request=request,
                        where="my emergency calls")
    to_do = [c for c in calls if c.outcome in ("", CallOutcome.NOT_REACHED)]
    done = [c for c in calls if c.outcome not in ("", CallOutcome.NOT_REACHED)]
    return render(request, "resilience/my_calls.html", {"to_do": to_do, "done": done})


@requires("resilience.respond")
def call(request, call_id):
    found = get_visible_or_404(visible(Call, request.user).select_related("entry__person", "incident", "responder"),
                               request.user, request=request, pk=call_id)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_contact(actor=request.user, call=found, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved: {found.entry.person}, {CallOutcome(form.cleaned_data['outcome']).label}")
            if has_perm(request.user, "resilience.run_incident") and found.responder_id != request.user.pk:
                return redirect("resilience:incident", found.incident_id)
            return redirect("resilience:my_calls")
    return render(request, "resilience/call.html", {
        "call": found, "entry": found.entry, "form": form,
        "attempts": found.contact_attempts.select_related("by"), "follow_ups": found.follow_ups.all()})
