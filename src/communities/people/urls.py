from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("add/", views.person_add, name="add"),
    path("emergency-access/", views.break_glass, name="break_glass"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
    path("<uuid:person_id>/change/", views.person_edit, name="edit"),
]
