from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "communities.core"
    label = "core"
    verbose_name = "Core"
