from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "communities.volunteering"
    label = "volunteering"
    verbose_name = "Volunteering and community action"
