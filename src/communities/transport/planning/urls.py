from django.urls import path  # noqa: F401

app_name = "transport_planning"

urlpatterns: list = []
