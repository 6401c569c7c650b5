"""Volunteering and community action: opportunities, volunteers and their checks, hours, community groups and
events, residents' ideas, impact.
"""
from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "communities.volunteering"
    label = "volunteering"
    verbose_name = "Volunteering and community action"

    def ready(self):
        from communities.accounts import mfa
        from communities.core.dashboard import Tile, register
        from communities.people import timeline

        from . import privacy, rules  # noqa: F401  (registrations)
        from .timeline import volunteering_entries

        timeline.register("volunteering", volunteering_entries)
        if touches_personal_data not in mfa.SECOND_FACTOR_NEEDED:
            mfa.SECOND_FACTOR_NEEDED.append(touches_personal_data)
        register(Tile(
            "Volunteers' hours to approve", "volunteering:organiser_home", "volunteering.organise",
            "Hours your organisation's volunteers logged that wait for you, and applications to decide.",
            figure=_waiting,
        ))


def touches_personal_data(user) -> bool:
    """A resident approved for (or signed up to) a role that shows them residents' personal data."""
    from .models import Application

    return Application.objects.filter(volunteer__user=user, status="approved",
                                      role__touches_personal_data=True).exists()


def _waiting(request) -> str:
    from .models import Application, HoursLog

    hours = HoursLog.objects.visible_to(request.user).pending().count()
    applications = Application.objects.visible_to(request.user).filter(status="applied").count()
    return f"{hours:,} hours entries, {applications:,} applications"
