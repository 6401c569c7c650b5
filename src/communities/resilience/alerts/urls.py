from django.urls import path  # noqa: F401

app_name = "resilience_alerts"

urlpatterns: list = []
