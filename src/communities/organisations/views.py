"""Organisation administrators see members, invite new ones and end memberships; members switch organisation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires

from . import services
from .forms import InviteForm, SwitchOrganisationForm
from .middleware import SESSION_KEY
from .scoping import get_visible_or_404


@requires("organisations.view_members")
def members(request):
    organisation = request.organisation
    return render(
        request,
        "organisations/members.html",
        {
            "memberships": organisation.memberships.select_related("user").order_by("user__email", "role"),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True),
        },
    )


@requires("organisations.invite_member")
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InviteForm(request.POST or None, organisation=request.organisation, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite_member(
            organisation=request.organisation, invited_by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, f"An invitation has been sent to {invitation.email}.")
        return redirect("organisations:members")
    return render(request, "organisations/invite.html", {"form": form})


@requires("organisations.change_membership")
@require_POST
def end_membership(request, membership_id: int):
    from .models import Membership

    membership = get_visible_or_404(Membership, request.user, pk=membership_id)
    services.set_membership_active(membership=membership, active=False, actor=request.user, request=request)
    messages.success(request, f"{membership.user} no longer has the {membership.get_role_display()} role.")
    return redirect("organisations:members")


@requires("core.view_dashboard")
@require_http_methods(["GET", "POST"])
def switch(request):
    form = SwitchOrganisationForm(request.POST or None, organisations=services.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["organisation"]
        return redirect("core:dashboard")
    return render(request, "organisations/switch.html", {"form": form})
