from django.apps import AppConfig


class BefriendingConfig(AppConfig):
    name = "communities.befriending"
    label = "befriending"
    verbose_name = "Befriending"
