from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "communities.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import periodic  # noqa: F401 (registers the job handler that runs periodic tasks)
