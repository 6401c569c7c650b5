"""Sign-off by an impact assessment approver: sign it off before the decision date, or send it back with a note."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404

from .. import presenters, services
from ..forms import SignOffForm
from ..models import Assessment, Status


@requires("impact.sign_off_assessment")
@require_http_methods(["GET", "POST"])
def sign_off(request, epia_id):
    assessment = get_visible_or_404(Assessment, request.user, request=request, pk=epia_id)
    waiting = assessment.status == Status.AWAITING_SIGN_OFF
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and waiting and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.sign_off(actor=request.user, assessment=assessment, approve=approve,
                              note=form.cleaned_data["note"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The assessment is signed off." if approve else
                             "The assessment has been sent back to its author.")
            return redirect("impact:detail", epia_id=assessment.pk)
    return render(request, "impact/sign_off.html", {
        "form": form, "assessment": assessment, "waiting": waiting, "groups": presenters.groups(assessment),
        "own": assessment.created_by_id == request.user.pk, "title": f"Sign off: {assessment.title}",
    })
