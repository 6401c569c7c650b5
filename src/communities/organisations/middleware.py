"""Re-check membership on every request (shape after MBS's CurrentProviderMiddleware)."""

from __future__ import annotations

from .services import current_membership_state

SESSION_KEY = "current_organisation_id"


class CurrentOrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            organisation, roles = current_membership_state(user, request.session.get(SESSION_KEY))
            request.organisation = organisation
            user.current_organisation = organisation
            user.current_roles = roles
            if organisation is None:
                request.session.pop(SESSION_KEY, None)
            else:
                request.session[SESSION_KEY] = str(organisation.pk)
        return self.get_response(request)
