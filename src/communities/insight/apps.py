from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "communities.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self):
        from communities.core.dashboard import Tile, register

        register(
            Tile(
                "What success looks like",
                "insight:overview",
                "insight.view_indicators",
                "The outcomes framework: every indicator against England, trends, wards and inequality.",
                figure=_indicator_count,
            )
        )


def _indicator_count(request) -> str:
    from .models import Indicator

    count = Indicator.objects.count()
    return f"{count:,} indicator{'' if count == 1 else 's'}"
