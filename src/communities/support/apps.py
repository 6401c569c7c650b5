from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "communities.support"
    label = "support"
    verbose_name = "Support plans and carers"

    def ready(self):
        from communities.core.dashboard import Tile, register
        from communities.people import timeline

        from . import merge
        from .timeline import support_entries

        timeline.register("support", support_entries)
        merge.register()
        register(Tile(
            "My reviews due", "support:my_reviews", "support.view_support",
            "Support plan reviews you lead that fall due in the next four weeks, overdue ones first.",
            figure=_my_reviews_due,
        ))


def _my_reviews_due(request) -> str:
    from .services.plans import reviews_due_for

    due = reviews_due_for(request.user)
    overdue = sum(1 for plan in due if plan.is_overdue)
    return f"{len(due):,} due, {overdue:,} overdue"
