from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "communities.impact"
    label = "impact"
    verbose_name = "Impact assessments"
