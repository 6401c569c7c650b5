from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "communities.demo"
    label = "demo"
    verbose_name = "Demonstration borough"
