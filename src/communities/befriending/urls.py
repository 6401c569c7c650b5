from django.urls import path

from . import views

app_name = "befriending"

urlpatterns = [
    path("cases/", views.cases, name="cases"),
    path("cases/<uuid:befriending_case_id>/", views.case, name="case"),
    path("cases/<uuid:befriending_case_id>/needs/", views.needs, name="needs"),
    path("cases/<uuid:befriending_case_id>/match/", views.match, name="match"),
    path("cases/<uuid:befriending_case_id>/meeting/", views.meeting, name="meeting"),
    path("cases/<uuid:befriending_case_id>/measure/", views.measure, name="measure"),
    path("cases/<uuid:befriending_case_id>/check-in/", views.checkin, name="checkin"),
    path("cases/<uuid:befriending_case_id>/end/", views.end, name="end"),
    path("befrienders/", views.befrienders, name="befrienders"),
    path("my-matches/", views.my_matches, name="my_matches"),
    path("impact/", views.impact, name="impact"),
]
