from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:membership_id>/end/", views.end_membership, name="end_membership"),
    path("switch/", views.switch, name="switch"),
]
