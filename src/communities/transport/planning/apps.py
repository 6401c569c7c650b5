from django.apps import AppConfig


class TransportPlanningConfig(AppConfig):
    name = "communities.transport.planning"
    label = "transport_planning"
    verbose_name = "Volunteer Driver Service daily plans"

    def ready(self):
        from . import privacy, rules  # noqa: F401
        from .messages import register_templates

        register_templates()
