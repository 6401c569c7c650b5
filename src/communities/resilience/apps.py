"""Emergencies (issue 17): consented vulnerable-people register, lists of lists, incidents and call lists,
weather-health alerts, community risk map.
"""
from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "communities.resilience"
    label = "resilience"
    verbose_name = "Emergencies"

    def ready(self):
        from . import rules  # noqa: F401  (permissions)
