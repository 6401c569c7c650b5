from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "communities.organisations"
    label = "organisations"
    verbose_name = "Organisations"
