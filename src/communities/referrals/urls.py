from django.urls import path

from .views import inbox, refer, report

app_name = "referrals"
urlpatterns = [
    path("", inbox.dashboard, name="dashboard"),
    path("outcomes/", report.funnel, name="funnel"),
    path("refer/service/<uuid:service_id>/", refer.choose_person, name="choose_person"),
    path("refer/person/<uuid:person_id>/", refer.choose_service, name="choose_service"),
    path("refer/service/<uuid:service_id>/person/<uuid:person_id>/", refer.confirm, name="confirm"),
    path("refer/organisation/<uuid:organisation_id>/person/<uuid:person_id>/", refer.confirm_organisation,
         name="confirm_organisation"),
    path("services/<uuid:service_id>/target/", inbox.target, name="target"),
    path("<uuid:referral_id>/", inbox.detail, name="detail"),
    path("<uuid:referral_id>/respond/", inbox.respond, name="respond"),
    path("<uuid:referral_id>/fhir/", inbox.export_fhir, name="fhir"),
]
