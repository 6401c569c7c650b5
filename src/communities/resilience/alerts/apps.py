from django.apps import AppConfig


class ResilienceAlertsConfig(AppConfig):
    name = "communities.resilience.alerts"
    label = "resilience_alerts"
    verbose_name = "Weather-health alerts and community risk"
