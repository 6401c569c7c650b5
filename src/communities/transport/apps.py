"""Volunteer Driver Service (issue 15): passengers, bookings, drivers, vehicles and compliance, daily plans from
the scheduling core, run sheets, trip outcomes and mileage claims.
"""
from django.apps import AppConfig

# The drivers' reminder, in the room rather than in core/notify.py's table (registered at start-up).
CHECK_EXPIRING = (
    "Your {what} expires on {expires}",
    "Dear {name},\n\nYour {what} for the Volunteer Driver Service of {organisation} expires on {expires}. After "
    "that date we cannot offer you the trips that need it.\n\nPlease send the coordinator your renewed details. "
    "Your driver page: {link}",
)


class TransportConfig(AppConfig):
    name = "communities.transport"
    label = "transport"
    verbose_name = "Volunteer Driver Service"

    def ready(self):
        from communities.core import notify
        from communities.core.dashboard import Tile, register
        from communities.people import timeline

        from . import privacy, rules  # noqa: F401  (registrations)
        from .timeline import trip_entries

        notify.TEMPLATES.setdefault("transport_check_expiring", CHECK_EXPIRING)
        timeline.register("transport", trip_entries)
        register(Tile("Volunteer Driver Service", "transport:home", "transport.view_trips",
                      "Trips waiting for a driver, today's trips and checks about to expire.", figure=_waiting))


def _waiting(request) -> str:
    from .queries import home_figures

    figures = home_figures(request.user)
    return f"{figures['waiting']:,} waiting, {figures['today']:,} today"
