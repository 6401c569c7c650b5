from django.apps import AppConfig


class TransportConfig(AppConfig):
    name = "communities.transport"
    label = "transport"
    verbose_name = "Volunteer Driver Service"
