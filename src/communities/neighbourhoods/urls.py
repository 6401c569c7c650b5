from django.urls import path

from . import views

app_name = "neighbourhoods"

_AREA = "<str:profile_kind>/<str:profile_code>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new_neighbourhood, name="new_neighbourhood"),
    path(f"partner/{_AREA}", views.partner_profile, name="partner_profile"),
    path(f"partner/{_AREA}csv/", views.partner_profile_csv, name="partner_profile_csv"),
    path(f"partner/{_AREA}pdf/", views.partner_profile_pdf, name="partner_profile_pdf"),
    path(_AREA, views.profile, name="profile"),
    path(f"{_AREA}csv/", views.profile_csv, name="profile_csv"),
    path(f"{_AREA}pdf/", views.profile_pdf, name="profile_pdf"),
]
