from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:activity_id>/", views.activity, name="activity"),
    path("feeds/", views.feeds, name="feeds"),
]
