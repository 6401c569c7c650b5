from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("", views.index, name="index"),
    path("postcode/", views.postcode_lookup, name="postcode_lookup"),
    path("wards/<str:ward_code>/", views.ward, name="ward"),
]
