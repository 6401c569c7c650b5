from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "communities.places"
    label = "places"
    verbose_name = "Places"
