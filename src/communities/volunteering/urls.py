"""Volunteering and community action: URLs. Public: the listing, a role's page, community action, registering,
the open data feeds (core.access.PUBLIC_URL_NAMES). The rest declare their permission."""
from django.urls import path

from .views import community, organiser, public, volunteer

app_name = "volunteering"

urlpatterns = [
    # Public
    path("", public.opportunities, name="opportunities"),
    path("roles/<uuid:vol_role_id>/", public.role_page, name="role"),
    path("community-action/", public.community, name="community"),
    path("register/", public.register, name="register"),
    path("open-data/opportunities.jsonld", public.feed_volunteering, name="feed_volunteering"),
    path("open-data/sessions", public.feed_sessions, name="feed_sessions"),
    # The volunteer's own pages (any signed-in account)
    path("join/", volunteer.join, name="join"),
    path("mine/", volunteer.mine, name="mine"),
    path("mine/details/", volunteer.profile, name="profile"),
    path("mine/availability/", volunteer.availability, name="availability"),
    path("mine/hours/", volunteer.log_hours, name="log_hours"),
    path("mine/certificate/", volunteer.certificate, name="certificate"),
    path("mine/certificate.pdf", volunteer.certificate_pdf, name="certificate_pdf"),
    path("roles/<uuid:vol_role_id>/apply/", volunteer.apply, name="apply"),
    path("sessions/<uuid:vol_session_id>/sign-up/", volunteer.sign_up, name="sign_up"),
    path("sign-ups/<int:vol_signup_id>/cancel/", volunteer.cancel_signup, name="cancel_signup"),
    path("ideas/", community.ideas, name="ideas"),
    path("ideas/<uuid:vol_idea_id>/", community.idea, name="idea"),
    path("ideas/<uuid:vol_idea_id>/log/", community.idea_log, name="idea_log"),
    # Organisers
    path("organise/", organiser.home, name="organiser_home"),
    path("organise/activities/new/", organiser.activity_add, name="activity_add"),
    path("organise/roles/new/", organiser.role_add, name="role_add"),
    path("organise/roles/<uuid:vol_role_id>/", organiser.role_manage, name="role_manage"),
    path("organise/roles/<uuid:vol_role_id>/sessions/new/", organiser.session_add, name="session_add"),
    path("organise/sessions/<uuid:vol_session_id>/add-volunteer/", organiser.signup_add, name="signup_add"),
    path("organise/applications/<uuid:vol_application_id>/", organiser.application, name="application"),
    path("organise/hours/<uuid:vol_hours_id>/", organiser.hours_decide, name="hours_decide"),
    path("organise/volunteers/<uuid:vol_volunteer_id>/", organiser.volunteer, name="volunteer"),
    path("organise/volunteers/<uuid:vol_volunteer_id>/checks/new/", organiser.check_add, name="check_add"),
    path("organise/groups/new/", community.group_add, name="group_add"),
    path("organise/events/new/", community.event_add, name="event_add"),
    path("organise/events/<uuid:vol_event_id>/", community.event, name="event"),
    path("organise/events/<uuid:vol_event_id>/risk-assessment", community.event_risk_assessment,
         name="event_risk_assessment"),
    path("impact/", community.impact, name="impact"),
]
