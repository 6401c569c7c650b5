from django.urls import path

from .views import indicator, overview, report, upload

app_name = "insight"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("overview.csv", overview.overview_csv, name="overview_csv"),
    path("upload/", upload.upload, name="upload"),
    path("cabinet-report/", report.cabinet_report, name="report"),
    path("cabinet-report.pdf", report.cabinet_report_pdf, name="report_pdf"),
    path("indicators/<slug:indicator_code>/", indicator.detail, name="indicator"),
    path("indicators/<slug:indicator_code>/data.csv", indicator.detail_csv, name="indicator_csv"),
    path("indicators/<slug:indicator_code>/wards/", indicator.wards, name="wards"),
    path("indicators/<slug:indicator_code>/wards.csv", indicator.wards_csv, name="wards_csv"),
    path("indicators/<slug:indicator_code>/inequality/", indicator.inequality, name="inequality"),
    path("indicators/<slug:indicator_code>/inequality.csv", indicator.inequality_csv, name="inequality_csv"),
    path("indicators/<slug:indicator_code>/map/", indicator.ward_map, name="map"),
]
