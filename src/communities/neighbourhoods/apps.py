from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "communities.neighbourhoods"
    label = "neighbourhoods"
    verbose_name = "Neighbourhood profiles"
