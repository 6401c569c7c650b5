from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "communities.directory"
    label = "directory"
    verbose_name = "Community services directory"

    def ready(self):
        from communities.core.dashboard import Tile, register

        from .services import search_index
        from .services.public_cache import connect_signals
        from .services.staleness import stale_figure

        connect_signals()
        search_index.connect_signals()

        register(
            Tile(
                "Directory of services", "directory:editor_home", "directory.edit_service",
                "Keep your organisation's listings in Find help up to date.",
            )
        )
        register(
            Tile(
                "Directory approvals and freshness", "directory:staleness", "directory.approve_change",
                "Approve changes, handle reports and chase listings nobody has checked recently.",
                figure=stale_figure,
            )
        )
