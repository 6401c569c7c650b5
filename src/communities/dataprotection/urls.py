from django.urls import path

from . import views

app_name = "dataprotection"
urlpatterns = [
    path("", views.request_list, name="requests"),
    path("schedule/", views.retention_schedule, name="schedule"),
    path("people/<uuid:person_id>/new/", views.request_new, name="request_new"),
    path("requests/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<uuid:request_id>/export/", views.export_page, name="export"),
    path("requests/<uuid:request_id>/export.json", views.export_json, name="export_json"),
    path("requests/<uuid:request_id>/export.pdf", views.export_pdf, name="export_pdf"),
    path("requests/<uuid:request_id>/sent/", views.mark_sent, name="mark_sent"),
    path("requests/<uuid:request_id>/erase/", views.erasure_decision, name="erasure_decision"),
]
