from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "communities.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from communities.core.dashboard import Tile, register

        register(Tile("People", "people:list", "people.view_person", "Residents your organisation supports."))
