from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "communities.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self):
        # Every app that holds personal data registers its models in its own privacy.py (see registry.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("privacy")
