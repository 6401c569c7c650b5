"""Neighbourhood profiles (issue 18): deprivation, Census 2021, crime and services per ward, LSOA and chosen
neighbourhood, with small numbers suppressed.
"""
from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "communities.neighbourhoods"
    label = "neighbourhoods"
    verbose_name = "Neighbourhood profiles"

    def ready(self):
        from . import privacy, rules  # noqa: F401 - registrations
