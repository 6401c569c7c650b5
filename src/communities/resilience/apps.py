from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "communities.resilience"
    label = "resilience"
    verbose_name = "Emergencies"
