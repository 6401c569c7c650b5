from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "communities.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from communities.audit.services import OBJECT_ID_ALIASES
        from communities.core.dashboard import Tile, register

        from .merge import audit_aliases
        from .timeline_providers import register_all

        register_all()
        if audit_aliases not in OBJECT_ID_ALIASES:
            OBJECT_ID_ALIASES.append(audit_aliases)

        register(Tile("People", "people:list", "people.view_person", "Residents your organisation supports."))
        register(Tile(
            "Emergency access reviews", "people:break_glass_reviews", "audit.review_break_glass",
            "Emergency access to records of people your organisation supports, for you to review.",
            figure=_waiting_reviews,
        ))


def _waiting_reviews(request) -> str:
    from communities.organisations.scoping import visible

    from .models import BreakGlassReview

    return f"{visible(BreakGlassReview, request.user).waiting().count():,} waiting"
