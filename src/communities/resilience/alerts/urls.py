from django.urls import path

from .views import alerts, risk

app_name = "resilience_alerts"

urlpatterns = [
    path("", alerts.alert_list, name="list"),
    path("import/", alerts.import_alert, name="import"),
    path("new/", alerts.enter_alert, name="enter"),
    path("play-demo/", alerts.play_demo_alert, name="play_demo"),
    path("risk/", risk.risk_map, name="risk_map"),
    path("risk.csv", risk.risk_csv, name="risk_csv"),
    path("<uuid:alert_id>/", alerts.alert_detail, name="detail"),
]
