"""Lists of lists: the catalogue of organisations that hold lists of people who may need help, what they hold, the
sharing protocol, its trigger and whom to ask."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from communities.core.access import has_perm, requires

from .. import needs as needs_codes
from ..forms import HolderForm
from ..models import DataHolder, HolderKind
from ..services.holders import save_holder

GUIDANCE = ("Cabinet Office, “Identifying people who are vulnerable in a crisis: guidance for emergency planners and "
            "responders” (2025 update): a single up-to-date list is impossible; know which organisations hold which "
            "lists, and agree data-sharing protocols and their triggers in advance.")


@requires("resilience.view_holders")
def holders(request):
    rows = DataHolder.objects.order_by("kind", "name")
    labels = needs_codes.needs()
    kinds = dict(HolderKind.choices)
    grouped: dict[str, list] = {}
    for holder in rows:
        grouped.setdefault(kinds.get(holder.kind, holder.kind), []).append(
            (holder, [labels[c].label for c in holder.needs if c in labels]))
    return render(request, "resilience/holders.html", {
        "grouped": grouped, "guidance": GUIDANCE, "can_edit": has_perm(request.user, "resilience.manage_holders")})


@requires("resilience.manage_holders")
def edit(request, holder_id=None):
    holder = get_object_or_404(DataHolder, pk=holder_id) if holder_id else DataHolder()
    form = HolderForm(request.POST or None, instance=holder)
    if request.method == "POST" and form.is_valid():
        save_holder(actor=request.user, holder=form.save(commit=False), request=request)
        messages.success(request, f"Saved {holder.name}")
        return redirect("resilience:holders")
    return render(request, "resilience/holder_form.html", {
        "form": form, "title": f"Change {holder.name}" if holder_id else "Add a data holder"})
