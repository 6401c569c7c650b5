"""Befriending: befriending referrals, loneliness measures, befriender matching, check-ins."""
from django.apps import AppConfig


class BefriendingConfig(AppConfig):
    name = "communities.befriending"
    label = "befriending"
    verbose_name = "Befriending"

    def ready(self):
        from django.db.models.signals import post_save

        from communities.core import notify
        from communities.core.dashboard import Tile, register
        from communities.people import timeline

        from . import privacy, rules  # noqa: F401 (registrations)
        from .services import open_case_for_referral
        from .timeline import befriending_entries

        post_save.connect(open_case_for_referral, sender="referrals.StatusChange",
                          dispatch_uid="befriending-open-case-for-accepted-referral")
        timeline.register("befriending", befriending_entries)
        register(Tile("Befriending", "befriending:cases", "befriending.manage_cases",
                      "People waiting for a befriender, matches, check-ins due and loneliness measures."))
        notify.TEMPLATES.setdefault("befriending_checkin_missed", (
            "A befriending check-in is overdue at {organisation}",
            "A check-in with a befriending match at {organisation} was due on {due} and has not been recorded.\n\n"
            "Please contact the pair and record the check-in: {link}",
        ))
