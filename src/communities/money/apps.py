from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "communities.money"
    label = "money"
    verbose_name = "Money"

    def ready(self):
        from communities.core.dashboard import Tile, register

        register(
            Tile(
                "Money check",
                "money:index",
                "money.run_check",
                "Check benefits and grants for a resident, make an action plan and record what they were awarded.",
            )
        )
        register(
            Tile(
                "Caseload screening",
                "money:screening",
                "money.screen_caseload",
                "Screen a caseload extract for unclaimed entitlement and run take-up campaigns.",
            )
        )
