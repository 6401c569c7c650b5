from django.urls import path

from . import views

app_name = "providers"
urlpatterns = [
    path("", views.provider_list, name="list"),
    path("add/", views.provider_add, name="add"),
    path("cqc/", views.cqc_upload, name="cqc_upload"),
    path("cqc/<int:import_id>/", views.cqc_import, name="cqc_import"),
    path("concerns/", views.concern_list, name="concerns"),
    path("concerns/<int:concern_id>/", views.concern_detail, name="concern"),
    path("<int:provider_id>/", views.provider_detail, name="detail"),
    path("<int:provider_id>/change/", views.provider_edit, name="edit"),
    path("<int:provider_id>/rag/", views.rag_change, name="rag"),
    path("<int:provider_id>/concerns/add/", views.concern_add, name="concern_add"),
    path("<int:provider_id>/visits/add/", views.visit_add, name="visit_add"),
]
