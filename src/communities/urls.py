"""The project's URLs. Everything is private (login and MFA) unless listed in core.access.PUBLIC_URL_NAMES."""

from django.contrib import admin
from django.urls import include, path

from communities.core import views as core_views
from communities.organisations.admin_login import admin_login

urlpatterns = [
    path("", include("communities.core.urls")),
    path("account/", include("communities.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("organisations/", include("communities.organisations.urls")),
    path("places/", include("communities.places.urls")),
    path("people/", include("communities.people.urls")),
    path("audit/", include("communities.audit.urls")),
    path("insight/", include("communities.insight.urls")),
    path("find-help/", include("communities.directory.urls_public")),
    path("directory/", include("communities.directory.urls_editor")),
    path("api/directory/", include("communities.directory.api.urls")),
    path("money/", include("communities.money.urls")),
    path("data-protection/", include("communities.dataprotection.urls")),
    path("referrals/", include("communities.referrals.urls")),
    path("support/", include("communities.support.urls")),
    path("providers/", include("communities.providers.urls")),
    path("transport/plans/", include("communities.transport.planning.urls")),
    path("transport/", include("communities.transport.urls")),
    path("volunteering/", include("communities.volunteering.urls")),
    path("befriending/", include("communities.befriending.urls")),
    path("activities/", include("communities.activities.urls")),
    path("emergencies/alerts/", include("communities.resilience.alerts.urls")),
    path("emergencies/", include("communities.resilience.urls")),
    path("impact-assessments/", include("communities.impact.urls")),
    path("neighbourhoods/", include("communities.neighbourhoods.urls")),
    # The admin site signs people in through the service's own sign-in (password, second factor, lockout); a signed-in
    # account that is not a platform administrator is refused plainly instead of being sent round again.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
