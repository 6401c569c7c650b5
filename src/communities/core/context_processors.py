from django.conf import settings

from communities.organisations.navigation import navigation_for

_MFA_PAGES = frozenset({"mfa_authenticate", "mfa_reauthenticate"})


def service(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    context = {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "navigation": navigation_for(request) if signed_in else [],
        "current_organisation": getattr(request, "organisation", None),
        "user_organisations": [],
    }
    if signed_in:
        from communities.organisations.services import organisations_for

        context["user_organisations"] = organisations_for(user)
    match = getattr(request, "resolver_match", None)
    if settings.DEMO_MODE and match is not None and match.view_name in _MFA_PAGES:
        from communities.demo.logins import current_demo_codes

        context["demo_totp_codes"] = current_demo_codes()
    return context
