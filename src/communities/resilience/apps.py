"""Emergencies (issue 17): consented vulnerable-people register, lists of lists, incidents and call lists,
weather-health alerts, community risk map.
"""
from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "communities.resilience"
    label = "resilience"
    verbose_name = "Emergencies"

    def ready(self):
        from communities.core import notify
        from communities.core.dashboard import Tile, register
        from communities.people import timeline

        from . import privacy, rules  # noqa: F401  (registrations and permissions)
        from .reminders import EMAIL, SMS
        from .timeline import register_entries

        notify.TEMPLATES.setdefault("resilience_reviews_due", EMAIL)
        notify.SMS_TEMPLATES.setdefault("resilience_review_due", SMS)
        notify.TEMPLATES.setdefault("resilience_call_list", CALL_LIST_EMAIL)
        timeline.register("resilience", register_entries)
        register(Tile("Emergencies", "resilience:home", "resilience.run_incident",
                      "The emergency register, data holders to ask, open incidents and their call progress.",
                      figure=_open_incidents))
        register(Tile("Emergency register", "resilience:register", "resilience.register_resident",
                      "Residents who agreed to be contacted and helped in an emergency; reviews due.",
                      figure=_reviews_due))
        register(Tile("My emergency calls", "resilience:my_calls", "resilience.respond",
                      "The people on your call list in an open incident, in call order."))


CALL_LIST_EMAIL = ("Your emergency call list: {incident}",
                   "{organisation} has given you {count} people to call in the incident \"{incident}\". Open your "
                   "call list here (it works only while the incident is open): {link}")


def _open_incidents(request) -> str:
    from .models import Incident

    found = Incident.objects.visible_to(request.user).open()
    return f"{found.filter(exercise=False).count():,} open, {found.filter(exercise=True).count():,} exercises"


def _reviews_due(request) -> str:
    from .views.register import _listed

    return f"{_listed(request, 'current').count():,} on the register, {_listed(request, 'due').count():,} reviews due"
