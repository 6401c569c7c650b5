"""Weather-health alerts: CAP 1.2 import or entry by hand, cohort rules as data, incidents opened for amber and red
alerts in the area; and the community risk map per LSOA.
"""
from django.apps import AppConfig


class ResilienceAlertsConfig(AppConfig):
    name = "communities.resilience.alerts"
    label = "resilience_alerts"
    verbose_name = "Weather-health alerts and community risk"

    def ready(self):
        from . import privacy, rules  # noqa: F401 - registrations
