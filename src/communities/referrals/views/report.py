"""The commissioners' referral-to-outcome funnel (counts only)."""

from __future__ import annotations

from django.shortcuts import render

from communities.audit.services import Action, record
from communities.core.access import requires

from .. import funnel as funnels
from ..forms import FunnelForm


@requires("referrals.view_funnel")
def funnel(request):
    form = FunnelForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    by = data.get("by") or "service"
    rows = funnels.funnel(by, start=data.get("start"), end=data.get("end"))
    record(actor=request.user, action=Action.VIEW, object_type="referrals.Referral", request=request,
           fields={"report": "referral funnel", "by": by, "start": str(data.get("start") or ""),
                   "end": str(data.get("end") or "")})
    return render(request, "referrals/funnel.html", {
        "form": form, "rows": rows, "by": by, "group_label": funnels.GROUPS[by][0],
        "carers_with_current_plan": funnels.carers_with_current_plan(),
    })
