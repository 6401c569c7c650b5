"""Equality and Poverty Impact Assessments, prefilled with evidence from the platform.
"""
from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "communities.impact"
    label = "impact"
    verbose_name = "Impact assessments"

    def ready(self):
        from communities.core import notify
        from communities.core.dashboard import Tile, register

        from . import privacy, rules  # noqa: F401  (registrations)
        from .reminders import EMAIL

        notify.TEMPLATES.setdefault("impact_review_due", EMAIL)
        register(Tile("Impact assessments", "impact:register", "impact.view_assessment",
                      "Equality and Poverty Impact Assessments: drafts, sign-off, published, reviews due."))
