from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "communities.providers"
    label = "providers"
    verbose_name = "Provider quality"

    def ready(self):
        from communities.core.dashboard import Tile, register

        register(Tile(
            "Provider quality", "providers:list", "providers.view_provider",
            "Care and support providers the council commissions: quality concerns, visits and RAG status.",
            figure=_red_providers,
        ))


def _red_providers(request) -> str:
    from communities.organisations.scoping import visible

    from .models import Provider, Rag

    return f"{visible(Provider, request.user).filter(rag_status=Rag.RED).count():,} red"
