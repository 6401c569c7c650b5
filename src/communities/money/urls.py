from django.urls import path

from .views import checks, records, screening

app_name = "money"
urlpatterns = [
    path("", checks.index, name="index"),
    path("check/", checks.check_new, name="check_new"),
    path("people/<uuid:person_id>/", checks.person_checks, name="person"),
    path("people/<uuid:person_id>/check/", checks.check_person, name="check_person"),
    path("checks/recent/", checks.recent_checks, name="recent_checks"),
    path("check/<slug:check_id>/delete/", checks.check_delete, name="check_delete"),
    path("check/<slug:check_id>/", checks.check_result, name="check_result"),
    path("check/<slug:check_id>/plan/", checks.check_plan, name="check_plan"),
    path("check/<slug:check_id>/what-if/", checks.check_whatif, name="check_whatif"),
    path("check/<slug:check_id>/save/", checks.check_save, name="check_save"),
    path("saved/<uuid:saved_id>/", records.saved_check, name="saved_check"),
    path("saved/<uuid:saved_id>/outcomes/add/", records.outcome_add, name="outcome_add"),
    path("report/", records.report, name="report"),
    path("report/income-gained.csv", records.report_csv, name="report_csv"),
    path("screening/", screening.screening, name="screening"),
    path("screening/<int:extract_id>/", screening.extract_detail, name="extract"),
    path("screening/<int:extract_id>/retry/", screening.extract_retry, name="extract_retry"),
    path("screening/<int:extract_id>/campaigns/new/", screening.campaign_new, name="campaign_new"),
    path("campaigns/<int:campaign_id>/", screening.campaign_detail, name="campaign"),
    path("campaigns/<int:campaign_id>/export.csv", screening.campaign_csv, name="campaign_csv"),
]
