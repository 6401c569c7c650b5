from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "communities.activities"
    label = "activities"
    verbose_name = "Activities (OpenActive)"
