from django.apps import AppConfig


class TransportPlanningConfig(AppConfig):
    name = "communities.transport.planning"
    label = "transport_planning"
    verbose_name = "Volunteer Driver Service daily plans"
