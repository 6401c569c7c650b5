"""Volunteer Driver Service (issue 15): passengers, bookings, drivers, vehicles and compliance, daily plans from
the scheduling core, run sheets, trip outcomes and mileage claims.
"""
from django.apps import AppConfig


class TransportConfig(AppConfig):
    name = "communities.transport"
    label = "transport"
    verbose_name = "Volunteer Driver Service"

    def ready(self):
        from . import rules  # noqa: F401
