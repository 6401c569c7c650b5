"""Physical activity sessions imported from OpenActive RPDE feeds and shown in Find help beside the directory's
services."""
from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "communities.activities"
    label = "activities"
    verbose_name = "Activities (OpenActive)"

    def ready(self):
        from . import privacy, rules  # noqa: F401 (registrations)
