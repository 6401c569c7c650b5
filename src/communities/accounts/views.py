"""Accepting an invitation: a new member sets their name and password, then sets up their second factor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.organisations.services import InvitationError, accept_invitation, find_invitation

from .forms import AcceptInvitationForm
from .services import create_account, find_by_email


@require_http_methods(["GET", "POST"])
def accept_invitation_view(request, token: str):
    try:
        invitation = find_invitation(token)
    except InvitationError as exc:
        return render(request, "accounts/invitation_invalid.html", {"message": str(exc)}, status=404)

    existing = find_by_email(invitation.email)
    if existing is not None:
        if request.user.is_authenticated and request.user.pk == existing.pk:
            if request.method == "POST":
                try:
                    accept_invitation(token=token, user=existing, request=request)
                except InvitationError as exc:  # e.g. their own invitation: another administrator must invite them
                    return render(request, "accounts/invitation_invalid.html", {"message": str(exc)}, status=403)
                messages.success(request, f"You have joined {invitation.organisation}.")
                return redirect("core:dashboard")
            return render(request, "accounts/invitation_existing.html", {"invitation": invitation})
        messages.info(request, "You already have an account. Sign in, then open the invitation link again.")
        return redirect(f"/accounts/login/?next={request.path}")

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = create_account(
                email=invitation.email,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                request=request,
            )
            accept_invitation(token=token, user=user, request=request)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, f"Welcome. You have joined {invitation.organisation}. Now set up your second factor.")
        return redirect("mfa_activate_totp")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})
